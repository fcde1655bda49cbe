/** A StudioController driven directly in tests: the events it sends, and a wait for one. */
import { StudioController } from '../worker/controller';
import type { EngineEvent } from '../worker/protocol';
import { TOY_CONFIG, type ToyExperiment } from '../tasks/toy2d/defaults';

export function harness() {
  const events: EngineEvent[] = [];
  const c = new StudioController((e) => events.push(e));
  const waitFor = async (pred: (e: EngineEvent) => boolean, ms = 20_000) => {
    const t0 = Date.now();
    while (!events.some(pred)) {
      if (Date.now() - t0 > ms) throw new Error(`timed out; saw ${events.map((e) => e.type).join(',')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { c, events, waitFor };
}

/** A small toy experiment on cpu (200 moons points, a 60-step teacher) with the given training. */
export const quickToy = (train: Pick<ToyExperiment['train'], 'steps' | 'stepsPerFrame'>): ToyExperiment => ({
  ...TOY_CONFIG,
  backend: 'cpu',
  task: { ...TOY_CONFIG.task, dataset: 'moons', points: 200 },
  teacher: { ...TOY_CONFIG.teacher, trainSteps: 60 },
  train: { ...TOY_CONFIG.train, ...train },
});
