/**
 * Auto's backend trial on the experiment's real student: an imported layers model (which has
 * no spec to build from) and a sequence student on WASM. Its own file: it switches between the
 * cpu and wasm backends, and vitest runs each file in a fresh worker.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import type { ExperimentConfig } from '../config/schema';
import { tf, useCpu } from '../test/tf';
import { studentStepBytes, studentStepMacs } from '../config/estimate';
import { selectBackend, trialBatch, type Workload } from './backend';
import { registerImported } from './imported';
import { BASE_EXPECT, validModelFiles } from './model-io/fixtures';
import type { Model } from './models/types';
import { workloadOf } from './workload';

beforeAll(async () => {
  await useCpu();
  // The wasm binaries from node_modules, the single-threaded build (Node has no Web Workers).
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
});

/** Backends Auto may try here: webgpu and webgl have no factory in Node. */
const registered = () => (['wasm', 'cpu'] as const).filter((n) => tf.findBackendFactory(n) != null);

describe('Auto backend trial', () => {
  it('times the real imported student on every backend that may run it, with no failed trial', async () => {
    const { files } = await validModelFiles();
    const info = await registerImported('fixture student', files, BASE_EXPECT);
    const config: ExperimentConfig = { ...TOY_CONFIG, student: { kind: 'imported', ...info } };
    const workload = workloadOf(config);
    expect(workload.studentMissing).toBeUndefined();
    // Every model the trial times, to check it is the imported one. (Before the workload had
    // makeStudent, each trial built the spec, which no builder knows: "trial failed: Cannot
    // read properties of undefined".)
    const made: Model[] = [];
    const load = workload.makeStudent;
    const tracked: Workload = {
      ...workload,
      ...(load && {
        makeStudent: async () => {
          const m = await load();
          made.push(m);
          return m;
        },
      }),
    };
    const before = tf.memory().numTensors;
    const variables = Object.keys(tf.engine().state.registeredVariables).length;
    const chosen = await selectBackend('auto', tracked);
    expect(chosen.trials.filter((t) => t.skipped?.startsWith('trial failed'))).toEqual([]);
    const timed = chosen.trials.filter((t) => t.msPerStep !== undefined);
    // WASM is never tried for an imported model (its rule, not a failure); cpu always runs here.
    expect(registered()).toContain('cpu');
    expect(timed.map((t) => t.name)).toEqual(['cpu']);
    expect(timed.every((t) => Number.isFinite(t.msPerStep) && t.msPerStep! > 0)).toBe(true);
    if (registered().includes('wasm'))
      expect(chosen.trials.find((t) => t.name === 'wasm')?.skipped).toMatch(/^an imported model may use layers/);
    expect(chosen).toMatchObject({ name: 'cpu', reason: expect.stringMatching(/^fastest in a 1-way trial \(cpu /) });
    // One fresh copy of the imported layers model per timed backend, disposed after its trial.
    expect(made).toHaveLength(timed.length);
    for (const m of made) {
      expect(m.layers?.getLayer('features')).toBeDefined();
      expect(m.paramCount).toBe(info.params);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(tf.engine().state.registeredVariables).length).toBe(variables);
  });

  it('marks an imported student whose files are not in the worker, so a choice made then is made again', async () => {
    const { files } = await validModelFiles();
    const info = await registerImported('fixture student', files, BASE_EXPECT);
    const here = workloadOf({ ...TOY_CONFIG, student: { kind: 'imported', ...info } });
    const elsewhere = workloadOf({ ...TOY_CONFIG, student: { kind: 'imported', ...info, hash: 'ffffffffffff' } });
    expect(elsewhere.studentMissing).toBe(true);
    // The worker keys its choice on the workload's JSON (functions drop out of it).
    expect(JSON.stringify({ ...elsewhere, student: here.student })).not.toBe(JSON.stringify(here));
  });

  it('times a sequence student on WASM too: its one-hot embedding trains there (hasEmbedding stays unset)', async () => {
    const config: ExperimentConfig = {
      ...TEXT_CONFIG,
      task: { ...TEXT_CONFIG.task, context: 8 },
      student: { kind: 'transformer', layers: 1, width: 16, heads: 2 },
      train: { ...TEXT_CONFIG.train, batchSize: 2 },
    };
    const workload = workloadOf(config);
    expect(workload.hasEmbedding).toBeUndefined();
    // IS_TEST (useCpu) turns on a per-kernel leak check that misreports wasm's logSoftmax.
    tf.env().set('IS_TEST', false);
    const chosen = await selectBackend('auto', workload);
    tf.env().set('IS_TEST', true);
    expect(chosen.trials.filter((t) => t.skipped?.startsWith('trial failed'))).toEqual([]);
    // WASM is timed; the cpu backend too unless the trial's 3 s budget had too little left for it.
    const timed = chosen.trials.filter((t) => t.msPerStep !== undefined).map((t) => t.name);
    expect(timed).toContain('wasm');
    const rest = chosen.trials.filter((t) => t.msPerStep === undefined && registered().some((n) => n === t.name));
    expect(rest.map((t) => t.skipped)).toEqual(rest.map(() => expect.stringMatching(/trial’s time|s were up/)));
    expect([...timed, ...rest.map((t) => t.name)].sort()).toEqual([...registered()].sort());
  });

  it('times a batch too large to try on fewer rows: never more than 256 MB or 0.5 billion multiply-adds a step', () => {
    // The default text experiment's step is timed as it is; the 67-character link's 1,024 windows are not.
    expect(trialBatch(workloadOf(TEXT_CONFIG))).toBe(TEXT_CONFIG.train.batchSize);
    const huge = workloadOf({ ...TEXT_CONFIG, train: { ...TEXT_CONFIG.train, batchSize: 1024 } });
    const batch = trialBatch(huge);
    expect(batch).toBeGreaterThanOrEqual(TEXT_CONFIG.train.batchSize);
    expect(batch).toBeLessThan(64);
    const context = TEXT_CONFIG.task.context;
    expect(studentStepBytes(huge.student, huge.inputShape, huge.classes, context, batch)).toBeLessThanOrEqual(2 ** 28);
    expect(studentStepMacs(huge.student, huge.inputShape, huge.classes, context, batch)).toBeLessThanOrEqual(0.5e9);
    // A toy student is tiny: any batch is timed whole.
    expect(trialBatch(workloadOf({ ...TOY_CONFIG, train: { ...TOY_CONFIG.train, batchSize: 1024 } }))).toBe(1024);
  });
});
