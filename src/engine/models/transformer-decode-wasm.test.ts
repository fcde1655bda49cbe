/**
 * The key/value-cached decoder on the WASM backend (the studio's CPU-class backend): the full
 * forward's logits, and the same seeded samples with and without the cache. Its own file:
 * vitest runs each file in a fresh worker, so the backend switch stays here.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../test/tf';
import { samplesBothWays, teacherAndStudent, worstLogitGap } from './decode-cases';

beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
});

describe('key/value-cached decoding (wasm)', { timeout: 120_000 }, () => {
  it('gives the full forward’s logits, and the same seeded samples past the context', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const { teacher, student } = teacherAndStudent();
    expect(await worstLogitGap(teacher, 3, 5)).toBeLessThan(1e-4);
    expect(await worstLogitGap(student, 2, 1)).toBeLessThan(1e-4);
    for (const [model, rows] of [
      [teacher, 2],
      [student, 3],
    ] as const) {
      // 10 prompt + 90 new: 36 positions past the context of 64.
      const { cached, full, leftCached } = await samplesBothWays(model, rows, 10, 90, 0.9);
      expect(cached).toEqual(full);
      expect(leftCached).toBe(0);
    }
    // A frozen teacher (as the studio runs it): its folded weights made once and shared by
    // every decoder, which must leave them to the model; its full forward is the frozen one.
    teacher.freeze();
    const made = teacher.decodeWeights();
    expect(made).toBeDefined();
    expect(await worstLogitGap(teacher, 2, 16)).toBeLessThan(1e-4);
    const { cached, full, leftCached } = await samplesBothWays(teacher, 2, 16, 49, 0.9);
    expect(cached).toEqual(full);
    expect(leftCached).toBe(0);
    expect(teacher.decodeWeights()).toBe(made);
    const withModels = tf.memory().numTensors;
    teacher.dispose();
    student.dispose();
    expect(tf.memory().numTensors).toBeLessThan(withModels);
  });
});
