/** The hover readout's lines about the mid-run changes near the step under the pointer. */
import type { RunMarker } from '../../state/change-markers';
import type { Geometry } from './live-draw';

/** Pixels either side of a marker within which the hover readout names it. */
const NEAR_PX = 6;

/** The markers within a few pixels of `step` on a chart drawn with `g`. */
export function markersNear(markers: readonly RunMarker[], step: number, g: Geometry | null): RunMarker[] {
  if (!g || !markers.length) return [];
  const tolerance = (NEAR_PX / Math.max(1, g.plotW)) * g.xMax;
  return markers.filter((m) => Math.abs(m.step - step) <= tolerance);
}

export function MarkerNote({ markers }: { markers: RunMarker[] }) {
  return markers.map((m) => (
    <div key={`${m.step}:${m.detail}`} className="chart-tooltip-change">
      Changed at step {m.step.toLocaleString('en-US')}: {m.detail}
    </div>
  ));
}
