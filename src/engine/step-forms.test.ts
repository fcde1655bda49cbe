/**
 * The lean step forms (step-forms.ts) against the reference ones on the default toy
 * experiment: the kernels a step issues, pinned from above (counts are deterministic, so a
 * regression shows here long before a bench would), the same training to float32 noise on cpu
 * and wasm, and no tensor left behind.
 */
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../config/schema';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { tf, useCpu } from '../test/tf';
import { Session } from './session';
import { setStepForms, type StepForms } from './step-forms';

/** The default experiment with a briefly trained teacher (it is not what is compared). */
const toy = (batchSize = 64): ExperimentConfig => ({
  ...TOY_CONFIG,
  teacher: { ...TOY_CONFIG.teacher, trainSteps: 30 },
  train: { ...TOY_CONFIG.train, batchSize },
});

/** The cpu backend as the other unit tests set it up (not a React hook, whatever its name). */
const cpuBackend = useCpu;

async function onBackend(backend: 'cpu' | 'wasm') {
  if (backend === 'cpu') {
    // useCpu sets the backend once per file; a wasm test may have switched it since.
    await cpuBackend();
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
    return;
  }
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.env().set('IS_TEST', false);
  await tf.setBackend('wasm');
}

/** Kernels of one step (tf.profile records, every kind: each costs tfjs's bookkeeping). */
async function kernelsPerStep(forms: StepForms, cfg: ExperimentConfig): Promise<string[]> {
  setStepForms(forms);
  const s = await Session.create(cfg);
  s.trainStep(); // Adam makes its slots on the first step
  await s.flush();
  const info = await tf.profile(() => s.trainStep());
  await s.flush();
  s.dispose();
  return info.kernels.map((k) => k.name);
}

/** `steps` steps in `forms`: every loss row and the students' final weights. */
async function train(forms: StepForms, steps: number) {
  setStepForms(forms);
  const s = await Session.create(toy());
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    s.trainStep();
    if (i % 10 === 9) losses.push(...(await s.flush()).losses);
  }
  const weights = await Promise.all(s.trainableVariables.map((v) => v.data()));
  s.dispose();
  return { losses, weights: weights.flatMap((w) => Array.from(w)) };
}

afterEach(() => setStepForms('lean'));

describe('the lean toy step', () => {
  for (const backend of ['cpu', 'wasm'] as const)
    it(`issues at most 48 kernels a step on ${backend}, against 169 in the reference forms`, async () => {
      await onBackend(backend);
      const [reference, lean] = [await kernelsPerStep('reference', toy()), await kernelsPerStep('lean', toy())];
      console.log(
        `toy step kernels on ${backend}: reference ${reference.length}, lean ${lean.length}: ${lean.join(' ')}`,
      );
      // Measured: cpu 37, wasm 45 (tanh as a sigmoid and explicit transposes there); reference 169.
      expect(lean.length).toBeLessThanOrEqual(48);
      expect(reference.length).toBe(169);
      // No gathers (the batch is built on the host), one Adam kernel, one loss kernel and its gradient.
      expect(lean.filter((k) => k === 'GatherV2')).toEqual([]);
      expect(lean.filter((k) => k.startsWith('Kd'))).toEqual(['KdForwardKl', 'KdForwardKlGrad', 'KdFlatAdam']);
      // The count does not grow with the batch.
      expect((await kernelsPerStep('lean', toy(512))).length).toBe(lean.length);
    });

  // Measured: losses within 1e-6 (relative), weights within 3e-7, on both backends. The bounds
  // leave room, as Adam divides by a gradient's own size: where one is near 0 its rounding can
  // move a weight by up to lr·|Δg|/|g| a step.
  for (const backend of ['cpu', 'wasm'] as const)
    it(`trains as the reference forms do on ${backend}: losses to 5e-6, weights to 1e-5 over 60 steps`, async () => {
      await onBackend(backend);
      const [reference, lean] = [await train('reference', 60), await train('lean', 60)];
      expect(tf.getBackend()).toBe(backend);
      expect(lean.losses.length).toBe(reference.losses.length);
      const relative = Math.max(
        ...lean.losses.map((v, i) => Math.abs(v - reference.losses[i]!) / Math.abs(reference.losses[i]!)),
      );
      const absolute = Math.max(...lean.weights.map((v, i) => Math.abs(v - reference.weights[i]!)));
      console.log(
        `lean vs reference on ${backend}: losses within ${relative.toExponential(1)} (relative), weights ${absolute.toExponential(1)}`,
      );
      expect(relative).toBeLessThanOrEqual(5e-6);
      expect(absolute).toBeLessThanOrEqual(1e-5);
    });

  it('keeps the tensor count flat across steps', async () => {
    await useCpu();
    setStepForms('lean');
    const s = await Session.create(toy());
    s.trainStep();
    await s.flush();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 25; i++) s.trainStep();
    await s.flush();
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });
});
