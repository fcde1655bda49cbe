/**
 * Steps per second of the same experiment in the studio's engine (tfjs on the cpu and wasm
 * backends, in Node: the code the worker runs) and in its exported PyTorch project on 1 and 2
 * CPU threads, side by side in one run; then the toy step against PyTorch at batch 64 and 512
 * (toy-step.ts), with the BLAS torch uses and both libraries' matMul GFLOP/s. Loaded by
 * bench/pytorch/run.mjs through Vite (the export bundles its Python files with import.meta.glob).
 *
 *   npm run bench:pytorch              everything
 *   npm run bench:pytorch -- toy       only the toy step against PyTorch (and the BLAS line)
 *   npm run bench:pytorch -- tasks     only the three experiments' table
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { tfjsMatMulGflops } from './matmul';
import { assertWasm, toyStepRow, toyTables } from './toy-step';

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
      // torch.set_num_threads does not reach Debian's OpenBLAS, which starts its own threads.
      OPENBLAS_NUM_THREADS: String(threads),
    },
  );
  const m = /steps in [\d.]+ s \(([\d.]+) steps\/s/.exec(out);
  if (!m) throw new Error(`train.py printed no speed:\n${out}`);
  return Number(m[1]);
}

/** Prints the rows of a table with aligned columns (the first left-aligned). */
function printTable(log: (line: string) => void, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join('   ');
  log(line(head));
  rows.forEach((r) => log(line(r)));
}

/** torch's BLAS as built and as mapped, and its 512×512 matMul GFLOP/s on one thread (blas.py). */
function torchBlas(): { line: string; gflops: number } {
  const script = fileURLToPath(new URL('./blas.py', import.meta.url));
  const out = runPython([script, '1', '512'], dirname(script), { OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' });
  const b = JSON.parse(out.trim().split('\n').at(-1)!) as {
    torch: string;
    blasInfo: string | null;
    mkldnn: boolean;
    mapped: string[];
    openblas: string | null;
    gflops: number;
  };
  const lib = b.openblas ?? (b.mapped.map((p) => p.split('/').at(-1)).join(', ') || 'no BLAS library mapped');
  const line = `torch ${b.torch}: BLAS_INFO=${b.blasInfo ?? '?'}${b.mkldnn ? ' (with MKL-DNN)' : ''}, mapped: ${lib}`;
  return { line, gflops: b.gflops };
}

/** Issue 15, item 5: the toy step on wasm, both formulations, against PyTorch on one thread. */
async function toySection(log: (line: string) => void): Promise<void> {
  tf.env().set('IS_TEST', false);
  await tf.setBackend('wasm');
  installWasmFilterGrad();
  assertWasm();
  const blas = torchBlas();
  const wasmGflops = await tfjsMatMulGflops(512);
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  log(blas.line);
  log(
    `512×512 float32 matMul, 1 thread: torch ${blas.gflops.toFixed(1)} GFLOP/s, tfjs-wasm ${wasmGflops.toFixed(1)} GFLOP/s (SIMD ${simd ? 'on' : 'off'}; ratio ${(wasmGflops / blas.gflops).toFixed(2)})`,
  );
  const rows = [];
  for (const [batch, steps] of [
    [64, 1500],
    [512, 600],
  ] as const) {
    log(`toy step at batch ${batch}…`);
    rows.push(await toyStepRow(batch, steps, log));
  }
  const { rates, ratios } = toyTables(rows);
  log('\nToy KD step (evaluation every 10 steps), steps per second, studio-wasm in Node vs PyTorch on 1 thread:');
  printTable(log, rates[0]!, rates.slice(1));
  log('\nThe same as ratios (train.py replays the studio: a pure-Python seeded sampler, tfjs-cpu rounding):');
  printTable(log, ratios[0]!, ratios.slice(1));
  log(blas.line);
}

export async function main(log: (line: string) => void, sections: string[] = []): Promise<void> {
  const want = (s: 'toy' | 'tasks') => sections.length === 0 || sections.includes(s);
  tf.env().set('IS_TEST', true);
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  if (want('tasks')) await tasksSection(log);
  if (want('toy')) await toySection(log);
}

/** The three experiments (toy, Fashion-MNIST, text) on cpu, wasm and PyTorch 1 and 2 threads. */
async function tasksSection(log: (line: string) => void): Promise<void> {
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
  log('\nSteps per second, same experiment, same machine, one run (Node; the worker runs the same engine):');
  printTable(log, head, rows);
}
