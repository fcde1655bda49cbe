import { describe, expect, it } from 'vitest';
import { softmaxRow } from '../../../lib/softmax';
import { paintDisagreement, paintPrediction } from './heatmap';

function image(w: number, h: number): ImageData {
  return { width: w, height: h, data: new Uint8ClampedArray(w * h * 4), colorSpace: 'srgb' } as ImageData;
}

describe('boundary heatmaps', () => {
  const classes = 3;
  // Cell 0: class 1 confident; cell 1: a uniform row; cell 2: class 2 mildly; cell 3: class 0.
  const teacher = Float32Array.from([0, 5, 0, 1, 1, 1, 0, 0.5, 1, 3, 0, 0]);
  const student = Float32Array.from([0, 5, 0, 1, 1, 1, 1, 0.5, 0, 0, 3, 0]);

  it('paints the predicted class, whiter where the model is unsure, and opaque', () => {
    const img = image(2, 2);
    paintPrediction(img, teacher, classes);
    const px = (i: number) => Array.from(img.data.slice(4 * i, 4 * i + 4));
    expect(px(1)).toEqual(px(1).slice(0, 3).concat(255));
    // The uniform cell is the palest: its colour is closest to white.
    const whiteness = (i: number) => px(i)[0]! + px(i)[1]! + px(i)[2]!;
    expect(whiteness(1)).toBeGreaterThan(whiteness(0));
    expect(whiteness(1)).toBeGreaterThan(whiteness(2));
  });

  it('paints agreement white and disagreement by total variation distance', () => {
    const img = image(2, 2);
    paintDisagreement(img, teacher, student, classes);
    const px = (i: number) => Array.from(img.data.slice(4 * i, 4 * i + 3));
    expect(px(0)).toEqual([255, 255, 255]);
    expect(px(1)).toEqual([255, 255, 255]);
    // Cell 3 flips class with a large TVD: redder (less green) than cell 2.
    const tvd = (i: number) => {
      const p = softmaxRow(teacher, i * classes, classes);
      const q = softmaxRow(student, i * classes, classes);
      return p.reduce((s, v, c) => s + Math.abs(v - q[c]!), 0) / 2;
    };
    expect(tvd(3)).toBeGreaterThan(tvd(2));
    expect(px(3)[1]!).toBeLessThan(px(2)[1]!);
  });
});
