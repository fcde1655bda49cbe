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
