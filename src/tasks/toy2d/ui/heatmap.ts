/**
 * Pixel painters for the decision-boundary views: one pixel per grid cell, scaled up smoothly
 * by the canvas. Pure functions of logits, so they are cheap to test and to run at 4 Hz.
 */
import { argmaxRow, softmaxRow } from '../../../lib/softmax';
import { classColor, hexToRgb } from '../../../ui/palette';

const WHITE: [number, number, number] = [255, 255, 255];
const DISAGREE = hexToRgb('#be123c');

function mix(a: readonly number[], b: readonly number[], t: number): [number, number, number] {
  return [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t, a[2]! + (b[2]! - a[2]!) * t];
}

/** Colours each cell by its predicted class, stronger where the model is more confident. */
export function paintPrediction(img: ImageData, logits: ArrayLike<number>, classes: number): void {
  const colors = Array.from({ length: classes }, (_, c) => hexToRgb(classColor(c)));
  const cells = img.width * img.height;
  for (let i = 0; i < cells; i++) {
    const p = softmaxRow(logits, i * classes, classes);
    const c = argmaxRow(p, 0, classes);
    const confidence = (p[c]! - 1 / classes) / (1 - 1 / classes);
    const rgb = mix(WHITE, colors[c]!, 0.12 + 0.55 * confidence);
    img.data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
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
  const cells = img.width * img.height;
  for (let i = 0; i < cells; i++) {
    const p = softmaxRow(teacher, i * classes, classes);
    const q = softmaxRow(student, i * classes, classes);
    let tvd = 0;
    for (let c = 0; c < classes; c++) tvd += Math.abs(p[c]! - q[c]!);
    tvd /= 2;
    const differ = argmaxRow(p, 0, classes) !== argmaxRow(q, 0, classes);
    const rgb = mix(WHITE, DISAGREE, Math.min(1, Math.pow(tvd, 0.7) * 0.85 + (differ ? 0.15 : 0)));
    img.data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
  }
}
