/**
 * A host copy of the students, taken between steps: every lane's weights, its model state
 * (BatchNormalization statistics), its objective's state and its optimiser's moments, at one
 * step. The device copies in checkpoints.ts die with their backend (a lost GPU device, a dead
 * worker, a closed tab); this one is plain typed arrays, so it survives in the worker's memory,
 * travels to the page and is stored with the run in History. Restoring one puts a session's
 * students back exactly where they were, so the run goes on instead of starting again.
 */
import * as tf from '@tensorflow/tfjs';
import { adamPowers, buildOptimizer, disposeOptimizer } from './optim';
import type { Lane } from './lanes';
import type { Session } from './session';

export interface HostTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

export interface LaneSnapshot {
  objective: string;
  /** Student weights, then its model state, then its objective's state variables. */
  variables: HostTensor[];
  /** The optimiser (its tfjs class), its step count and its slots (Adam's moments, momentum's). */
  optimizer: {
    kind: string;
    iterations: number;
    slots: { name: string; tensor: HostTensor }[];
    /** Adam's β1ᵗ and β2ᵗ as it computed them (optim.ts adamPowers). */
    powers: HostTensor[];
  };
}

export interface StudentSnapshot {
  format: 'kd-studio-students';
  version: 1;
  /** The steps the students had taken. */
  step: number;
  /** The teacher they learned from: its weights hash, and its weights when it was trained here. */
  teacherHash: string;
  teacherWeights?: Float32Array;
  lanes: LaneSnapshot[];
}

/** Every variable of a lane a snapshot holds, in its order. */
const laneState = (l: Lane): tf.Variable[] => [
  ...l.student.variables,
  ...(l.student.state ?? []),
  ...(l.state?.variables ?? []),
];

/** Reads every tensor in one read-back per dtype (one round trip on a GPU). */
async function readAll(tensors: tf.Tensor[]): Promise<HostTensor[]> {
  const out: HostTensor[] = new Array<HostTensor>(tensors.length);
  for (const dtype of ['float32', 'int32'] as const) {
    const idx = tensors.flatMap((t, i) => (t.dtype === dtype ? [i] : []));
    if (!idx.length) continue;
    const flat = tf.tidy(() => tf.concat(idx.map((i) => tf.reshape(tensors[i]!, [-1]))));
    const values = await flat.data<typeof dtype>();
    flat.dispose();
    let off = 0;
    for (const i of idx) {
      const t = tensors[i]!;
      const part = values.slice(off, off + t.size);
      off += t.size;
      out[i] = { shape: [...t.shape], dtype, values: part as Float32Array | Int32Array };
    }
  }
  tensors.forEach((t, i) => {
    if (!out[i]) throw new Error(`A student variable of type ${t.dtype} cannot be copied`);
  });
  return out;
}

/** The students of `session` now, as host arrays (call between ticks: after a flush). */
export async function takeSnapshot(session: Session): Promise<StudentSnapshot> {
  const lanes = session.lanes;
  const optimizers = await Promise.all(lanes.map((l) => l.optimizer.getWeights()));
  const iterations = await Promise.all(optimizers.map(async (w) => (await w[0]!.tensor.data())[0]!));
  // getWeights makes the step count a new scalar; the slots are the optimiser's own variables.
  optimizers.forEach((w) => w[0]!.tensor.dispose());
  const variables = lanes.map(laneState);
  const slots = optimizers.map((w) => w.slice(1));
  const powers = lanes.map((l) => adamPowers(l.optimizer));
  const host = await readAll([...variables.flat(), ...slots.flat().map((s) => s.tensor), ...powers.flat()]);
  let off = 0;
  const take = (n: number) => host.slice(off, (off += n));
  const laneVars = variables.map((v) => take(v.length));
  const laneSlots = slots.map((sl) => take(sl.length));
  const lanePowers = powers.map((p) => take(p.length));
  return {
    format: 'kd-studio-students',
    version: 1,
    step: session.step,
    teacherHash: session.teacher.weightsHash,
    teacherWeights: session.teacher.trainedWeights,
    lanes: lanes.map((l, i) => ({
      objective: l.def.id,
      variables: laneVars[i]!,
      optimizer: {
        kind: l.optimizer.getClassName(),
        iterations: iterations[i]!,
        slots: laneSlots[i]!.map((tensor, j) => ({ name: slots[i]![j]!.name, tensor })),
        powers: lanePowers[i]!,
      },
    })),
  };
}

/** Why `snap` cannot go into `session`'s students, or null when it can. */
export function snapshotMismatch(session: Session, snap: StudentSnapshot): string | null {
  if (snap.format !== 'kd-studio-students' || snap.version !== 1) return 'the saved weights are in an unknown format';
  if (snap.lanes.length !== session.lanes.length)
    return `they hold ${snap.lanes.length} students and this experiment has ${session.lanes.length}`;
  for (const [i, lane] of session.lanes.entries()) {
    const saved = snap.lanes[i]!;
    if (saved.objective !== lane.def.id) return `student ${i + 1} was trained with another objective`;
    if (saved.optimizer.kind !== lane.optimizer.getClassName()) return 'they were trained with another optimiser';
    const vars = laneState(lane);
    const same =
      vars.length === saved.variables.length &&
      vars.every((v, j) => {
        const h = saved.variables[j]!;
        return h.dtype === v.dtype && h.shape.join() === v.shape.join() && h.values.length === v.size;
      });
    if (!same) return `student ${i + 1} has another architecture`;
  }
  return null;
}

const deviceTensor = (h: HostTensor) => tf.tensor(h.values, h.shape, h.dtype);

function assignHost(v: tf.Variable, h: HostTensor): void {
  const t = deviceTensor(h);
  v.assign(t);
  t.dispose();
}

/**
 * Puts the students of `session` back to `snap` (check `snapshotMismatch` first): weights,
 * states and optimiser slots, then the session's step. Throws on a mismatch.
 */
export async function restoreSnapshot(session: Session, snap: StudentSnapshot): Promise<void> {
  const problem = snapshotMismatch(session, snap);
  if (problem) throw new Error(`The saved students do not fit this experiment: ${problem}.`);
  for (const [i, lane] of session.lanes.entries()) {
    const saved = snap.lanes[i]!;
    laneState(lane).forEach((v, j) => assignHost(v, saved.variables[j]!));
    // A fresh optimiser takes the saved slots (tfjs keys them by position, as they were saved).
    disposeOptimizer(lane.optimizer);
    lane.optimizer = buildOptimizer(session.config.train);
    const { iterations, slots, powers } = saved.optimizer;
    if (!slots.length && !iterations) continue;
    const weights = [
      { name: 'iter', tensor: tf.scalar(iterations, 'int32') },
      ...slots.map((s) => ({ name: s.name, tensor: deviceTensor(s.tensor) })),
    ];
    await lane.optimizer.setWeights(weights);
    tf.dispose(weights.map((w) => w.tensor));
    adamPowers(lane.optimizer).forEach((v, j) => powers[j] && assignHost(v, powers[j]));
  }
  session.resumeAt(snap.step);
}
