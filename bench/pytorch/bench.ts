/**
 * Steps per second of the same experiment in the studio's engine (tfjs on the cpu and wasm
 * backends, in Node: the code the worker runs) and in its exported PyTorch project on 1 and 2
 * CPU threads, side by side in one run. Loaded by bench/pytorch/run.mjs through Vite (the
 * export bundles its Python files with import.meta.glob).
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../src/config/schema';
import { Session } from '../../src/engine/session';
import { installFastCpuKernels } from '../../src/engine/cpu-kernels';
import { installWasmFilterGrad } from '../../src/engine/wasm-kernels';
import { runPython } from '../../src/export/pytorch/python';
import { unzipProject } from '../../src/export/pytorch/replay-harness';
import { IMAGE_CONFIG } from '../../src/tasks/images/defaults';
import { TEXT_CONFIG } from '../../src/tasks/text/defaults';
import { TOY_CONFIG } from '../../src/tasks/toy2d/defaults';
import { fsAssets } from '../../src/test/assets';
import { exportProject } from '../../src/worker/pytorch-project';

const CASES: { name: string; config: ExperimentConfig; steps: number }[] = [
  { name: 'toy (default: spiral, 2-10-3 student)', config: TOY_CONFIG, steps: 400 },
  { name: 'Fashion-MNIST (MLP 64 student, CNN teacher)', config: IMAGE_CONFIG, steps: 150 },
  { name: 'text (2 × 48 transformer student)', config: TEXT_CONFIG, steps: 10 },
];

async function studioRate(
  config: ExperimentConfig,
  steps: number,
  keep?: (s: Session) => Promise<void>,
): Promise<number> {
  const s = await Session.create(config, { assets: fsAssets });
  try {
    await keep?.(s);
    // Warm-up: shaders or kernels compile, caches fill.
    for (let i = 0; i < 3; i++) s.trainStep();
    await s.flush();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      s.trainStep();
      if (i % 25 === 24) await s.flush();
    }
    await s.flush();
    return steps / ((performance.now() - t0) / 1000);
  } finally {
    s.dispose();
  }
}

function pytorchRate(dir: string, steps: number, threads: number): number {
  const out = runPython(
    ['train.py', '--steps', String(steps), '--threads', String(threads), '--device', 'cpu', '--out', `runs-${threads}`],
    dir,
    {
      OMP_NUM_THREADS: String(threads),
    },
  );
  const m = /steps in [\d.]+ s \(([\d.]+) steps\/s/.exec(out);
  if (!m) throw new Error(`train.py printed no speed:\n${out}`);
  return Number(m[1]);
}

export async function main(log: (line: string) => void): Promise<void> {
  tf.env().set('IS_TEST', true);
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  const rows: string[][] = [];
  for (const c of CASES) {
    log(`${c.name}: studio on cpu…`);
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
    installFastCpuKernels();
    let dir = '';
    const cpu = await studioRate(c.config, c.steps, async (s) => {
      dir = unzipProject((await exportProject(s, 'bench')).zip);
    });
    log(`${c.name}: studio on wasm…`);
    // IS_TEST's per-kernel leak check misreports wasm's logSoftmax (one internal data id).
    tf.env().set('IS_TEST', false);
    await tf.setBackend('wasm');
    installWasmFilterGrad();
    const wasm = await studioRate(c.config, c.steps);
    log(`${c.name}: PyTorch on 1 and 2 threads…`);
    const p1 = pytorchRate(dir, c.steps, 1);
    const p2 = pytorchRate(dir, c.steps, 2);
    const best = Math.max(cpu, wasm);
    rows.push([
      c.name,
      cpu.toFixed(1),
      wasm.toFixed(1),
      p1.toFixed(1),
      p2.toFixed(1),
      `${(p1 / best).toFixed(2)}×`,
      `${(p2 / best).toFixed(2)}×`,
    ]);
  }
  const head = [
    'experiment',
    'studio cpu',
    'studio wasm',
    'PyTorch 1 thread',
    'PyTorch 2 threads',
    '1 thread / best studio',
    '2 threads / best studio',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join('   ');
  log('\nSteps per second, same experiment, same machine, one run (Node; the worker runs the same engine):');
  log(line(head));
  rows.forEach((r) => log(line(r)));
}
