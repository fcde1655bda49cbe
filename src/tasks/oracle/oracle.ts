/**
 * The oracle: a seeded random 2-W-W-K tanh MLP that defines the task, p(class | x), on the
 * square [-ORACLE_EXTENT, ORACLE_EXTENT]². It runs on the host in plain float64 JavaScript, so
 * it is the same on every backend and the page can draw it before anything is built; inputs are
 * drawn without limit from the seeded uniform distribution on the square.
 */
import { createRng, type Rng } from '../../lib/rng';
import type { OracleTask } from './schema';

export const ORACLE_EXTENT = 1.3;
/** The weights' scale: large enough for curved, interleaved regions at this extent. */
const GAIN = 2.2;

export interface Oracle {
  classes: number;
  /** Scale of the output logits (OracleTask.sharpness). */
  sharpness: number;
  layers: { w: Float64Array; b: Float64Array; inputs: number; outputs: number }[];
}

export function makeOracle(task: Pick<OracleTask, 'classes' | 'oracleWidth' | 'sharpness'>, seed: number): Oracle {
  const rng = createRng(seed, 'oracle');
  const sizes = [2, task.oracleWidth, task.oracleWidth, task.classes];
  const layers = sizes.slice(1).map((outputs, i) => {
    const inputs = sizes[i]!;
    const scale = (i === 0 ? GAIN * 1.5 : GAIN) / Math.sqrt(inputs);
    const w = Float64Array.from({ length: inputs * outputs }, () => rng.normal() * scale);
    const b = Float64Array.from({ length: outputs }, () => rng.normal() * (i === 0 ? 1 : 0.3));
    return { w, b, inputs, outputs };
  });
  return { classes: task.classes, sharpness: task.sharpness, layers };
}

/** The oracle's logits for n points (row-major [n, 2]), row-major [n, classes]. */
export function oracleLogits(oracle: Oracle, x: Float32Array): Float32Array {
  const n = x.length / 2;
  const out = new Float32Array(n * oracle.classes);
  let h: Float64Array = new Float64Array(2);
  for (let r = 0; r < n; r++) {
    h = Float64Array.from([x[2 * r]!, x[2 * r + 1]!]);
    oracle.layers.forEach((layer, li) => {
      const next = new Float64Array(layer.outputs);
      for (let o = 0; o < layer.outputs; o++) {
        let s = layer.b[o]!;
        for (let i = 0; i < layer.inputs; i++) s += h[i]! * layer.w[i * layer.outputs + o]!;
        next[o] = li < oracle.layers.length - 1 ? Math.tanh(s) : s * oracle.sharpness;
      }
      h = next;
    });
    out.set(h, r * oracle.classes);
  }
  return out;
}

/** n inputs drawn uniformly on the square. */
export function drawInputs(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: 2 * n }, () => (2 * rng.next() - 1) * ORACLE_EXTENT);
}

/** One class per row drawn from softmax(logits) (`sample`), or the most likely one. */
export function oracleClasses(logits: Float32Array, classes: number, rng?: Rng): Int32Array {
  const n = logits.length / classes;
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const row = logits.subarray(r * classes, (r + 1) * classes);
    let max = -Infinity;
    let arg = 0;
    row.forEach((v, k) => {
      if (v > max) [max, arg] = [v, k];
    });
    if (!rng) {
      y[r] = arg;
      continue;
    }
    const p = Array.from(row, (v) => Math.exp(v - max));
    let u = rng.next() * p.reduce((a, b) => a + b, 0);
    let k = 0;
    while (k < classes - 1 && (u -= p[k]!) > 0) k++;
    y[r] = k;
  }
  return y;
}

/** The inputs the task draws from the seed: the teacher's labelled set, the pool and the held-out set. */
export interface OracleDraws {
  teacherX: Float32Array;
  teacherY: Int32Array;
  poolX: Float32Array;
  testX: Float32Array;
  /** The oracle's most likely class on each held-out input (what accuracy is measured against). */
  testY: Int32Array;
  testLogits: Float32Array;
}

export function oracleDraws(task: OracleTask, seed: number, oracle = makeOracle(task, seed)): OracleDraws {
  const teacherX = drawInputs(createRng(seed, 'oracle-teacher-x'), task.teacherPoints);
  const teacherY = oracleClasses(oracleLogits(oracle, teacherX), task.classes, createRng(seed, 'oracle-teacher-y'));
  const poolX = drawInputs(createRng(seed, 'oracle-pool'), task.pool);
  const testX = drawInputs(createRng(seed, 'oracle-test'), task.testPoints);
  const testLogits = oracleLogits(oracle, testX);
  return { teacherX, teacherY, poolX, testX, testY: oracleClasses(testLogits, task.classes), testLogits };
}
