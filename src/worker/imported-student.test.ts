/**
 * An imported student on Auto through the worker's controller, as a page that reloads it runs:
 * the backend is chosen once while the model is being restored (its files not yet in the
 * worker), and again on Play, when the trial times the imported model itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import type { ExperimentConfig } from '../config/schema';
import { importLayersModel } from '../engine/model-io';
import { validModelFiles } from '../engine/model-io/fixtures';
import { useCpu } from '../test/tf';
import { StudioController } from './controller';
import type { EngineEvent } from './protocol';

beforeAll(useCpu);

describe('an imported student on Auto', () => {
  it('is timed itself on Play, after a restore that had to choose a backend without it', async () => {
    const { files, json, weights } = await validModelFiles();
    // What the page stored when the model was first imported: its name, hash and sizes.
    const probe = await importLayersModel(files, { inputShape: [2], classes: 3 });
    probe.model.dispose();
    const config: ExperimentConfig = {
      ...TOY_CONFIG,
      backend: 'auto',
      teacher: { ...TOY_CONFIG.teacher, trainSteps: 20 },
      student: {
        kind: 'imported',
        hash: probe.weightsHash,
        name: 'restored student',
        featureDim: 8,
        params: probe.params,
      },
    };
    const events: EngineEvent[] = [];
    const c = new StudioController((e) => events.push(e));
    await c.configure(config);
    const restored = await c.importModel({
      name: 'restored student',
      role: 'student',
      modelJson: JSON.stringify(json),
      weights: [{ name: 'weights.bin', bytes: weights }],
      config,
      quiet: true,
    });
    expect(restored).toMatchObject({ ok: true, hash: probe.weightsHash });
    await c.step();
    const backends = events.flatMap((e) => (e.type === 'backend' ? [e.info] : []));
    const last = backends.at(-1)!;
    expect(last.trials.filter((t) => t.skipped?.startsWith('trial failed'))).toEqual([]);
    expect(last.trials.find((t) => t.name === 'cpu')?.msPerStep).toBeGreaterThan(0);
    expect(last.reason).toMatch(/^fastest in a \d-way trial/);
    expect(events.some((e) => e.type === 'status' && e.status === 'error')).toBe(false);
    await c.reset();
  });
});
