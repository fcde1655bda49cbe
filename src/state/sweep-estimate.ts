/** The time per training step the last sweep measured on this device (localStorage), for the next sweep's estimate. */
const KEY = 'kd-studio-sweep-ms-per-step';

export function measuredMsPerStep(): number | undefined {
  try {
    const v = Number(localStorage.getItem(KEY));
    return Number.isFinite(v) && v > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

export function rememberMsPerStep(ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0) return;
  try {
    localStorage.setItem(KEY, String(ms));
  } catch {
    // Storage refused (private mode): the next sweep is simply not estimated.
  }
}
