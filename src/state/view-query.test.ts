import { describe, expect, it } from 'vitest';
import type { QueryAnswer } from '../worker/protocol';
import { nextShown, type Shown } from './view-query';

const answer = (epoch: number, step: number, position = 3): QueryAnswer<'nextTokens'> => ({
  epoch,
  step,
  value: { position, teacher: new Float32Array(2), lanes: [new Float32Array(2)], actual: 1 },
});
const key = JSON.stringify({ position: 3 });

describe('which view answer is shown', () => {
  it('shows a newer answer about the current students', () => {
    const prev: Shown<'nextTokens'> = { key, answer: answer(2, 10) };
    expect(nextShown(prev, key, answer(2, 20), 2)?.answer.step).toBe(20);
    expect(nextShown(null, key, answer(2, 0), 2)?.answer.step).toBe(0);
  });

  it('never shows an answer about other students or an older one', () => {
    const prev: Shown<'nextTokens'> = { key, answer: answer(2, 10) };
    // Asked before a Reset (epoch 1), or answered by students the store has not heard of yet (3).
    expect(nextShown(prev, key, answer(1, 50), 2)).toBe(prev);
    expect(nextShown(prev, key, answer(3, 0), 2)).toBe(prev);
    expect(nextShown(prev, key, answer(2, 5), 2)).toBe(prev);
    expect(nextShown(prev, key, null, 2)).toBe(prev);
    // Before the first metrics batch there are no current students.
    expect(nextShown(null, key, answer(2, 0), undefined)).toBeNull();
  });

  it('an answer to other arguments replaces the shown one, whatever its step', () => {
    const prev: Shown<'nextTokens'> = { key, answer: answer(2, 10) };
    const other = JSON.stringify({ position: 7 });
    expect(nextShown(prev, other, answer(2, 4, 7), 2)).toEqual({ key: other, answer: answer(2, 4, 7) });
  });
});
