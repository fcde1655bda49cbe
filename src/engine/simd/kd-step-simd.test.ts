/**
 * The studio's whole text KD step (shipped 4×96 teacher, default 2×48 student, windows of 32
 * characters) on Node's tfjs-wasm: with our SIMD kernels it gives the reference formulation's
 * losses within float32 noise, step after step from the same seed, runs the SIMD kernels (and
 * none of the per-head pieces), and leaves no tensor behind.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textBenchConfig } from '../../../bench/text.bench';
import { setTransformerForms, type TransformerForms } from '../models/transformer';
import { Session } from '../session';
import { fsAssets } from '../../test/assets';
import { tf } from '../../test/tf';

const STEPS = 4;

async function losses(forms: TransformerForms): Promise<{ losses: number[]; kernels: Set<string>; leaked: number }> {
  setTransformerForms(forms);
  const s = await Session.create(textBenchConfig(4, 32), { assets: fsAssets });
  const out: number[] = [];
  const step = async () => {
    if (s.needsPrepare) await s.prepareStep();
    s.trainStep();
    out.push(...(await s.flush()).losses);
  };
  await step();
  const before = tf.memory().numTensors;
  const info = await tf.profile(() => s.trainStep());
  out.push(...(await s.flush()).losses);
  for (let i = 2; i < STEPS; i++) await step();
  const leaked = tf.memory().numTensors - before;
  s.dispose();
  setTransformerForms(null);
  return { losses: out, kernels: new Set(info.kernels.map((k) => k.name)), leaked };
}

beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
});
afterAll(() => setTransformerForms(null));

describe('the text KD step with the SIMD kernels on wasm', () => {
  it('gives the reference formulation’s losses within float32 noise, without leaks', async () => {
    const ref = await losses('reference');
    const simd = await losses('fast');
    expect(ref.losses.length).toBeGreaterThanOrEqual(STEPS);
    expect(ref.losses.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
    ref.losses.forEach((l, i) => expect(Math.abs(simd.losses[i]! - l) / l, `loss ${i}`).toBeLessThan(1e-4));
    for (const k of [
      'KdStudioSimdAttention',
      'KdStudioSimdAttentionGrad',
      'KdStudioSimdLayerNorm',
      'KdStudioSimdGelu',
    ]) {
      expect(simd.kernels.has(k), k).toBe(true);
    }
    expect(simd.kernels.has('KdStudioPieceMatMul')).toBe(false);
    expect(simd.leaked).toBe(0);
    expect(ref.leaked).toBe(0);
  }, 120_000);
});
