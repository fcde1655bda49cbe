/**
 * The fast formulation of the transformer (transformer-ops.ts, transformer-attention.ts) is the
 * reference one rewritten: same values, same gradients, within float32 noise, on cpu and on
 * wasm. Its own file: vitest runs each file in a fresh worker, so switching backends here
 * cannot affect the other tests.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { tf } from '../../test/tf';
import {
  type TransformerConfig,
  type TransformerForms,
  MASKED,
  causalAttention,
  createTransformer,
  gelu,
  layerNorm,
  linear,
  setTransformerForms,
  tokenCrossEntropy,
} from './transformer';

const CONFIG: TransformerConfig = { vocab: 9, context: 6, layers: 2, width: 16, heads: 4, mlpRatio: 2 };

/** Largest difference relative to the largest magnitude of `ref`. */
function relativeGap(ref: ArrayLike<number>, other: ArrayLike<number>): number {
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    scale = Math.max(scale, Math.abs(ref[i]!));
    worst = Math.max(worst, Math.abs(ref[i]! - other[i]!));
  }
  return scale === 0 ? worst : worst / scale;
}

async function modelRun(forms: TransformerForms, steps: number, frozen: boolean) {
  setTransformerForms(forms);
  const model = createTransformer(CONFIG, createRng(5, 'forms'), `forms-${forms}`);
  if (frozen) model.freeze();
  const rng = createRng(5, 'batch');
  const ids = (n: number) => Array.from({ length: n }, () => rng.int(CONFIG.vocab));
  const x = tf.tensor2d(ids(3 * steps), [3, steps], 'int32');
  const y = tf.tensor2d(ids(3 * steps), [3, steps], 'int32');
  // Features enter the loss too, so the final LayerNorm's gradient is checked on its own path.
  const lossOf = (out: { logits: tf.Tensor3D; features: tf.Tensor3D }) =>
    tf.add(tokenCrossEntropy(out.logits, y), tf.mean(tf.square(out.features))) as tf.Scalar;
  // A frozen model (a teacher) is never differentiated: its fast forms have no gradients.
  const trained = frozen ? [] : model.variables;
  const { value, grads } = frozen
    ? { value: tf.tidy(() => lossOf(model.forward(x))), grads: {} as Record<string, tf.Tensor> }
    : tf.variableGrads(() => lossOf(model.forward(x)), trained);
  const [logits, features] = tf.tidy(() => {
    const out = model.forward(x);
    return [out.logits, out.features];
  });
  const loss = (await value.data())[0]!;
  const g = await Promise.all(trained.map((v) => grads[v.name]!.data()));
  const [l, f] = await Promise.all([logits!.data(), features!.data()]);
  tf.dispose([x, y, value, logits!, features!, ...Object.values(grads)]);
  const names = trained.map((v) => model.names[model.variables.indexOf(v)]!);
  model.dispose();
  setTransformerForms(null);
  return { loss, logits: l, features: f, grads: g, names };
}

/** f's value, and the gradient of Σ f² with respect to every input, in one formulation. */
async function opRun(forms: TransformerForms, f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]) {
  setTransformerForms(forms);
  const [value, ...grads] = tf.tidy(() => [
    f(...xs),
    ...tf.grads((...a: tf.Tensor[]) => tf.sum(tf.square(f(...a))))(xs),
  ]);
  setTransformerForms(null);
  const out = { value: await value!.data(), grads: await Promise.all(grads.map((g) => g.data())) };
  tf.dispose([value!, ...grads]);
  return out;
}

function checkBackend(backend: 'cpu' | 'wasm') {
  describe(`the fast transformer forms on ${backend}`, () => {
    beforeAll(async () => {
      // Off: IS_TEST's per-kernel leak check counts a customGrad's intermediates (freed by the
      // enclosing tidy) as leaks; the tensor count is checked below instead.
      tf.env().set('IS_TEST', false);
      await tf.setBackend(backend);
    });

    it.each([
      ['a full window', CONFIG.context, false],
      ['a short window', 4, false],
      ['a frozen model', CONFIG.context, true],
      ['a frozen model, short window', 4, true],
    ] as const)(
      'equal the reference forms on %s: loss, logits, features and every gradient',
      async (_, steps, frozen) => {
        expect(tf.getBackend()).toBe(backend);
        const before = tf.memory().numTensors;
        const ref = await modelRun('reference', steps, frozen);
        const fast = await modelRun('fast', steps, frozen);
        expect(tf.memory().numTensors).toBe(before);
        expect(Math.abs(fast.loss - ref.loss)).toBeLessThan(1e-5 * Math.abs(ref.loss));
        expect(relativeGap(ref.logits, fast.logits)).toBeLessThan(1e-5);
        expect(relativeGap(ref.features, fast.features)).toBeLessThan(1e-5);
        expect(fast.grads.length).toBe(frozen ? 0 : CONFIG.layers * 12 + 6);
        ref.grads.forEach((g, i) => expect(relativeGap(g, fast.grads[i]!), ref.names[i]).toBeLessThan(1e-4));
      },
    );

    it('equal the reference forms op by op (GELU, LayerNorm, linear, attention)', async () => {
      const r = createRng(3, 'ops');
      const values = (n: number, s = 1) => Float32Array.from({ length: n }, () => r.normal() * s);
      const x = tf.tensor2d(values(40 * 12, 3), [40, 12]);
      const gamma = tf.tensor1d(values(12));
      const beta = tf.tensor1d(values(12));
      const w = tf.tensor2d(values(12 * 7), [12, 7]);
      const b = tf.tensor1d(values(7));
      // Attention over 3 windows of 5 steps, 2 heads of 6: q, k, v [15, 12], causal mask.
      const shape = { batch: 3, steps: 5, heads: 2, headWidth: 6 };
      const [q, k, v] = [0, 1, 2].map(() => tf.tensor2d(values(15 * 12), [15, 12]));
      const mask = tf.tensor2d(
        Array.from({ length: 25 }, (_, i) => (i % 5 > Math.floor(i / 5) ? MASKED : 0)),
        [5, 5],
      );
      const cases: [string, (...t: tf.Tensor[]) => tf.Tensor, tf.Tensor[]][] = [
        ['gelu', (a) => gelu(a as tf.Tensor2D), [x]],
        ['layerNorm', (a, g, c) => layerNorm(a as tf.Tensor2D, g!, c!), [x, gamma, beta]],
        ['linear', (a, m, c) => linear(a as tf.Tensor2D, m!, c!), [x, w, b]],
        [
          'attention',
          (a, c, d) => causalAttention(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor2D, mask, shape),
          [q!, k!, v!],
        ],
      ];
      for (const [name, f, xs] of cases) {
        const ref = await opRun('reference', f, xs);
        const fast = await opRun('fast', f, xs);
        expect(relativeGap(ref.value, fast.value), name).toBeLessThan(1e-6);
        ref.grads.forEach((g, i) => expect(relativeGap(g, fast.grads[i]!), `${name} input ${i}`).toBeLessThan(1e-5));
      }
      tf.dispose([x, gamma, beta, w, b, q!, k!, v!, mask]);
    });

    if (backend === 'wasm') {
      it('train with matMuls of batch 1 only (XNNPACK; tfjs-wasm loops over a batch > 1)', async () => {
        const batches = async (forms: TransformerForms) => {
          setTransformerForms(forms);
          const model = createTransformer(CONFIG, createRng(5, 'forms'), `kernels-${forms}`);
          const x = tf.zeros([3, CONFIG.context], 'int32') as tf.Tensor2D;
          const info = await tf.profile(() => {
            const { value, grads } = tf.variableGrads(() => tf.sum(model.forward(x).logits), model.variables);
            tf.dispose([value, ...Object.values(grads)]);
          });
          tf.dispose(x);
          model.dispose();
          setTransformerForms(null);
          // A matMul's operands reach the kernel as [batch, rows, cols] or [rows, cols].
          return info.kernels
            .filter((k) => k.name === 'BatchMatMul' || k.name === '_FusedMatMul')
            .map((k) => (k.inputShapes[0]!.length > 2 ? k.inputShapes[0]![0]! : 1));
        };
        expect(Math.max(...(await batches('reference')))).toBeGreaterThan(1);
        expect(Math.max(...(await batches('fast')))).toBe(1);
      });
    }
  });
}

beforeAll(() => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
});
afterAll(() => setTransformerForms(null));

checkBackend('cpu');
checkBackend('wasm');
