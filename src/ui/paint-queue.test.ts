import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queuePaint, waitingPaints } from './paint-queue';

describe('paint queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one paint per task, in the order they were queued', () => {
    const ran: string[] = [];
    const a = {};
    const b = {};
    queuePaint(a, () => ran.push('a'));
    queuePaint(b, () => ran.push('b'));
    expect(ran).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['a']);
    vi.advanceTimersToNextTimer();
    expect(ran).toEqual(['a', 'b']);
    expect(waitingPaints()).toBe(0);
  });

  it("runs only a canvas's newest paint when several wait", () => {
    const ran: number[] = [];
    const key = {};
    for (let i = 0; i < 5; i++) queuePaint(key, () => ran.push(i));
    vi.runAllTimers();
    expect(ran).toEqual([4]);
  });

  it('lets a paint queue another without losing it', () => {
    const ran: string[] = [];
    const key = {};
    queuePaint(key, () => {
      ran.push('first');
      queuePaint(key, () => ran.push('second'));
    });
    vi.runAllTimers();
    expect(ran).toEqual(['first', 'second']);
  });
});
