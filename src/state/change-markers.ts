/**
 * What changed mid-run, for the charts' markers: an edit that applied live (an objective
 * switched, a learning rate or temperature changed) at a step of a run under way. Worded from
 * the two experiments, with the fields named as the control panel labels them. Pure.
 */
import { fieldName } from '../config/field-labels';
import type { ExperimentConfig } from '../config/schema';
import { diffPaths } from '../share/diff';
import { hasObjective, shortObjectiveName } from '../objectives';
import { getIn } from '../lib/path';

export interface RunMarker {
  /** The first step trained under the new setting. */
  step: number;
  /** A few words drawn beside the marker: "Objective DKD", "Learning rate 0.003". */
  label: string;
  /** Every change, in full: "Student 1 › Objective Hinton KD → DKD". */
  detail: string;
}

/** Settings that change how fast or how long the run goes, or what is measured, not what it learns. */
const PACE = new Set(['train.stepsPerFrame', 'train.steps', 'train.evalEvery']);

const LANE_OBJECTIVE = /^lanes\.(\d+)\.objective$/;

function valueText(v: unknown, scale: number): string {
  if (typeof v === 'number') return String(+(v * scale).toPrecision(4));
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

const objectiveText = (id: unknown) =>
  typeof id === 'string' && hasObjective(id) ? shortObjectiveName(id) : String(id);

/** The marker for an edit from `prev` to `next` that applied at `step`; null when nothing it shows changed. */
export function changeMarker(prev: ExperimentConfig, next: ExperimentConfig, step: number): RunMarker | null {
  const paths = diffPaths(prev, next).map(([path]) => path);
  const switched = new Set(paths.flatMap((p) => LANE_OBJECTIVE.exec(p)?.[1] ?? []));
  const short: string[] = [];
  const full: string[] = [];
  for (const path of paths) {
    if (PACE.has(path)) continue;
    const lane = /^lanes\.(\d+)\./.exec(path)?.[1];
    // A switched objective brings its own parameters: the switch says it all.
    if (lane !== undefined && switched.has(lane) && !LANE_OBJECTIVE.test(path)) continue;
    const name = fieldName(next, path);
    const label = name?.label ?? path;
    const where = name?.section ? `${name.section} › ${label}` : label;
    if (LANE_OBJECTIVE.test(path)) {
      short.push(`${label} ${objectiveText(getIn(next, path))}`);
      full.push(`${where} ${objectiveText(getIn(prev, path))} → ${objectiveText(getIn(next, path))}`);
    } else {
      const scale = name?.scale ?? 1;
      short.push(`${label} ${valueText(getIn(next, path), scale)}`);
      full.push(`${where} ${valueText(getIn(prev, path), scale)} → ${valueText(getIn(next, path), scale)}`);
    }
  }
  if (!full.length) return null;
  const label = short.length > 1 ? `${short[0]} +${short.length - 1}` : short[0]!;
  return { step, label, detail: full.join(', ') };
}
