/**
 * Generation in slices: how many characters a stretch writes follows the budget asked at each
 * stretch, and the text is the same however it is sliced.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../lib/rng';
import { tf, useCpu } from '../../../test/tf';
import { generate, type Slicer } from '../../../engine/models/generate';
import type { Autoregressive } from '../../../engine/models/sequence';
import { SAMPLE_SLICE_MS, stretchMs } from './queries';

beforeAll(useCpu);

/** A model whose every character takes `ms` of wall time, as a GPU read-back does. */
function slowModel(ms: number): Autoregressive {
  return {
    config: { context: 8, vocab: 5 },
    forward(tokens) {
      const until = performance.now() + ms;
      while (performance.now() < until);
      const [b, t] = tokens.shape;
      return { logits: tf.tidy(() => tf.reshape(tf.mul(tf.cast(tokens, 'float32'), 0.3), [b, t, 1]).tile([1, 1, 5])) };
    },
  };
}

/** Counts the stretches it runs; reports `trainingMs` as the worker's slicer does. */
function counting(trainingMs: number): Slicer & { stretches: number } {
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    counted.stretches++;
    return work();
  };
  const counted = Object.assign(run, { stretches: 0, trainingMs: () => trainingMs });
  return counted;
}

describe('generation in slices', () => {
  it('a stretch runs as long as the last training tick, at least SAMPLE_SLICE_MS', () => {
    expect(stretchMs(counting(0))()).toBe(SAMPLE_SLICE_MS);
    expect(stretchMs(counting(240))()).toBe(240);
    const plain: Slicer = (work) => work();
    expect(stretchMs(plain)()).toBe(SAMPLE_SLICE_MS);
  });

  it('writes several characters per stretch when training ticks are long, the same text', async () => {
    // 30 ms a character, over the 25 ms floor: with the floor alone each stretch wrote one
    // character, one per training tick (a webgl text-file run wrote no sample in a minute).
    const model = slowModel(30);
    const options = () => ({ temperature: 1, rng: createRng(3, 'slices') });
    const whole = await generate(model, [1, 2], 12, options());
    const short = counting(0);
    const a = await generate(model, [1, 2], 12, { ...options(), slices: { run: short, ms: stretchMs(short) } });
    const long = counting(200);
    const b = await generate(model, [1, 2], 12, { ...options(), slices: { run: long, ms: stretchMs(long) } });
    expect(Array.from(a)).toEqual(Array.from(whole));
    expect(Array.from(b)).toEqual(Array.from(whole));
    expect(short.stretches).toBe(12);
    expect(long.stretches).toBeLessThanOrEqual(3);
  });
});
