/** Queries in slices: each stretch queued like a command, and no answer about replaced students. */
import { describe, expect, it } from 'vitest';
import type { Session } from '../engine/session';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import { TEXT_VOCAB } from '../tasks/text/normalise';
import { askInSlices, type SliceHooks } from './views';

/** Enough of a text session for the samples query to reach its first slice. */
const fakeSession = () =>
  ({ config: TEXT_CONFIG, step: 7, lanes: [], data: { host: { text: { vocab: TEXT_VOCAB } } } }) as unknown as Session;

function hooks(students: () => { session?: Session; epoch: number }): SliceHooks & { queued: number } {
  let queue: Promise<unknown> = Promise.resolve();
  const h = {
    queued: 0,
    serial<T>(fn: () => Promise<T>): Promise<T> {
      h.queued++;
      const next = queue.then(fn);
      queue = next.catch(() => undefined);
      return next;
    },
    students,
  };
  return h;
}

describe('askInSlices', () => {
  it('answers null when the students were replaced before a slice ran', async () => {
    const first = fakeSession();
    let current = first;
    const h = hooks(() => ({ session: current, epoch: 0 }));
    const answer = askInSlices(h, 'samples', { length: 5 });
    // A students restart lands in the queue before the query's first slice.
    void h.serial(async () => (current = fakeSession()));
    expect(await answer).toBeNull();
    // The question itself, the restart, and the first slice, which refused to run.
    expect(h.queued).toBe(3);
  });

  it('answers null when the epoch moved on (a Reset, a divergence rewound)', async () => {
    let epoch = 0;
    const s = fakeSession();
    const h = hooks(() => ({ session: s, epoch }));
    const answer = askInSlices(h, 'samples', { length: 5 });
    void h.serial(async () => epoch++);
    expect(await answer).toBeNull();
  });

  it('answers null without a session', async () => {
    expect(
      await askInSlices(
        hooks(() => ({ epoch: 0 })),
        'samples',
        { length: 5 },
      ),
    ).toBeNull();
  });
});
