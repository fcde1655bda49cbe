/**
 * Hinton KD (forward KL at temperature T mixed with the hard-label cross-entropy, exactly as
 * distribution.ts defines it) and its gradient with respect to the student's logits, computed
 * in plain loops over host arrays: the body of the kernels the engine registers on its cpu and
 * wasm backends (engine/kd-kernels.ts). On the toy step the taped loss was about 106 kernels
 * and the fused tfjs form (fused-divergence.ts) still about 50, a dozen of them exp or log over
 * the whole batch, which tfjs-wasm computes one element at a time in libm; here the whole loss
 * is one kernel and its gradient another. Everything is computed in double precision and
 * rounded to float32 once, so the values agree with the float32 ops to rounding (tests).
 *
 * Gradient, with q = softmax(z_s/T), p = softmax(z_t/T), ω the KD mean's row weights, ω' the
 * CE mean's, s = T² (T² scaling) or 1, and an upstream [dT, dK, dC] for [total, kd, ce]:
 *   ∂/∂z_s = (dT·(1 − α) + dC)·ω'·(softmax(z_s) − onehot(y)) + (dT·w + dK)·ω·(s/T)·(q − p).
 */

export interface ForwardKlArgs {
  zs: ArrayLike<number>;
  zt: ArrayLike<number>;
  labels: ArrayLike<number>;
  mask?: ArrayLike<number>;
  labelMask?: ArrayLike<number>;
  rows: number;
  classes: number;
  T: number;
  alpha: number;
  /** T² scaling: 1 or 0. */
  t2: number;
}

/**
 * exp(z/T − max) of one row into e[0…classes−1] and their sum; the row's log-sum-exp is
 * max + log(sum), its probabilities e/sum: each exponential computed once (exp is most of this
 * file's time). The max goes to e[classes].
 */
function softRow(z: ArrayLike<number>, at: number, classes: number, invT: number, e: Float64Array): number {
  let m = -Infinity;
  for (let j = 0; j < classes; j++) m = Math.max(m, z[at + j]! * invT);
  let s = 0;
  for (let j = 0; j < classes; j++) {
    const v = Math.exp(z[at + j]! * invT - m);
    e[j] = v;
    s += v;
  }
  e[classes] = m;
  return s;
}

/** Scratch rows of `classes` exponentials (and the row maximum). */
const scratch = (classes: number) => [0, 1, 2].map(() => new Float64Array(classes + 1));

/** Row weights of the two means and the divergence's weight w (α, or 1 without real labels). */
function weights(a: ForwardKlArgs) {
  const { mask, labelMask, rows, alpha } = a;
  const kdRow = (i: number) => (mask ? mask[i]! : 1);
  const ceRow = (i: number) => (mask ? mask[i]! : 1) * (labelMask ? labelMask[i]! : 1);
  let kdSum = 0;
  let ceSum = 0;
  for (let i = 0; i < rows; i++) {
    kdSum += kdRow(i);
    ceSum += ceRow(i);
  }
  // As maskedMean: Σ m·x / max(Σ m, 1), or the plain mean without a mask.
  const kdNorm = mask ? Math.max(kdSum, 1) : rows;
  const ceNorm = mask || labelMask ? Math.max(ceSum, 1) : rows;
  const w = !labelMask || alpha === 1 ? alpha : ceSum > 0 ? alpha : 1;
  return { kdRow, ceRow, kdNorm, ceNorm, w };
}

/** [total, kd, ce]. */
export function forwardKlValues(a: ForwardKlArgs): [number, number, number] {
  const { zs, zt, labels, rows, classes, T, alpha, t2 } = a;
  const { kdRow, ceRow, kdNorm, ceNorm, w } = weights(a);
  const invT = 1 / T;
  const [eq, ep, es] = scratch(classes) as [Float64Array, Float64Array, Float64Array];
  let kl = 0;
  let ce = 0;
  for (let i = 0; i < rows; i++) {
    const at = i * classes;
    const sq = softRow(zs, at, classes, invT, eq);
    const sp = softRow(zt, at, classes, invT, ep);
    const lseQ = eq[classes]! + Math.log(sq);
    const lseP = ep[classes]! + Math.log(sp);
    // KL(p‖q) = Σ p·(log p − log q), log p − log q = (z_t − z_s)/T − (lseP − lseQ).
    const shift = lseP - lseQ;
    let row = 0;
    for (let j = 0; j < classes; j++) row += (ep[j]! / sp) * ((zt[at + j]! - zs[at + j]!) * invT - shift);
    kl += kdRow(i) * row;
    const ss = T === 1 ? 0 : softRow(zs, at, classes, 1, es);
    const lse = T === 1 ? lseQ : es[classes]! + Math.log(ss);
    ce += ceRow(i) * (lse - zs[at + labels[i]!]!);
  }
  const kd = (kl / kdNorm) * (t2 ? T * T : 1);
  const ceMean = ce / ceNorm;
  return [(1 - alpha) * ceMean + w * kd, kd, ceMean];
}

/** ∂(dT·total + dK·kd + dC·ce)/∂z_s into `out` ([rows·classes]). */
export function forwardKlGrad(a: ForwardKlArgs, dy: ArrayLike<number>, out: Float32Array): void {
  const { zs, zt, labels, rows, classes, T, alpha, t2 } = a;
  const { kdRow, ceRow, kdNorm, ceNorm, w } = weights(a);
  const invT = 1 / T;
  const [eq, ep, es] = scratch(classes) as [Float64Array, Float64Array, Float64Array];
  const ceScale = dy[0]! * (1 - alpha) + dy[2]!;
  const kdScale = (dy[0]! * w + dy[1]!) * (t2 ? T : invT);
  for (let i = 0; i < rows; i++) {
    const at = i * classes;
    const sq = softRow(zs, at, classes, invT, eq);
    const sp = softRow(zt, at, classes, invT, ep);
    const sm = T === 1 ? eq : es;
    const ss = T === 1 ? sq : softRow(zs, at, classes, 1, es);
    const gk = (kdScale * kdRow(i)) / kdNorm;
    const gc = (ceScale * ceRow(i)) / ceNorm;
    const y = labels[i];
    for (let j = 0; j < classes; j++)
      out[at + j] = gk * (eq[j]! / sq - ep[j]! / sp) + gc * (sm[j]! / ss - (y === j ? 1 : 0));
  }
}
