/** The heartbeat's verdict: silence counts only when the page itself was not held. */
import { describe, expect, it } from 'vitest';
import { SILENCE_CHECK_MS, SILENCE_MS, silenceMeansGone } from './liveness';

describe('silenceMeansGone', () => {
  it('a worker silent past SILENCE_MS, checked on time, is gone', () => {
    const now = 10_000;
    expect(silenceMeansGone(now, now - SILENCE_MS - 1, now - SILENCE_CHECK_MS)).toBe(true);
    expect(silenceMeansGone(now, now - SILENCE_MS + 100, now - SILENCE_CHECK_MS)).toBe(false);
  });

  it('a check that ran late (the page was held) does not count the silence', () => {
    const now = 10_000;
    // The page stalled 3 s: the last beat looks 3 s old, but its messages wait in the queue.
    expect(silenceMeansGone(now, now - 3000, now - 3000)).toBe(false);
    // The next check, on time, still sees no beat: now the worker is gone.
    expect(silenceMeansGone(now + SILENCE_CHECK_MS, now - 3000, now)).toBe(true);
  });
});
