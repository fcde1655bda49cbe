/** Host-side summaries of classifier outputs for the views (logits row-major [n, classes]). */
import { argmaxRow, softmaxRow } from './softmax';

/** counts[true][predicted]. */
export function confusion(logits: Float32Array, labels: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) m[labels[i]!]![argmaxRow(logits, i * classes, classes)]!++;
  return m;
}

/** Per true class: share of its examples where teacher and student pick the same class. */
export function perClassAgreement(
  teacher: Float32Array,
  student: Float32Array,
  labels: ArrayLike<number>,
  classes: number,
): number[] {
  const same = new Array<number>(classes).fill(0);
  const count = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    count[c]!++;
    if (argmaxRow(teacher, i * classes, classes) === argmaxRow(student, i * classes, classes)) same[c]!++;
  }
  return same.map((s, c) => (count[c] ? s / count[c]! : NaN));
}

/** The k most probable classes of row i, with probabilities (T = 1). */
export function topK(logits: Float32Array, i: number, classes: number, k = 3): { cls: number; p: number }[] {
  const p = softmaxRow(logits, i * classes, classes);
  return Array.from(p, (v, cls) => ({ cls, p: v }))
    .sort((a, b) => b.p - a.p)
    .slice(0, k);
}

export interface ReliabilityBin {
  /** Upper edge of the bin, m/M. */
  upper: number;
  count: number;
  accuracy: number;
  confidence: number;
}

/** Reliability diagram bins ((m−1)/M, m/M] over the max probability, and the ECE they give. */
export function reliability(
  logits: Float32Array,
  labels: ArrayLike<number>,
  classes: number,
  bins = 15,
): { bins: ReliabilityBin[]; ece: number } {
  const out = Array.from({ length: bins }, (_, m) => ({ upper: (m + 1) / bins, count: 0, correct: 0, conf: 0 }));
  for (let i = 0; i < labels.length; i++) {
    const p = softmaxRow(logits, i * classes, classes);
    const pred = argmaxRow(p, 0, classes);
    const conf = p[pred]!;
    const b = out[Math.min(bins - 1, Math.max(0, Math.ceil(conf * bins) - 1))]!;
    b.count++;
    b.conf += conf;
    if (pred === labels[i]) b.correct++;
  }
  const n = labels.length || 1;
  const ece = out.reduce((e, b) => e + Math.abs(b.correct - b.conf) / n, 0);
  return {
    bins: out.map((b) => ({
      upper: b.upper,
      count: b.count,
      accuracy: b.count ? b.correct / b.count : NaN,
      confidence: b.count ? b.conf / b.count : NaN,
    })),
    ece,
  };
}
