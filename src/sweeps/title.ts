/** How a sweep is named in its results and in History: its own title, or what it varies. */
import type { SweepSpec } from './types';

export function sweepTitle(spec: SweepSpec): string {
  if (spec.title) return spec.title;
  if (spec.axes.length === 0) return `${spec.seeds.length} seeds`;
  const axes = spec.axes.map((a) => a.label ?? a.path).join(' × ');
  return `Sweep of ${axes} (${spec.seeds.length} seeds, ${spec.steps} steps)`;
}
