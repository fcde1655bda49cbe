/**
 * How a flush's read-back becomes rows: the loss table with the host-side schedule columns
 * interleaved lane by lane, and each evaluation's values laid out per lane (metrics, then
 * saliency agreement where there is a probe). Host arithmetic only.
 */
import { saliencyAgreement } from './evaluation';
import type { LossColumn } from './lanes';
import type { SaliencyProbe } from './saliency-probe';

/** Row-major [rows, columns.length]: device values in order, schedule values from the host. */
export function lossTable(
  columns: readonly LossColumn[],
  rows: number,
  deviceWidth: number,
  device: ArrayLike<number> | undefined,
  scheduleRows: number[][],
): Float32Array {
  const width = columns.length;
  const losses = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let dev = r * deviceWidth;
    let host = 0;
    columns.forEach((c, j) => {
      losses[r * width + j] = c.kind === 'schedule' ? scheduleRows[r]![host++]! : device![dev++]!;
    });
  }
  return losses;
}

interface EvalLayout {
  lanes: number;
  metricsPerLane: number;
  /** Values per lane: the metrics, then the saliency agreement columns. */
  perLane: number;
  probe?: SaliencyProbe;
}

/** Each evaluation's values, row-major [lanes, perLane] (NaN where nothing was measured). */
export function evalRows(
  evals: readonly { step: number }[],
  metrics: ArrayLike<number> | undefined,
  gaps: (ArrayLike<number> | undefined)[],
  saliency: (ArrayLike<number> | undefined)[],
  { lanes, metricsPerLane, perLane, probe }: EvalLayout,
): { step: number; values: Float32Array; gap?: Float32Array }[] {
  return evals.map((e, i) => {
    const values = new Float32Array(lanes * perLane).fill(NaN);
    const agreement =
      saliency[i] && probe
        ? saliencyAgreement(saliency[i] as Float32Array, probe.teacher, lanes, probe.foreground)
        : [];
    for (let l = 0; l < lanes; l++) {
      values.set(
        (metrics as Float32Array).subarray((i * lanes + l) * metricsPerLane, (i * lanes + l + 1) * metricsPerLane),
        l * perLane,
      );
      if (agreement[l]) values.set(agreement[l]!, l * perLane + metricsPerLane);
    }
    return { step: e.step, values, gap: gaps[i] as Float32Array | undefined };
  });
}
