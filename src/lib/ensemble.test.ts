import { describe, expect, it } from 'vitest';
import { mixTeachers, softmaxRows } from './ensemble';

// Two teachers, two rows, two classes, as logits of the probabilities written beside them.
const lg = (p: number) => Math.log(p);
const A = [lg(0.9), lg(0.1), lg(0.6), lg(0.4)]; // row 0: sure of class 0; row 1: unsure
const B = [lg(0.5), lg(0.5), lg(0.2), lg(0.8)]; // row 0: unsure; row 1: fairly sure of class 1
const probsOf = (logits: Float32Array) => Array.from(softmaxRows(logits, 2));

describe('teacher mixes', () => {
  it('average: the mean of the probabilities, equal weights', () => {
    const m = mixTeachers([A, B], 2, 'average');
    const p = probsOf(m.logits);
    [0.7, 0.3, 0.4, 0.6].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 6));
    expect(Array.from(m.weights)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('confidence: weights ∝ each teacher’s top probability on the row', () => {
    const m = mixTeachers([A, B], 2, 'confidence');
    // Row 0: tops 0.9 and 0.5 → weights 9/14, 5/14; p0 = (0.9·9 + 0.5·5)/14 = 10.6/14.
    expect(m.weights[0]).toBeCloseTo(9 / 14, 6);
    expect(m.weights[1]).toBeCloseTo(5 / 14, 6);
    // Row 1: tops 0.6 and 0.8 → 6/14, 8/14; p1 = (0.4·6 + 0.8·8)/14 = 8.8/14.
    const p = probsOf(m.logits);
    expect(p[0]).toBeCloseTo(10.6 / 14, 6);
    expect(p[3]).toBeCloseTo(8.8 / 14, 6);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 9);
  });

  it('per-example: the teacher best on the true label where it is known, else the most confident', () => {
    // Row 0 labelled class 1: B gives it 0.5 > A's 0.1, so B, though A is the more confident.
    // Row 1 unlabelled: B (0.8) is more confident than A (0.6).
    const m = mixTeachers([A, B], 2, 'per-example', [1, -1]);
    expect(Array.from(m.weights)).toEqual([0, 1, 0, 1]);
    const p = probsOf(m.logits);
    [0.5, 0.5, 0.2, 0.8].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 6));
    // Without labels row 0 goes to A.
    expect(Array.from(mixTeachers([A, B], 2, 'per-example').weights.slice(0, 2))).toEqual([1, 0]);
  });

  it('one teacher mixes to itself; a class every teacher rules out stays finite', () => {
    const m = mixTeachers([[0, -1e9, 1, 2]], 2, 'confidence');
    expect(Number.isFinite(m.logits[1])).toBe(true);
    expect(probsOf(m.logits)[2]).toBeCloseTo(1 / (1 + Math.E), 6);
  });

  it('refuses teachers of different shapes, with a message', () => {
    expect(() => mixTeachers([A, [0, 1]], 2, 'average')).toThrow(/same number of rows/);
    expect(() => mixTeachers([], 2, 'average')).toThrow(/at least one teacher/);
  });
});
