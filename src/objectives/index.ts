/**
 * The objective registry. Adding an objective = writing one module and listing it here; the
 * config schema, the control panel and the trainer all read this list.
 */
import ab from './ab-divergence';
import baseline from './baseline';
import dkd from './dkd';
import features from './features';
import hinton from './hinton';
import jsd from './jsd';
import reverseKl from './reverse-kl';
import rkd from './rkd';
import skewKl from './skew-kl';
import skewReverseKl from './skew-reverse-kl';
import taid from './taid';
import tvd from './tvd';
import uld from './uld';
import { currentTemperature, type LaneSchedule } from './schedule';
import type { ObjectiveDef, SignalContext } from './types';

export const OBJECTIVES: readonly ObjectiveDef[] = [
  hinton,
  reverseKl,
  jsd,
  tvd,
  skewKl,
  skewReverseKl,
  taid,
  dkd,
  ab,
  features,
  rkd,
  uld,
  baseline,
];

const byId = new Map(OBJECTIVES.map((o) => [o.id, o]));

/** An objective's name without its parenthesis ("Hinton KD", not "Hinton KD (soft targets)"). */
export const shortObjectiveName = (id: string): string => getObjective(id).name.replace(/ \(.*\)$/, '');

/** How a student lane is named on charts and exports: "1 · Hinton KD" (lane from 0). */
export const laneName = (lane: number, objectiveId: string): string =>
  `${lane + 1} · ${shortObjectiveName(objectiveId)}`;

export function getObjective(id: string): ObjectiveDef {
  const o = byId.get(id);
  if (!o) throw new Error(`Unknown objective “${id}”`);
  return o;
}

export const hasObjective = (id: string): boolean => byId.has(id);

/** The objective's parameters with every missing one filled from its defaults. */
export function defaultParams(def: ObjectiveDef): Record<string, number> {
  return Object.fromEntries(def.params.map((p) => [p.key, p.default]));
}

/**
 * The temperature a lane's views show after `stepsDone` steps: its objective's, with missing
 * parameters taken from the defaults and the lane's schedule applied (see currentTemperature).
 */
export function laneTemperature(
  lane: { objective: string; params: Readonly<Record<string, number>>; schedule: LaneSchedule },
  stepsDone: number,
  totalSteps: number,
): number {
  const def = getObjective(lane.objective);
  return currentTemperature(def, { ...defaultParams(def), ...lane.params }, lane.schedule, stepsDone, totalSteps);
}

/** Why `def` cannot run with these models (and, given, these parameters: else its defaults), or null. */
export function unavailableReason(
  def: ObjectiveDef,
  ctx: SignalContext,
  params: Readonly<Record<string, number>> = defaultParams(def),
): string | null {
  if (def.needs.sharedVocabulary && ctx.sharedVocabulary === false)
    return 'compares teacher and student character by character: it needs a shared vocabulary (ULD does not)';
  if (def.needs.features && ctx.teacherFeatures === false)
    return 'needs the teacher’s hidden features, which the teacher-output pool does not store: use fresh windows';
  if (ctx.teacherZeros && def.infiniteWhereTeacherIsZero?.(params))
    return 'is infinite where the teacher gives a token no probability, as renormalised top-k outputs do: spread the missing probability uniformly, or store the full outputs';
  return def.unavailable?.(ctx) ?? null;
}

export type { ObjectiveDef, ParamSpec, SignalContext } from './types';
