/**
 * The text task's replay: the studio's engine on the wasm backend (the cpu backend takes about
 * 2 s a step here; its own file, since vitest gives each file a fresh tfjs), 50 steps of the
 * default language experiment with the tiny transformer student, against train.py.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEXT_CONFIG, TEXT_STUDENTS } from '../../tasks/text/defaults';
import { tf } from '../../test/tf';
import { installWasmFilterGrad } from '../../engine/wasm-kernels';
import { replay } from './replay-harness';

beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  installWasmFilterGrad();
});

describe('the exported PyTorch project replays the studio’s text task', () => {
  it('the tiny transformer, 50 steps, each step within 1e-4', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const r = await replay({ ...TEXT_CONFIG, student: TEXT_STUDENTS.tinyTransformer.spec }, 50);
    if (process.env.REPLAY_REPORT)
      console.log(
        JSON.stringify(r.verdict),
        r.stdout
          .split('\n')
          .filter((l) => /^(replay|teacher)/.test(l))
          .join(' | '),
      );
    // Hinton at T = 1: total, CE, KD, T and α, every step.
    expect(r.verdict.compared, r.stdout).toBe(50 * 5);
    expect(r.verdict.rel, `${r.verdict.column} at step ${r.verdict.step}\n${r.stdout}`).toBeLessThanOrEqual(1e-4);
  }, 600_000);
});
