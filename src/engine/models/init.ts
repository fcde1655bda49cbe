import type { Rng } from '../../lib/rng';

/**
 * Glorot (Xavier) uniform initial weights, drawn on the CPU from a seeded generator so that
 * every backend starts from bit-identical weights (tfjs's own initialisers are per-backend).
 */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng, size = fanIn * fanOut): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  // A conv kernel's fans include the receptive field (9·in, 9·out), so its size is not fanIn·fanOut.
  const w = new Float32Array(size);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rng.next() - 1) * limit;
  return w;
}
