/** A duration as a person says it: "40 s", "3 min", "1 h 20 min". */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
