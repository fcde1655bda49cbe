/**
 * A run's saved students (engine/snapshot.ts StudentSnapshot: weights, model state, optimiser
 * slots, the step, a teacher trained here) in a history file and back, so that a run exported
 * and imported elsewhere opens where it stopped, as it does in the browser that trained it.
 * Typed arrays are written as base64 of their bytes. Reading never trusts the file: the shapes,
 * sizes and values are checked here (every number finite, every tensor as long as its shape
 * says), and the worker checks the students fit the experiment before it takes them.
 */
import { z } from '../config/zod';
import type { StudentSnapshot } from '../worker/protocol';

/** The most a file's students may hold, in numbers (a few shipped-size students and their teacher). */
export const SNAPSHOT_LIMIT = 50_000_000;

const toBase64 = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const bytesOf = (a: Float32Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

const Tensor = z.object({
  shape: z.array(z.number().int().min(0).max(100_000_000)).max(8),
  dtype: z.enum(['float32', 'int32']),
  values: z.string().max(4 * SNAPSHOT_LIMIT * 2),
});

const SnapshotFile = z.object({
  format: z.literal('kd-studio-students'),
  version: z.literal(1),
  step: z.number().int().min(1).max(1e9),
  teacherHash: z.string().max(64),
  teacherWeights: z
    .string()
    .max(4 * SNAPSHOT_LIMIT * 2)
    .optional(),
  lanes: z
    .array(
      z.object({
        objective: z.string().max(50),
        variables: z.array(Tensor).max(1000),
        optimizer: z.object({
          kind: z.string().max(50),
          iterations: z.number().int().min(0).max(1e9),
          slots: z.array(z.object({ name: z.string().max(200), tensor: Tensor })).max(3000),
          powers: z.array(Tensor).max(10),
        }),
      }),
    )
    .min(1)
    .max(6),
});

type HostJson = z.infer<typeof Tensor>;

const hostJson = (t: { shape: number[]; dtype: 'float32' | 'int32'; values: Float32Array | Int32Array }) => ({
  shape: t.shape,
  dtype: t.dtype,
  values: toBase64(bytesOf(t.values)),
});

/** The students as JSON-ready data. */
export function snapshotToJson(s: StudentSnapshot): unknown {
  return {
    ...s,
    teacherWeights: s.teacherWeights && toBase64(bytesOf(s.teacherWeights)),
    lanes: s.lanes.map((l) => ({
      ...l,
      variables: l.variables.map(hostJson),
      optimizer: {
        ...l.optimizer,
        slots: l.optimizer.slots.map((x) => ({ name: x.name, tensor: hostJson(x.tensor) })),
        powers: l.optimizer.powers.map(hostJson),
      },
    })),
  };
}

/** Thrown inside the reader: the file's students are not usable. */
class Unusable extends Error {}

/** `count` numbers of `dtype` from base64 (any count when undefined); floats must be finite. */
function decode(b64: string, dtype: 'float32' | 'int32', count?: number): Float32Array | Int32Array {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  if (bytes.length % 4 || (count !== undefined && bytes.length !== count * 4)) throw new Unusable();
  if (dtype === 'int32') return new Int32Array(bytes.buffer);
  const values = new Float32Array(bytes.buffer);
  for (const v of values) if (!Number.isFinite(v)) throw new Unusable();
  return values;
}

/** The students a history file holds for a run, or undefined when they are missing or unusable. */
export function snapshotFromJson(raw: unknown): StudentSnapshot | undefined {
  const parsed = SnapshotFile.safeParse(raw);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  let total = 0;
  const counted = (n: number) => {
    total += n;
    if (total > SNAPSHOT_LIMIT) throw new Unusable();
  };
  const tensor = (t: HostJson) => {
    const size = t.shape.reduce((a, b) => a * b, 1);
    counted(size);
    return { shape: t.shape, dtype: t.dtype, values: decode(t.values, t.dtype, size) };
  };
  try {
    const teacherWeights =
      d.teacherWeights === undefined ? undefined : (decode(d.teacherWeights, 'float32') as Float32Array);
    if (teacherWeights) counted(teacherWeights.length);
    return {
      format: d.format,
      version: d.version,
      step: d.step,
      teacherHash: d.teacherHash,
      ...(teacherWeights && { teacherWeights }),
      lanes: d.lanes.map((l) => ({
        objective: l.objective,
        variables: l.variables.map(tensor),
        optimizer: {
          kind: l.optimizer.kind,
          iterations: l.optimizer.iterations,
          slots: l.optimizer.slots.map((x) => ({ name: x.name, tensor: tensor(x.tensor) })),
          powers: l.optimizer.powers.map(tensor),
        },
      })),
    };
  } catch {
    // Unusable, or text that is no base64 (atob's own error): the run opens as settings only.
    return undefined;
  }
}
