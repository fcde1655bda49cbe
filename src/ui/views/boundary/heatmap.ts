/**
 * Pixel painters for the decision-boundary views: one pixel per grid cell, scaled up smoothly
 * by the canvas. Pure functions of logits, so they are cheap to test and to run at 4 Hz; they
 * allocate nothing per cell (a 64×64 grid is 4,096 softmaxes per map per update).
 */
import { classColor, hexToRgb } from '../../palette';

const WHITE: readonly number[] = [255, 255, 255];
const DISAGREE = hexToRgb('#be123c');

/** Writes the opaque colour a + (b − a)·t into pixel i. */
function putMix(img: ImageData, i: number, a: readonly number[], b: readonly number[], t: number): void {
  const d = img.data;
  d[4 * i] = a[0]! + (b[0]! - a[0]!) * t;
  d[4 * i + 1] = a[1]! + (b[1]! - a[1]!) * t;
  d[4 * i + 2] = a[2]! + (b[2]! - a[2]!) * t;
  d[4 * i + 3] = 255;
}

/** Softmax of row `row` into `out`; returns the index of the largest probability. */
function softmaxInto(out: Float64Array, logits: ArrayLike<number>, row: number, classes: number): number {
  const o = row * classes;
  let best = 0;
  for (let c = 1; c < classes; c++) if (logits[o + c]! > logits[o + best]!) best = c;
  const max = logits[o + best]!;
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += out[c] = Math.exp(logits[o + c]! - max);
  for (let c = 0; c < classes; c++) out[c]! /= sum;
  return best;
}

/** Colours each cell by its predicted class, stronger where the model is more confident. */
export function paintPrediction(img: ImageData, logits: ArrayLike<number>, classes: number): void {
  const colors = Array.from({ length: classes }, (_, c) => hexToRgb(classColor(c)));
  const p = new Float64Array(classes);
  const cells = img.width * img.height;
  for (let i = 0; i < cells; i++) {
    const c = softmaxInto(p, logits, i, classes);
    const confidence = (p[c]! - 1 / classes) / (1 - 1 / classes);
    putMix(img, i, WHITE, colors[c]!, 0.12 + 0.55 * confidence);
  }
}

/**
 * Colours each cell by the total variation distance between teacher and student (0 = white,
 * 1 = crimson); cells where their top classes differ get an extra tint.
 */
export function paintDisagreement(
  img: ImageData,
  teacher: ArrayLike<number>,
  student: ArrayLike<number>,
  classes: number,
): void {
  const p = new Float64Array(classes);
  const q = new Float64Array(classes);
  const cells = img.width * img.height;
  for (let i = 0; i < cells; i++) {
    const differ = softmaxInto(p, teacher, i, classes) !== softmaxInto(q, student, i, classes);
    let tvd = 0;
    for (let c = 0; c < classes; c++) tvd += Math.abs(p[c]! - q[c]!);
    tvd /= 2;
    putMix(img, i, WHITE, DISAGREE, Math.min(1, Math.pow(tvd, 0.7) * 0.85 + (differ ? 0.15 : 0)));
  }
}
