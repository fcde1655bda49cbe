/**
 * The transformer on the WASM backend, against the cpu backend. Its own file: vitest runs each
 * file in a fresh worker, so switching backends here cannot affect the other tests.
 *
 * Guards the two wasm workarounds in transformer.ts: the explicitly transposed matMul gradient,
 * and the int32-then-cast one-hot (wasm's float32 oneHot writes garbage).
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { tf } from '../../test/tf';
import { type TransformerConfig, createTransformer, tokenCrossEntropy } from './transformer';

const CONFIG: TransformerConfig = { vocab: 9, context: 6, layers: 2, width: 16, heads: 4, mlpRatio: 2 };

async function lossAndGrads(backend: 'cpu' | 'wasm') {
  // IS_TEST silences cpu's "use tfjs-node" hint, but on wasm its per-kernel leak check
  // misreports logSoftmax (one internal data id), so it is on for cpu only.
  tf.env().set('IS_TEST', backend === 'cpu');
  await tf.setBackend(backend);
  const model = createTransformer(CONFIG, createRng(11, 'wasm-vs-cpu'));
  const rng = createRng(11, 'batch');
  const rows = Array.from({ length: 3 }, () => Array.from({ length: CONFIG.context + 1 }, () => rng.int(CONFIG.vocab)));
  const x = tf.tensor2d(
    rows.map((r) => r.slice(0, -1)),
    [3, CONFIG.context],
    'int32',
  );
  const y = tf.tensor2d(
    rows.map((r) => r.slice(1)),
    [3, CONFIG.context],
    'int32',
  );
  const { value, grads } = tf.variableGrads(() => tokenCrossEntropy(model.forward(x).logits, y), model.variables);
  const loss = (await value.data())[0]!;
  const g = await Promise.all(model.variables.map((v) => grads[v.name]!.data()));
  tf.dispose([x, y, value, ...Object.values(grads)]);
  const names = model.names;
  model.dispose();
  return { loss, grads: g.map((a) => Array.from(a)), names };
}

describe('transformer on the wasm backend', () => {
  it('gives the cpu backend’s loss and gradients', async () => {
    const dist = dirname(
      createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
    );
    setWasmPaths(`${dist}/`);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const cpu = await lossAndGrads('cpu');
    const wasm = await lossAndGrads('wasm');
    expect(tf.getBackend()).toBe('wasm');
    // Untrained on 9 symbols: about ln 9 = 2.2 (a zero one-hot would give 0).
    expect(cpu.loss).toBeGreaterThan(1.5);
    expect(wasm.loss).toBeCloseTo(cpu.loss, 4);
    cpu.grads.forEach((g, i) => {
      const scale = Math.max(...g.map(Math.abs));
      expect(scale, `${cpu.names[i]} has no gradient`).toBeGreaterThan(0);
      const worst = Math.max(...g.map((v, j) => Math.abs(v - wasm.grads[i]![j]!)));
      expect(worst / scale, cpu.names[i]).toBeLessThan(1e-3);
    });
  });
});
