/**
 * An imported convolutional teacher on the backend trial: WASM cannot take input gradients
 * through a Conv2D with a linear activation (tfjs's fused convolution derives the filter
 * gradient too, and WASM has no Conv2DBackpropFilter), which the image task's saliency probe
 * needs; Auto must not pick it, and must say why in words. Its own file: it switches between
 * the cpu and wasm backends, and vitest runs each file in a fresh worker.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../config/schema';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { tf, useCpu } from '../test/tf';
import { selectBackend } from './backend';
import { gradTimesInput } from './evaluation';
import { loadImported, registerImported } from './imported';
import { missingKernel } from './missing-kernel';
import { savedFiles } from './models/layers-fixtures';
import { workloadOf } from './workload';

const IMAGE = { inputShape: [28, 28, 1], classes: 10 };

beforeAll(async () => {
  await useCpu();
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
});

/** Conv2D (`activation`) → BatchNormalization → ReLU → Flatten → Dense softmax. */
function convTeacher(activation: 'linear' | 'relu'): tf.LayersModel {
  const input = tf.input({ shape: IMAGE.inputShape });
  const seed = (s: number) => tf.initializers.glorotUniform({ seed: s });
  const conv = tf.layers
    .conv2d({ filters: 2, kernelSize: 3, strides: 4, activation, useBias: false, kernelInitializer: seed(1) })
    .apply(input);
  const bn = tf.layers.batchNormalization().apply(conv);
  const relu = tf.layers.activation({ activation: 'relu' }).apply(bn);
  const flat = tf.layers.flatten().apply(relu);
  const out = tf.layers
    .dense({ units: IMAGE.classes, activation: 'softmax', kernelInitializer: seed(2) })
    .apply(flat) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

async function importedTeacher(activation: 'linear' | 'relu'): Promise<ExperimentConfig> {
  const model = convTeacher(activation);
  const info = await registerImported(`conv-${activation}`, await savedFiles(model), IMAGE);
  model.dispose();
  return {
    ...IMAGE_CONFIG,
    backend: 'auto',
    teacher: { ...IMAGE_CONFIG.teacher, model: { kind: 'imported', ...info } },
    train: { ...IMAGE_CONFIG.train, batchSize: 8 },
  };
}

const hasWasm = () => tf.findBackendFactory('wasm') != null;

describe('an imported convolutional teacher', () => {
  it('needs Conv2DBackpropFilter on WASM for input gradients only when its conv is linear (the cause)', async () => {
    expect(hasWasm()).toBe(true);
    // IS_TEST (useCpu) turns on a per-kernel leak check that misreports wasm's fused kernels.
    tf.env().set('IS_TEST', false);
    const failures: (string | null)[] = [];
    for (const activation of ['linear', 'relu'] as const) {
      const cfg = await importedTeacher(activation);
      await tf.setBackend('wasm');
      const spec = cfg.teacher.model as Extract<ExperimentConfig['teacher']['model'], { kind: 'imported' }>;
      const teacher = await loadImported(spec, IMAGE.inputShape, IMAGE.classes, false);
      const x = tf.ones([2, ...IMAGE.inputShape]);
      const classes = tf.tensor1d([1, 2], 'int32');
      try {
        const maps = gradTimesInput(teacher, x, classes);
        await maps.data();
        maps.dispose();
        failures.push(null);
      } catch (e) {
        failures.push(missingKernel(e)?.kernel ?? (e as Error).message);
      } finally {
        tf.dispose([x, classes]);
        teacher.dispose();
        await tf.setBackend('cpu');
      }
    }
    tf.env().set('IS_TEST', true);
    // A linear conv goes through tfjs's fused conv2d, whose gradient computes the filter's too.
    expect(failures).toEqual(['Conv2DBackpropFilter', null]);
  });

  it('keeps Auto off WASM, in words, and runs its input gradients on the backend it picks', async () => {
    const cfg = await importedTeacher('linear');
    const workload = workloadOf(cfg);
    expect(workload.makeTeacher).toBeDefined();
    expect(JSON.stringify(workload)).toContain(cfg.teacher.model.kind === 'imported' ? cfg.teacher.model.hash : '-');
    const before = tf.memory().numTensors;
    const variables = Object.keys(tf.engine().state.registeredVariables).length;
    tf.env().set('IS_TEST', false);
    const chosen = await selectBackend('auto', workload);
    tf.env().set('IS_TEST', true);
    const wasm = chosen.trials.find((t) => t.name === 'wasm');
    expect(wasm?.msPerStep).toBeUndefined();
    expect(wasm?.skipped).toBe(
      'it has no Conv2DBackpropFilter kernel, which this teacher needs (the saliency maps take gradients through it)',
    );
    expect(chosen.trials.filter((t) => t.skipped?.startsWith('trial failed'))).toEqual([]);
    expect(chosen.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(tf.engine().state.registeredVariables).length).toBe(variables);
  });

  it('makes a forced WASM fall back to Auto with the reason', async () => {
    const cfg = await importedTeacher('linear');
    tf.env().set('IS_TEST', false);
    const chosen = await selectBackend('wasm', workloadOf(cfg));
    tf.env().set('IS_TEST', true);
    expect(chosen.name).toBe('cpu');
    expect(chosen.reason).toMatch(/^wasm could not start \(it has no Conv2DBackpropFilter kernel, which this teacher/);
  });

  it('lets Auto time WASM when the teacher can run there (a ReLU conv is not fused in a gradient)', async () => {
    const cfg = await importedTeacher('relu');
    tf.env().set('IS_TEST', false);
    const chosen = await selectBackend('auto', workloadOf(cfg));
    tf.env().set('IS_TEST', true);
    expect(chosen.trials.find((t) => t.name === 'wasm')?.msPerStep).toBeGreaterThan(0);
    await tf.setBackend('cpu');
  });
});
