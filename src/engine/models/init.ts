import type { Rng } from '../../lib/rng';

/**
 * Glorot (Xavier) uniform initial weights, drawn on the CPU from a seeded generator so that
 * every backend starts from bit-identical weights (tfjs's own initialisers are per-backend).
 */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rng.next() - 1) * limit;
  return w;
}
