/**
 * An imported convolutional teacher on WASM: input gradients through a Conv2D with a linear
 * activation (which the image task's saliency probe takes) make tfjs's fused convolution derive
 * the filter gradient too, and tfjs's WASM backend has no Conv2DBackpropFilter. The studio
 * registers one (wasm-kernels.ts); the backend trial still runs the teacher as a session would,
 * so a kernel some backend lacks keeps Auto off it, in words. Its own file: it switches between
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
import { installWasmFilterGrad } from './wasm-kernels';

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
  /** Teacher × input gradients on the current backend, or the kernel it lacks. */
  async function mapsOn(backend: 'wasm' | 'cpu', activation: 'linear' | 'relu'): Promise<Float32Array | string> {
    const cfg = await importedTeacher(activation);
    await tf.setBackend(backend);
    const spec = cfg.teacher.model as Extract<ExperimentConfig['teacher']['model'], { kind: 'imported' }>;
    const teacher = await loadImported(spec, IMAGE.inputShape, IMAGE.classes, false);
    const x = tf.randomUniform([2, ...IMAGE.inputShape], 0, 1, 'float32', 5);
    const classes = tf.tensor1d([1, 2], 'int32');
    try {
      const maps = gradTimesInput(teacher, x, classes);
      const values = (await maps.data()) as Float32Array;
      maps.dispose();
      return values;
    } catch (e) {
      return missingKernel(e)?.kernel ?? (e as Error).message;
    } finally {
      tf.dispose([x, classes]);
      teacher.dispose();
      await tf.setBackend('cpu');
    }
  }

  it('needs Conv2DBackpropFilter on WASM when its conv is linear, and gets the cpu backend’s gradients with ours', async () => {
    expect(hasWasm()).toBe(true);
    // IS_TEST (useCpu) turns on a per-kernel leak check that misreports wasm's fused kernels.
    tf.env().set('IS_TEST', false);
    // The cause: a linear conv goes through tfjs's fused conv2d, whose gradient computes the filter's too.
    expect(await mapsOn('wasm', 'linear')).toBe('Conv2DBackpropFilter');
    expect(typeof (await mapsOn('wasm', 'relu'))).not.toBe('string');
    installWasmFilterGrad();
    const onWasm = await mapsOn('wasm', 'linear');
    const onCpu = await mapsOn('cpu', 'linear');
    tf.env().set('IS_TEST', true);
    expect(onWasm).toBeInstanceOf(Float32Array);
    const worst = (onWasm as Float32Array).reduce(
      (m, v, i) => Math.max(m, Math.abs(v - (onCpu as Float32Array)[i]!)),
      0,
    );
    expect(worst).toBeLessThan(1e-5);
  });

  it('lets Auto time WASM for it, leaving no tensors or variables behind', async () => {
    installWasmFilterGrad();
    const cfg = await importedTeacher('linear');
    const workload = workloadOf(cfg);
    expect(workload.makeTeacher).toBeDefined();
    const before = tf.memory().numTensors;
    const variables = Object.keys(tf.engine().state.registeredVariables).length;
    tf.env().set('IS_TEST', false);
    const chosen = await selectBackend('auto', workload);
    tf.env().set('IS_TEST', true);
    expect(chosen.trials.find((t) => t.name === 'wasm')?.msPerStep).toBeGreaterThan(0);
    expect(chosen.trials.filter((t) => t.skipped?.startsWith('trial failed'))).toEqual([]);
    await tf.setBackend('cpu');
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(tf.engine().state.registeredVariables).length).toBe(variables);
  });

  it('runs on a forced WASM', async () => {
    installWasmFilterGrad();
    const cfg = await importedTeacher('linear');
    tf.env().set('IS_TEST', false);
    const chosen = await selectBackend('wasm', workloadOf(cfg));
    tf.env().set('IS_TEST', true);
    expect(chosen.name).toBe('wasm');
    await tf.setBackend('cpu');
  });
});
