/**
 * The student lanes of a race: each one a student, an objective with its parameters and
 * schedule, the objective's state, and an optimiser of its own. Building them and naming their
 * loss columns lives here; training them is the session's.
 */
import * as tf from '@tensorflow/tfjs';
import { signalContext, type ExperimentConfig, type Lane as LaneConfig } from '../config/schema';
import { createRng } from '../lib/rng';
import { getObjective, type ObjectiveDef } from '../objectives';
import { scheduleColumns, type LaneSchedule } from '../objectives/schedule';
import type { ObjectiveState } from '../objectives/types';
import { loadImported } from './imported';
import { buildModel } from './models/build';
import { withInputMap } from './models/sequence';
import type { Model } from './models/types';
import { buildOptimizer, disposeOptimizer, setLearningRate } from './optim';
import type { TaskData } from './task-data';
import { laneTopK, type LaneTopK } from './top-k-targets';

export interface Lane {
  def: ObjectiveDef;
  params: Record<string, number>;
  schedule: LaneSchedule;
  student: Model;
  state?: ObjectiveState;
  /** The teacher's top k this lane learns from (engine/top-k-targets.ts); undefined: all of it. */
  topK?: LaneTopK;
  /** Each lane has its own optimiser: switching one lane's objective never disturbs another. */
  optimizer: tf.Optimizer;
}

/** One column of the loss record: a lane's total, a loss part, or a charted value (t, T, α). */
export interface LossColumn {
  lane: number;
  key: string;
  label: string;
  kind: 'total' | 'part' | 'state' | 'schedule';
}

/** What a lane trains: its student's weights and its objective's trainable state. */
export const laneVariables = (l: Lane): tf.Variable[] => [...l.student.variables, ...(l.state?.trainable ?? [])];

/** The loss record's layout, lane by lane. */
export function lossColumns(lanes: readonly Lane[]): LossColumn[] {
  return lanes.flatMap((l, lane) => [
    { lane, key: 'total', label: 'Total', kind: 'total' as const },
    ...l.def.components.map((c) => ({ lane, ...c, kind: 'part' as const })),
    ...(l.def.stateColumns ?? []).map((c) => ({ lane, ...c, kind: 'state' as const })),
    ...scheduleColumns(l.def).map((c) => ({ lane, ...c, kind: 'schedule' as const })),
  ]);
}

/** Objective state for a lane (e.g. a FitNets projection), seeded per lane and objective. */
export function createLaneState(
  config: ExperimentConfig,
  teacherFeatureDim: number,
  def: ObjectiveDef,
  params: Record<string, number>,
  lane: number,
): ObjectiveState | undefined {
  if (!def.createState) return undefined;
  const rng = createRng(config.seed, `state:${lane}:${def.id}`);
  const ctx = { ...signalContext(config), teacherFeatureDim };
  return def.createState(tf, { ...ctx, random: () => rng.next() }, params);
}

/**
 * One lane at its initial weights. The same seed (or the same imported weights) for every
 * lane: every lane of a race starts from identical weights.
 */
export async function buildLane(
  config: ExperimentConfig,
  data: TaskData,
  teacherFeatureDim: number,
  cfg: LaneConfig,
  index: number,
): Promise<Lane> {
  const def = getObjective(cfg.objective);
  const spec = config.student;
  const studentVocab = data.host.text?.student;
  const classes = studentVocab?.chars.length ?? data.classes;
  const built =
    spec.kind === 'imported'
      ? await loadImported(spec, data.inputShape, classes, true)
      : buildModel(spec, data.inputShape, classes, createRng(config.seed, 'student'), `student${index}`);
  // A student with its own vocabulary reads the teacher's ids through the map.
  const student = studentVocab ? withInputMap(built, studentVocab.map) : built;
  const params = { ...cfg.params };
  return {
    def,
    params,
    schedule: { ...cfg.schedule },
    topK: laneTopK(cfg, data.classes),
    student,
    optimizer: buildOptimizer(config.train),
    state: createLaneState(config, teacherFeatureDim, def, params, index),
  };
}

export function disposeLane(lane: Lane): void {
  lane.student.dispose();
  lane.state?.variables.forEach((v) => v.dispose());
  disposeOptimizer(lane.optimizer);
}

/**
 * Applies a config whose differences are all live (see config/changes.ts). A lane whose
 * objective changed keeps its student's weights and gets the new objective's state and a fresh
 * optimiser, from the next step on. True when a lane's set of variables changed (an objective).
 */
export function applyLiveEdit(
  lanes: readonly Lane[],
  config: ExperimentConfig,
  makeState: (def: ObjectiveDef, params: Record<string, number>, lane: number) => ObjectiveState | undefined,
  classes: number,
): boolean {
  let switched = false;
  config.lanes.forEach((cfg, i) => {
    const lane = lanes[i];
    if (!lane) return;
    if (lane.def.id !== cfg.objective) {
      lane.state?.variables.forEach((v) => v.dispose());
      disposeOptimizer(lane.optimizer);
      lane.def = getObjective(cfg.objective);
      lane.state = makeState(lane.def, cfg.params, i);
      lane.optimizer = buildOptimizer(config.train);
      switched = true;
    }
    lane.params = { ...cfg.params };
    lane.schedule = { ...cfg.schedule };
    lane.topK = laneTopK(cfg, classes);
    setLearningRate(lane.optimizer, config.train.lr);
  });
  return switched;
}
