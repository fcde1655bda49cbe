/** Keeping a run going (Node, cpu): snapshots, resuming in another controller, a failing step, a lost device. */
import { beforeAll, describe, expect, it } from 'vitest';
import { harness, quickToy } from '../test/controller-harness';
import { useCpu } from '../test/tf';
import type { EngineEvent } from './protocol';

beforeAll(useCpu);

const quick = quickToy({ steps: 100_000, stepsPerFrame: 10 });

const lossSteps = (events: EngineEvent[]) => events.flatMap((e) => (e.type === 'metrics' ? e.batch.steps : []));
const statuses = (events: EngineEvent[]) => events.flatMap((e) => (e.type === 'status' ? [e] : []));

describe('continuity', () => {
  it('a snapshot resumes in another controller: the same teacher (not trained again), the step goes on', async () => {
    const a = harness();
    await a.c.configure(quick);
    for (let i = 0; i < 5; i++) await a.c.step();
    const snap = (await a.c.snapshot())!;
    expect(snap.step).toBe(5);
    const teacher = a.events.find((e) => e.type === 'session');

    const b = harness();
    await b.c.configure(quick);
    expect(await b.c.resume(snap)).toEqual({ ok: true, step: 5 });
    expect(b.events.some((e) => e.type === 'progress' && e.phase === 'teacher')).toBe(false);
    const session = b.events.find((e) => e.type === 'session');
    expect(session?.type === 'session' && session.info.teacher.weightsHash).toBe(
      teacher?.type === 'session' && teacher.info.teacher.weightsHash,
    );
    expect(b.events).toContainEqual({ type: 'restored', step: 5 });
    expect(b.events.at(-1)).toEqual({ type: 'status', status: 'paused' });
    await b.c.step();
    expect(lossSteps(b.events)).toEqual([6]);
    // Students that do not fit are refused in words, and nothing changes.
    await b.c.configure({ ...quick, student: { kind: 'mlp', hidden: [3], activation: 'tanh' } });
    expect(await b.c.resume(snap)).toEqual({ ok: false, why: 'student 1 has another architecture' });
  });

  it('students about to be replaced send their last copy first, for the run they end', async () => {
    const { c, events } = harness();
    await c.configure(quick);
    for (let i = 0; i < 3; i++) await c.step();
    await c.configure({ ...quick, student: { kind: 'mlp', hidden: [6], activation: 'tanh' } });
    const types = events.map((e) => e.type);
    const replaced = events.find((e) => e.type === 'replaced');
    expect(replaced?.type === 'replaced' && replaced.snapshot.step).toBe(3);
    expect(types.indexOf('replaced')).toBeLessThan(types.lastIndexOf('reset'));
    // Reset too; students that never trained have nothing to hand on.
    const n = events.length;
    await c.reset();
    expect(events.slice(n).some((e) => e.type === 'replaced')).toBe(false);
  });

  it('a step that throws stops the run with a message, and Play goes on', async () => {
    const { c, events, waitFor } = harness();
    await expect(c.debug('throw-in-tick')).rejects.toThrow('Test hooks are off');
    c.testHooks = true;
    await c.configure(quick);
    await c.play();
    await waitFor((e) => e.type === 'metrics' && e.batch.step > 20);
    await c.debug('throw-in-tick');
    await waitFor((e) => e.type === 'status' && e.status === 'error');
    const stopped = statuses(events).at(-1)!;
    expect(stopped.reason).toMatchObject({ code: 'tick-failed', step: expect.any(Number) });
    const n = events.length;
    await c.play();
    await waitFor((e) => e.type === 'metrics' && e.batch.steps.length > 0 && events.indexOf(e) > n);
    await c.pause();
  });

  it('a lost device: the run goes on by itself from the last host copy, with the same teacher', async () => {
    const { c, events, waitFor } = harness();
    await c.configure(quick);
    await c.play();
    await waitFor((e) => e.type === 'metrics' && e.batch.step > 50);
    const copy = (await c.snapshot())!;
    const trained = events.filter((e) => e.type === 'progress' && e.phase === 'teacher').length;
    // What the backend keeper does when the browser says the device is lost.
    const internals = c as unknown as { continuity: { deviceLost(lost: string, detail: string): void } };
    const n = events.length;
    internals.continuity.deviceLost('webgpu', 'reason: destroyed');
    await waitFor((e) => e.type === 'notice' && e.notice.code === 'backend-switched');
    const after = events.slice(n);
    expect(after.map((e) => e.type)).toContain('continuing');
    expect(after.find((e) => e.type === 'restored')).toEqual({ type: 'restored', step: copy.step });
    expect(after.filter((e) => e.type === 'notice')).toMatchObject([
      { notice: { code: 'backend-lost', lost: 'webgpu', detail: 'reason: destroyed' } },
      { notice: { code: 'backend-switched', lost: 'webgpu', now: 'cpu', step: copy.step } },
    ]);
    expect(events.filter((e) => e.type === 'progress' && e.phase === 'teacher').length).toBe(trained);
    // Running again, from the copy's step on.
    await waitFor((e) => e.type === 'metrics' && events.indexOf(e) > n && e.batch.steps.length > 0);
    const first = after
      .concat(events.slice(n + after.length))
      .find((e) => e.type === 'metrics' && e.batch.steps.length);
    expect(first?.type === 'metrics' && first.batch.steps[0]).toBe(copy.step + 1);
    expect(statuses(events.slice(n)).at(-1)).toEqual({ type: 'status', status: 'running' });
    await c.pause();
  });
});
