/**
 * What the teacher-hacking chart and readout show, from the evaluation rows: per lane, the proxy
 * distance (KL(teacher‖student) on the inputs the lane trains on: its pool, or fresh draws, for
 * which the held-out set stands), the golden distance (KL(oracle‖student) on held-out inputs),
 * a power law fitted to each on log-log axes, and where the golden distance turned up.
 */
import { laneColumn } from '../../lib/columns';
import { fitLogLog, turnUp, type LogLogFit, type TurnUp } from '../../lib/loglog';
import type { OracleData } from './schema';

export interface HackingLane {
  data: OracleData;
  steps: number[];
  proxy: number[];
  golden: number[];
  proxyFit: LogLogFit | null;
  goldenFit: LogLogFit | null;
  /** Where the golden distance was lowest before it rose (null while it has not risen). */
  turned: TurnUp | null;
  /** The proxy over the same stretch: its value where the golden distance was lowest, and at its peak. */
  proxyAtTurn?: number;
  proxyAtPeak?: number;
}

/** The eval column each distance is read from, for a lane whose inputs come from `data`. */
export const proxyColumn = (data: OracleData): string => (data === 'pool' ? 'poolKl' : 'kl');
export const GOLDEN_COLUMN = 'golden';

/** A series as the run store holds it: the steps and a column by name. */
export interface EvalRows {
  steps: readonly number[];
  column(name: string): readonly number[] | undefined;
}

/**
 * `golden`: the column of the golden distance; the text task's oracle is its teacher (the shipped
 * transformer), so there it is the held-out KL(teacher‖student), 'kl'.
 */
export function hackingLanes(
  rows: EvalRows,
  laneData: readonly OracleData[],
  goldenColumn: string = GOLDEN_COLUMN,
): HackingLane[] {
  return laneData.map((data, lane) => {
    const proxyAll = rows.column(laneColumn(lane, proxyColumn(data))) ?? [];
    const goldenAll = rows.column(laneColumn(lane, goldenColumn)) ?? [];
    // Step 0 has no logarithm: the curves start at the first evaluation after it.
    const keep = rows.steps.map((_, i) => i).filter((i) => rows.steps[i]! > 0);
    const steps = keep.map((i) => rows.steps[i]!);
    const proxy = keep.map((i) => proxyAll[i] ?? NaN);
    const golden = keep.map((i) => goldenAll[i] ?? NaN);
    const turned = turnUp(steps, golden);
    const at = turned ? steps.indexOf(turned.step) : -1;
    const peak = turned ? steps.indexOf(turned.peakStep) : -1;
    return {
      data,
      steps,
      proxy,
      golden,
      proxyFit: fitLogLog(steps, proxy),
      goldenFit: fitLogLog(steps, golden),
      turned,
      proxyAtTurn: at >= 0 ? proxy[at] : undefined,
      proxyAtPeak: peak >= 0 ? proxy[peak] : undefined,
    };
  });
}

/** At most `max` rows spaced evenly in log(step), always keeping the first and the last. */
export function logSpacedIndices(steps: readonly number[], max: number): number[] {
  if (steps.length <= max) return steps.map((_, i) => i);
  const lo = Math.log(steps[0]!);
  const hi = Math.log(steps[steps.length - 1]!);
  const out: number[] = [];
  let next = 0;
  for (let k = 0; k < max; k++) {
    const target = lo + ((hi - lo) * k) / (max - 1);
    while (next < steps.length - 1 && Math.log(steps[next]!) < target) next++;
    if (out[out.length - 1] !== next) out.push(next);
  }
  if (out[out.length - 1] !== steps.length - 1) out.push(steps.length - 1);
  return out;
}
