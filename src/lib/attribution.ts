/**
 * Agreement between two attribution maps (e.g. the teacher's and the student's saliency for
 * one image): cosine similarity, Spearman's ρ on |a| ranks, and Krishna et al.'s top-k
 * feature / rank / sign agreement ("The Disagreement Problem in Explainable ML", 2022).
 *
 * Gradient × input is exactly 0 wherever the input is 0, for every model. On a sparse image
 * (a Fashion-MNIST item on a black background: about half the pixels) two unrelated maps then
 * share a large block of tied zeros and their rank correlation is high for no reason. Compare
 * maps over the image's foreground only: `foreground(input)` gives the pixels to keep.
 */

/** Indices of the pixels whose input value is above `threshold` (default: non-zero). */
export function foreground(input: ArrayLike<number>, threshold = 0, offset = 0, length = input.length): Int32Array {
  const keep: number[] = [];
  for (let i = 0; i < length; i++) if (input[offset + i]! > threshold) keep.push(i);
  return Int32Array.from(keep);
}

/** The entries of `v` at `indices` (all of `v` without indices). */
export function pick(v: ArrayLike<number>, indices?: ArrayLike<number>): ArrayLike<number> {
  if (!indices) return v;
  return Float64Array.from({ length: indices.length }, (_, i) => v[indices[i]!]!);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Ranks 1..n, ties sharing their average rank. */
export function ranks(v: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: v.length }, (_, i) => i).sort((i, j) => v[i]! - v[j]!);
  const r = new Float64Array(v.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && v[order[j + 1]!] === v[order[i]!]) j++;
    for (let k = i; k <= j; k++) r[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

const pearson = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i]! - ma) * (b[i]! - mb);
    va += (a[i]! - ma) ** 2;
    vb += (b[i]! - mb) ** 2;
  }
  return va && vb ? cov / Math.sqrt(va * vb) : 0;
};

/** Spearman's ρ between the magnitudes |a| and |b|. */
export function spearmanAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(Array.from(a, Math.abs)), ranks(Array.from(b, Math.abs)));
}

/**
 * Cosine and Spearman ρ(|a|) of two maps over the given pixels (an image's foreground).
 * The cosine is the same as over all pixels when both maps are 0 off the foreground (as
 * gradient × input is); ρ is not: the shared zeros would count as agreeing ranks.
 */
export function mapAgreement(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  indices?: ArrayLike<number>,
): { cosine: number; spearman: number } {
  const pa = pick(a, indices);
  const pb = pick(b, indices);
  return { cosine: cosine(pa, pb), spearman: spearmanAbs(pa, pb) };
}

/** Indices of the k largest |v|, largest first. */
const topK = (v: ArrayLike<number>, k: number) =>
  Array.from({ length: v.length }, (_, i) => i)
    .sort((i, j) => Math.abs(v[j]!) - Math.abs(v[i]!))
    .slice(0, k);

/** Share of the top-k features (by |a|) the two maps have in common. */
export function featureAgreement(a: ArrayLike<number>, b: ArrayLike<number>, k: number): number {
  const tb = new Set(topK(b, k));
  return topK(a, k).filter((i) => tb.has(i)).length / k;
}

/** Share of top-k positions holding the same feature in both rankings. */
export function rankAgreement(a: ArrayLike<number>, b: ArrayLike<number>, k: number): number {
  const ta = topK(a, k);
  const tb = topK(b, k);
  return ta.filter((f, i) => tb[i] === f).length / k;
}

/** Share of top-k features common to both maps with the same sign. */
export function signAgreement(a: ArrayLike<number>, b: ArrayLike<number>, k: number): number {
  const tb = new Set(topK(b, k));
  return topK(a, k).filter((i) => tb.has(i) && Math.sign(a[i]!) === Math.sign(b[i]!)).length / k;
}
