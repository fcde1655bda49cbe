import { describe, expect, it } from 'vitest';
import { argmaxRows, classAt, countTeacherMap, differsFromMix, isRight, mapRows, teacherMap } from './teacher-map';

describe('teacherMap', () => {
  // Four test rows, true classes 0 1 2 3; two teachers and their mix, by hand.
  const labels = [0, 1, 2, 3];
  const a = Int32Array.from([0, 1, 5, 4]); // right, right, wrong, wrong
  const b = Int32Array.from([0, 2, 2, 4]); // right, wrong, right, wrong
  const mix = Int32Array.from([0, 1, 5, 4]); // right, right, wrong, wrong
  const map = teacherMap([a, b], mix, labels);

  it('marks, per row, which teachers are right and which differ from the mix', () => {
    expect([...map.right]).toEqual([0b111, 0b101, 0b010, 0b000]);
    expect([...map.differs]).toEqual([0b00, 0b10, 0b10, 0b00]);
    expect(isRight(map, 1, 1)).toBe(false);
    expect(differsFromMix(map, 2, 1)).toBe(true);
    expect(classAt(map, 1, 1)).toBe(2);
    expect(classAt(map, 2, 2)).toBe(5); // the mix's class
  });

  it('counts disagreements, what the mix fixed and lost, and rows all get wrong', () => {
    expect(countTeacherMap(map)).toEqual({
      rows: 4,
      disagree: 2,
      differs: [0, 2],
      right: [2, 2, 2],
      mixFixes: 1, // row 1: the mix right, teacher b wrong
      mixLoses: 1, // row 2: the mix wrong, teacher b right
      allWrong: 1, // row 3
    });
    expect(mapRows(map, true)).toEqual([1, 2]);
    expect(mapRows(map, false)).toEqual([0, 1, 2, 3]);
  });

  it('takes the mix class as the arg max of its logits, and refuses mismatched lengths', () => {
    expect([...argmaxRows(Float32Array.from([0.1, 0.9, 0.5, 0.2, 0.3, 0.3]), 2)]).toEqual([1, 0, 0]);
    expect(() => teacherMap([a], Int32Array.from([0]), labels)).toThrow('one class per test row');
  });
});
