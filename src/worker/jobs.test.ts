/**
 * Long jobs you can stop (issue 16, item 5), in the controller (Node, cpu): a Cancel says what
 * stopped and where, and leaves a studio that trains again; an edit made while the teacher
 * trains goes on with the edited experiment; a live edit says from which step it applies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ToyExperiment } from '../tasks/toy2d/defaults';
import { harness, quickToy } from '../test/controller-harness';
import { useCpu } from '../test/tf';
import { nextChunk, CHUNK_MS } from '../engine/teacher';

beforeAll(useCpu);

const quick = quickToy({ steps: 100, stepsPerFrame: 50 });
const long: ToyExperiment = { ...quick, teacher: { ...quick.teacher, trainSteps: 20_000 } };

describe('long jobs', () => {
  it('Cancel stops the teacher’s training, says where, and Play trains again', async () => {
    const { c, events, waitFor } = harness();
    await c.configure(long);
    const playing = c.play();
    await waitFor((e) => e.type === 'progress' && e.phase === 'teacher' && e.done >= 5);
    await c.cancelPrepare();
    await playing;
    const idle = events.findLast((e) => e.type === 'status');
    expect(idle).toMatchObject({ status: 'idle', reason: { code: 'cancelled', job: 'teacher', total: 20_000 } });
    const reason = idle?.type === 'status' && idle.reason?.code === 'cancelled' ? idle.reason : undefined;
    expect(reason!.done).toBeLessThan(20_000);
    // Heard between chunks sized to CHUNK_MS: well under a second in Node.
    expect(reason!.stopMs).toBeLessThan(2000);
    await c.configure(quick);
    await c.play();
    await waitFor((e) => e.type === 'status' && e.status === 'done', 60_000);
  });

  it('an edit of the teacher while it trains restarts its training with the edit, without a second Play', async () => {
    const { c, events, waitFor } = harness();
    await c.configure(long);
    const playing = c.play();
    await waitFor((e) => e.type === 'progress' && e.phase === 'teacher' && e.done >= 5);
    await c.configure({ ...quick, teacher: { ...quick.teacher, trainSteps: 40 } });
    await playing;
    await waitFor((e) => e.type === 'progress' && e.phase === 'teacher' && e.total === 40 && e.done === 40, 30_000);
    await waitFor((e) => e.type === 'status' && e.status === 'done', 60_000);
    // Stopped by the edit, not by the person: no "cancelled" message.
    expect(events.some((e) => e.type === 'status' && e.reason?.code === 'cancelled')).toBe(false);
  });

  it('an edit of the students while the teacher trains applies, and the run goes on', async () => {
    const { c, waitFor } = harness();
    await c.configure({ ...quick, teacher: { ...quick.teacher, trainSteps: 150 } });
    const playing = c.play();
    await waitFor((e) => e.type === 'progress' && e.phase === 'teacher' && e.done >= 5);
    const edited = c.configure({
      ...quick,
      teacher: { ...quick.teacher, trainSteps: 150 },
      student: { ...quick.student, hidden: [6] },
    });
    await playing;
    expect((await edited).change).toBe('students');
    await waitFor((e) => e.type === 'status' && e.status === 'done', 60_000);
  });

  it('a live edit says the step it applies from', async () => {
    const { c } = harness();
    await c.configure(quick);
    await c.step();
    await c.step();
    expect(await c.configure({ ...quick, train: { ...quick.train, lr: 0.004 } })).toEqual({ change: 'live', step: 2 });
  });
});

describe('nextChunk', () => {
  it('grows to what fits CHUNK_MS, at most doubling, between 1 and the most', () => {
    expect(nextChunk(1, 1, 50)).toBe(2);
    expect(nextChunk(8, CHUNK_MS / 2, 50)).toBe(16);
    expect(nextChunk(40, 1, 50)).toBe(50);
    expect(nextChunk(10, CHUNK_MS * 10, 50)).toBe(1);
    expect(nextChunk(10, CHUNK_MS, 50)).toBe(10);
  });
});
