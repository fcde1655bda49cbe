import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledAsker } from './throttled-asker';

/** A question whose answer the test releases by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ThrottledAsker', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const advance = async (ms: number) => {
    clock += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };

  it('asks one question at a time, only the latest, at most once per interval', async () => {
    const asker = new ThrottledAsker<string>(250, () => clock);
    const asked: string[] = [];
    const got: string[] = [];
    const first = deferred<string>();
    asker.want(
      () => (asked.push('a'), first.promise),
      (v) => got.push(v),
    );
    await advance(0);
    // Wanted while "a" is in flight: "b" is replaced by "c" before it is ever asked.
    asker.want(
      () => (asked.push('b'), Promise.resolve('B')),
      (v) => got.push(v),
    );
    asker.want(
      () => (asked.push('c'), Promise.resolve('C')),
      (v) => got.push(v),
    );
    await advance(100);
    expect(asked).toEqual(['a']);
    first.resolve('A');
    await advance(0);
    expect(got).toEqual(['A']);
    // "a" started at 0: "c" waits for 250 ms after it.
    await advance(100);
    expect(asked).toEqual(['a']);
    await advance(60);
    expect(asked).toEqual(['a', 'c']);
    expect(got).toEqual(['A', 'C']);
  });

  it('drops rejections and, once cancelled, the answer in flight', async () => {
    const asker = new ThrottledAsker<string>(250, () => clock);
    const got: string[] = [];
    asker.want(
      () => {
        throw new Error('not connected');
      },
      (v) => got.push(v),
    );
    await advance(300);
    const slow = deferred<string>();
    asker.want(
      () => slow.promise,
      (v) => got.push(v),
    );
    await advance(0);
    asker.cancel();
    slow.resolve('late');
    await advance(300);
    expect(got).toEqual([]);
    // It still asks after a cancel.
    asker.want(
      () => Promise.resolve('again'),
      (v) => got.push(v),
    );
    await advance(300);
    expect(got).toEqual(['again']);
  });
});
