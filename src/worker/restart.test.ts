/** The controller restarting students (Node, cpu): the layout it sends and the loop it stops. */
import { beforeAll, describe, expect, it } from 'vitest';
import { laneFor } from '../config/defaults';
import { TOY_CONFIG, type ToyExperiment } from '../tasks/toy2d/defaults';
import { harness } from '../test/controller-harness';
import { useCpu } from '../test/tf';
import type { EngineEvent } from './protocol';

beforeAll(useCpu);

const quick: ToyExperiment = {
  ...TOY_CONFIG,
  backend: 'cpu',
  task: { ...TOY_CONFIG.task, dataset: 'moons', points: 200 },
  teacher: { ...TOY_CONFIG.teacher, trainSteps: 40 },
  train: { ...TOY_CONFIG.train, steps: 100_000, stepsPerFrame: 5 },
};

const lastStep = (events: EngineEvent[]) => events.flatMap((e) => (e.type === 'metrics' ? [e.batch.step] : [])).at(-1);

describe('restarting the students', () => {
  it('sends the new layout, and a restart during training stops the loop until Play', async () => {
    const { c, events, waitFor } = harness();
    await c.configure(quick);
    await c.play();
    await waitFor((e) => e.type === 'metrics' && e.batch.step > 20);
    const n = events.length;
    const lanes = [laneFor('hinton'), laneFor('baseline')];
    expect((await c.configure({ ...quick, lanes })).change).toBe('students');
    const reset = events.slice(n).find((e) => e.type === 'reset');
    expect(reset?.type === 'reset' && reset.layout?.lanes).toBe(2);
    expect(
      reset?.type === 'reset' && reset.layout?.lossColumns.filter((col) => col.lane === 1).map((col) => col.key),
    ).toEqual(['total', 'ce']);
    // The loop stopped with the restart: Play starts it again (and says so) instead of finding
    // it still running behind a "paused" status.
    const m = events.length;
    await c.play();
    expect(events.slice(m)).toContainEqual({ type: 'status', status: 'running' });
    await c.pause();
  });

  it('restarts for another experiment even when the edit alone could apply live', async () => {
    const { c, events } = harness();
    await c.configure(quick);
    await c.step();
    await c.step();
    const other = { ...quick, lanes: [laneFor('reverse-kl')] };
    expect((await c.configure(other, { fresh: true })).change).toBe('students');
    await c.step();
    expect(lastStep(events)).toBe(1);
  });
});

describe('a restart racing the running loop', () => {
  it('never leaves a stopped loop’s tick behind to join the next one: one loop, paced at 60 ticks a second', async () => {
    const { c, events, waitFor } = harness();
    // One step a tick: the step count over a second counts the ticks.
    const paced = { ...quick, train: { ...quick.train, stepsPerFrame: 1, optimizer: 'sgd' as const, momentum: 0.9 } };
    await c.configure(paced);
    await c.play();
    await waitFor((e) => e.type === 'metrics' && e.batch.step > 5);
    // Edits that restart the students while the loop runs, each followed by Play at once: a
    // stopped loop's pending tick must not survive into the loop that Play starts.
    for (let k = 1; k <= 10; k++) {
      void c.configure({ ...paced, train: { ...paced.train, momentum: 0.9 - k / 100 } });
      void c.play();
      await new Promise((r) => setTimeout(r, 5 + 3 * k));
    }
    await c.play();
    await new Promise((r) => setTimeout(r, 200));
    const from = lastStep(events)!;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 1500));
    const steps = lastStep(events)! - from;
    const seconds = (performance.now() - t0) / 1000;
    await c.pause();
    // A slow machine only lowers the count; a second loop would double it.
    expect(steps / seconds).toBeLessThan(60 * 1.25);
    expect(steps).toBeGreaterThan(0);
  });
});
