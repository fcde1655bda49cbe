import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { createVocab } from '../../tasks/text/vocab';
import { tf, useCpu } from '../../test/tf';
import { generate } from './generate';
import {
  type Transformer,
  type TransformerConfig,
  createTransformer,
  loadTransformer,
  paramCount,
  saveTransformer,
  tokenCrossEntropy,
} from './transformer';
import { evaluateWindows } from './transformer-eval';

beforeAll(useCpu);

const TINY: TransformerConfig = { vocab: 7, context: 8, layers: 2, width: 16, heads: 2, mlpRatio: 2 };

function tokens(rows: number[][]): tf.Tensor2D {
  return tf.tensor2d(rows, [rows.length, rows[0]!.length], 'int32');
}

async function logitsOf(model: Transformer, rows: number[][]) {
  const out = tf.tidy(() => {
    const { logits, features } = model.forward(tokens(rows));
    return [logits, features] as const;
  });
  const [l, f] = await Promise.all(out.map((t) => t.data()));
  out.forEach((t) => t.dispose());
  return { logits: Array.from(l!), features: Array.from(f!) };
}

describe('character transformer', () => {
  it('is causal: a changed token never changes an earlier position (exactly)', async () => {
    const model = createTransformer(TINY, createRng(1, 'causal'));
    const T = TINY.context;
    const V = TINY.vocab;
    const base = [
      [1, 2, 3, 4, 5, 6, 0, 1],
      [6, 5, 4, 3, 2, 1, 0, 6],
    ];
    const ref = await logitsOf(model, base);
    for (let p = 0; p < T; p++) {
      const changed = base.map((row) => row.map((t, i) => (i === p ? (t + 3) % V : t)));
      const out = await logitsOf(model, changed);
      for (let b = 0; b < base.length; b++) {
        const lo = b * T * V;
        const fo = b * T * TINY.width;
        // Positions before p: bit-identical logits and features.
        expect(out.logits.slice(lo, lo + p * V)).toEqual(ref.logits.slice(lo, lo + p * V));
        expect(out.features.slice(fo, fo + p * TINY.width)).toEqual(ref.features.slice(fo, fo + p * TINY.width));
        // Position p itself does change (the test would pass vacuously otherwise).
        expect(out.logits.slice(lo + p * V, lo + (p + 1) * V)).not.toEqual(
          ref.logits.slice(lo + p * V, lo + (p + 1) * V),
        );
      }
    }
    // A shorter sequence gives the same outputs as the prefix of a full one.
    const prefix = await logitsOf(model, [base[0]!.slice(0, 5)]);
    expect(prefix.logits).toEqual(ref.logits.slice(0, 5 * V));
    model.dispose();
  });

  it('has the documented shapes and parameter count', () => {
    const model = createTransformer(TINY, createRng(1));
    const { logits, features } = model.forward(tokens([[1, 2, 3]]));
    expect(logits.shape).toEqual([1, 3, TINY.vocab]);
    expect(features.shape).toEqual([1, 3, TINY.width]);
    const counted = model.variables.reduce((n, v) => n + v.size, 0);
    expect(model.paramCount).toBe(counted);
    expect(paramCount({ vocab: 49, context: 64, layers: 4, width: 128, heads: 4, mlpRatio: 4 })).toBe(814_129);
    expect(() => model.forward(tokens([[0, 1, 2, 3, 4, 5, 6, 0, 1]]))).toThrow(/exceed the context of 8/);
    tf.dispose([logits, features]);
    model.dispose();
  });

  it('is seeded: the same seed gives the same weights, another seed different ones', async () => {
    const read = async (seed: number) => {
      const m = createTransformer(TINY, createRng(seed, 'init'));
      const values = await Promise.all(m.variables.map((v) => v.data()));
      m.dispose();
      return values.map((v) => Array.from(v));
    };
    const a = await read(3);
    expect(await read(3)).toEqual(a);
    expect((await read(4))[0]).not.toEqual(a[0]);
  });

  it('round-trips through save and load with identical logits', async () => {
    const model = createTransformer(TINY, createRng(2, 'save'));
    const { json, weights } = await saveTransformer(model);
    expect(json.format).toBe('kd-studio-transformer');
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(weights.byteLength).toBe(model.paramCount * 4);
    // Through JSON text, as from disk or fetch.
    const loaded = loadTransformer(JSON.parse(JSON.stringify(json)), weights.slice(0));
    const rows = [
      [0, 1, 2, 3, 4, 5, 6, 0],
      [3, 3, 3, 1, 1, 1, 2, 2],
    ];
    expect(await logitsOf(loaded, rows)).toEqual(await logitsOf(model, rows));
    // Saved for download under a lane's own name: the manifest names that file, and it loads.
    const named = await saveTransformer(model, 'student-1-hinton-step300.weights.bin');
    expect(named.json.weightsManifest[0].paths).toEqual(['student-1-hinton-step300.weights.bin']);
    const again = loadTransformer(JSON.parse(JSON.stringify(named.json)), named.weights);
    expect(await logitsOf(again, rows)).toEqual(await logitsOf(model, rows));
    again.dispose();
    model.dispose();
    loaded.dispose();
  });

  it('refuses broken model files with readable errors', async () => {
    const model = createTransformer(TINY, createRng(2, 'save'));
    const { json, weights } = await saveTransformer(model);
    model.dispose();
    const edit = (f: (j: Record<string, unknown>) => void) => {
      const j = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
      f(j);
      return j;
    };
    expect(() =>
      loadTransformer(
        edit((j) => (j.format = 'x')),
        weights,
      ),
    ).toThrow(/format is "x"/);
    expect(() =>
      loadTransformer(
        edit((j) => (j.formatVersion = 2)),
        weights,
      ),
    ).toThrow(/formatVersion 2/);
    expect(() =>
      loadTransformer(
        edit((j) => ((j.config as TransformerConfig).heads = 3)),
        weights,
      ),
    ).toThrow(/not divisible by heads 3/);
    expect(() =>
      loadTransformer(
        edit((j) => ((j.config as TransformerConfig).width = 0)),
        weights,
      ),
    ).toThrow(/width must be a positive integer/);
    expect(() =>
      loadTransformer(
        edit((j) => ((j.config as TransformerConfig).layers = 3)),
        weights,
      ),
    ).toThrow(/weights listed, the config needs/);
    expect(() => loadTransformer(json, weights.slice(4))).toThrow(/weights.bin: \d+ bytes, the config needs/);
    const renamed = edit((j) => {
      (j.weightsManifest as { weights: { name: string }[] }[])[0]!.weights[0]!.name = 'embedding';
    });
    expect(() => loadTransformer(renamed, weights)).toThrow(/weight 0 is "embedding", expected "embed\/tokens"/);
  });

  it('leaks no tensors: forward inside tidy, generation, and dispose', async () => {
    const before = tf.memory().numTensors;
    const model = createTransformer(TINY, createRng(5));
    const withModel = tf.memory().numTensors;
    tf.tidy(() => {
      model.forward(tokens([[1, 2, 3, 4, 5, 6, 0, 1]]));
      model.forward(tokens([[1, 2]]));
    });
    expect(tf.memory().numTensors).toBe(withModel);
    await generate(model, [1, 2], 12, { temperature: 1, rng: createRng(1) });
    expect(tf.memory().numTensors).toBe(withModel);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('generates deterministically for a seed, differently for another, greedily at temperature 0', async () => {
    const model = createTransformer(TINY, createRng(6));
    const run = (seed: number, temperature = 1) =>
      generate(model, [1, 2, 3], 24, { temperature, rng: createRng(seed, 'gen') }).then((ids) => Array.from(ids));
    const a = await run(1);
    expect(a).toHaveLength(24);
    expect(a.every((id) => id >= 0 && id < TINY.vocab)).toBe(true);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
    // Greedy ignores the generator.
    expect(await run(1, 0)).toEqual(await run(2, 0));
    // Longer than the context: only the last `context` tokens are read, and it still works.
    expect(await generate(model, [1], 20, { temperature: 0.5, rng: createRng(3) })).toHaveLength(20);
    await expect(generate(model, [], 3, { temperature: 1, rng: createRng(3) })).rejects.toThrow(/at least one token/);
    model.dispose();
  });

  it('sends a gradient to every weight', async () => {
    const model = createTransformer(TINY, createRng(7, 'grad'));
    const rng = createRng(7, 'batch');
    const rows = Array.from({ length: 4 }, () => Array.from({ length: TINY.context + 1 }, () => rng.int(TINY.vocab)));
    const x = tokens(rows.map((r) => r.slice(0, -1)));
    const y = tokens(rows.map((r) => r.slice(1)));
    const before = await Promise.all(model.variables.map((v) => v.data()));
    const opt = tf.train.sgd(0.1);
    const { grads } = tf.variableGrads(() => tokenCrossEntropy(model.forward(x).logits, y), model.variables);
    opt.applyGradients(grads);
    const after = await Promise.all(model.variables.map((v) => v.data()));
    model.variables.forEach((_, i) => {
      const changed = after[i]!.some((value, j) => value !== before[i]![j]);
      expect(changed, `${model.names[i]} did not change`).toBe(true);
      expect(after[i]!.every(Number.isFinite), `${model.names[i]} is not finite`).toBe(true);
    });
    tf.dispose([x, y, ...Object.values(grads)]);
    opt.dispose();
    model.dispose();
  });
});

describe('committed teacher (public/models/char-transformer)', () => {
  const dir = 'public/models/char-transformer';
  it('matches its meta.json: weights hash, config, and held-out perplexity on a few windows', async () => {
    const meta = JSON.parse(readFileSync(`${dir}/meta.json`, 'utf8')) as {
      config: TransformerConfig;
      params: number;
      weightsHash: string;
      heldOutPerplexity: number;
      spotCheck: { heldOutStarts: number[]; crossEntropy: number };
    };
    const bin = readFileSync(`${dir}/weights.bin`);
    expect(createHash('sha256').update(bin).digest('hex').slice(0, 12)).toBe(meta.weightsHash);
    const json = JSON.parse(readFileSync(`${dir}/model.json`, 'utf8')) as { config: TransformerConfig };
    expect(json.config).toEqual(meta.config);
    const model = loadTransformer(json, bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
    expect(model.paramCount).toBe(meta.params);

    const corpus = JSON.parse(readFileSync('public/data/text/meta.json', 'utf8')) as {
      vocab: string;
      split: { heldOutStart: number };
    };
    const text = gunzipSync(readFileSync('public/data/text/corpus.txt.gz')).toString('utf8');
    const heldOut = createVocab(corpus.vocab).encode(text).subarray(corpus.split.heldOutStart);
    const { crossEntropy, perplexity } = await evaluateWindows(model, heldOut, meta.spotCheck.heldOutStarts);
    // The same windows as the training script measured on wasm: only float rounding differs.
    expect(crossEntropy).toBeCloseTo(meta.spotCheck.crossEntropy, 3);
    // A small sample of the held-out split: close to the full figure, not equal.
    expect(Math.abs(perplexity / meta.heldOutPerplexity - 1)).toBeLessThan(0.2);
    model.dispose();
  });
});
