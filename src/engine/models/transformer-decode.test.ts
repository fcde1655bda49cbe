/** The key/value-cached decoder on the cpu backend: the full forward's logits, the same samples. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { tf, useCpu } from '../../test/tf';
import { samplesBothWays, teacherAndStudent, worstLogitGap } from './decode-cases';
import { generateBatch } from './generate';
import { createTransformer } from './transformer';
import { snapshot } from './transformer-decode';

beforeAll(useCpu);

// The cpu backend runs the 4 × 96 teacher at a few hundred tokens a second.
describe('key/value-cached decoding (cpu)', { timeout: 180_000 }, () => {
  it('gives the full forward’s logits at every position, prompt then one token at a time', async () => {
    const { teacher, student } = teacherAndStudent();
    expect(await worstLogitGap(teacher, 1, 40)).toBeLessThan(1e-4);
    expect(await worstLogitGap(student, 2, 1)).toBeLessThan(1e-4);
    // The tensor decoder, which the GPU backends run (cpu stands in for them here).
    expect(await worstLogitGap(student, 2, 1, 'tensor')).toBeLessThan(1e-4);
    teacher.dispose();
    student.dispose();
  });

  it('samples the same ids with and without the cache, past the context, and frees the cache', async () => {
    const { teacher, student } = teacherAndStudent();
    // Prompt + new characters past the context of 64 (the cpu backend is slow: the teacher
    // gets 40 + 30, 6 past it; the student 10 + 70, 16 past it).
    for (const [model, rows, p, n, temperature] of [
      [teacher, 1, 40, 30, 0.9],
      [student, 2, 10, 70, 0.9],
      [student, 2, 10, 70, 0],
    ] as const) {
      const { cached, full, leftCached } = await samplesBothWays(model, rows, p, n, temperature);
      expect(cached).toEqual(full);
      expect(leftCached).toBe(0);
    }
    teacher.dispose();
    student.dispose();
  });

  it('in slices, from a snapshot: the same ids, however the model changes between slices', async () => {
    const config = { vocab: 7, context: 8, layers: 2, width: 16, heads: 2, mlpRatio: 2 };
    const model = createTransformer(config, createRng(1, 'slices'));
    const prompt = Int32Array.from([1, 2, 3]);
    const options = () => ({ temperature: 1, rng: createRng(9, 'draws') });
    const whole = await generateBatch(model, prompt, 1, 20, options());
    const frozen = snapshot(model);
    let slices = 0;
    const sliced = await generateBatch(frozen, prompt, 1, 20, {
      ...options(),
      slices: {
        ms: () => 0,
        run: async (work) => {
          slices++;
          const out = await work();
          // Training between slices: the model moves on, the snapshot does not.
          model.variables.forEach((v) => v.assign(tf.tidy(() => tf.mul(v, 1.5))));
          return out;
        },
      },
    });
    frozen.dispose();
    expect(slices).toBe(20);
    expect(Array.from(sliced)).toEqual(Array.from(whole));
    model.dispose();
  });
});
