/**
 * Issue 15, item 5: the default toy KD step (spiral, 2-10-3 student, Hinton KD, Adam, the
 * held-out evaluation every 10 steps) in the studio's engine on tfjs-wasm, in both step
 * formulations (engine/step-forms.ts: `lean`, what the studio runs, and `reference`, the step
 * before this work; and `reference` with tfjs's own Adam, the step before the flat Adam),
 * against its exported PyTorch project on one thread, at batch 64 and 512. Cases alternate
 * round by round (then in reverse order) and the median round is reported, so machine load
 * hits all alike. Each round
 * gives steps per wall-clock second and per CPU second of the process (Node's cpuUsage,
 * Python's process_time): on a shared machine the second is what the process itself used.
 */
import * as tf from '@tensorflow/tfjs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExperimentConfig } from '../../src/config/schema';
import { Session } from '../../src/engine/session';
import { setStepForms, type StepForms } from '../../src/engine/step-forms';
import { runPython } from '../../src/export/pytorch/python';
import { unzipProject } from '../../src/export/pytorch/replay-harness';
import { TOY_CONFIG } from '../../src/tasks/toy2d/defaults';
import { exportProject } from '../../src/worker/pytorch-project';
import { withTfjsAdam } from '../counts.bench';

const ROUNDS = 5;

const toyAt = (batchSize: number): ExperimentConfig => ({
  ...TOY_CONFIG,
  train: { ...TOY_CONFIG.train, batchSize, steps: 1_000_000 },
});

/** Steps per wall-clock second and per CPU second. */
export interface Rate {
  wall: number;
  cpu: number;
}

/** `steps` studio steps, read back every 25 as bench:pytorch always has. */
async function studioRound(s: Session, forms: StepForms, steps: number): Promise<Rate> {
  setStepForms(forms);
  try {
    for (let i = 0; i < 5; i++) s.trainStep();
    await s.flush();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < steps; i++) {
      s.trainStep();
      if (i % 25 === 24) await s.flush();
    }
    await s.flush();
    const c = process.cpuUsage(c0);
    return { wall: steps / ((performance.now() - t0) / 1000), cpu: steps / ((c.user + c.system) / 1e6) };
  } finally {
    setStepForms('lean');
  }
}

/** train.py's own rates (its loop only: no imports, no teacher check) on one thread. */
function torchRound(dir: string, steps: number, rounding: 'tfjs-cpu' | 'float32'): Rate {
  const out = runPython(
    [
      'train.py',
      '--steps',
      String(steps),
      '--threads',
      '1',
      '--device',
      'cpu',
      '--rounding',
      rounding,
      '--out',
      'runs',
    ],
    dir,
    { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  );
  const m = /steps in [\d.]+ s \(([\d.]+) steps\/s, .*; ([\d.]+) steps per CPU second\)/.exec(out);
  if (!m) throw new Error(`train.py printed no speed:\n${out}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) };
}

/** The same step as a minimal PyTorch loop (toy_minimal.py: torch's own batches, plain float32). */
function minimalRound(batch: number, steps: number): Rate {
  const script = fileURLToPath(new URL('./toy_minimal.py', import.meta.url));
  const out = runPython([script, String(batch), String(steps)], dirname(script), {
    OMP_NUM_THREADS: '1',
    OPENBLAS_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Rate;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const medianRate = (v: Rate[]): Rate => ({ wall: median(v.map((r) => r.wall)), cpu: median(v.map((r) => r.cpu)) });

export interface ToyRow {
  batch: number;
  lean: Rate;
  reference: Rate;
  tfjsAdam: Rate;
  torch: Rate;
  torchFloat32: Rate;
  torchMinimal: Rate;
}

/** One batch size: the four cases side by side. Call on the wasm backend. */
export async function toyStepRow(batch: number, steps: number, log: (line: string) => void): Promise<ToyRow> {
  const cfg = toyAt(batch);
  const lean = await Session.create(cfg);
  const reference = await Session.create(cfg);
  const tfjsAdam = withTfjsAdam(await Session.create(cfg));
  const dir = unzipProject((await exportProject(lean, 'bench')).zip);
  const rates: Record<keyof Omit<ToyRow, 'batch'>, Rate[]> = {
    lean: [],
    reference: [],
    tfjsAdam: [],
    torch: [],
    torchFloat32: [],
    torchMinimal: [],
  };
  const cases: [keyof typeof rates, () => Promise<Rate> | Rate][] = [
    ['lean', () => studioRound(lean, 'lean', steps)],
    ['reference', () => studioRound(reference, 'reference', steps)],
    ['tfjsAdam', () => studioRound(tfjsAdam, 'reference', steps)],
    ['torch', () => torchRound(dir, steps, 'tfjs-cpu')],
    ['torchFloat32', () => torchRound(dir, steps, 'float32')],
    ['torchMinimal', () => minimalRound(batch, steps)],
  ];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, run] of r % 2 === 0 ? cases : [...cases].reverse()) rates[name].push(await run());
      log(
        `  batch ${batch}, round ${r + 1} (steps/s wall | per CPU second): ${cases.map(([n]) => `${n} ${rates[n].at(-1)!.wall.toFixed(0)} | ${rates[n].at(-1)!.cpu.toFixed(0)}`).join(', ')}`,
      );
    }
  } finally {
    [lean, reference, tfjsAdam].forEach((x) => x.dispose());
  }
  return {
    batch,
    lean: medianRate(rates.lean),
    reference: medianRate(rates.reference),
    tfjsAdam: medianRate(rates.tfjsAdam),
    torch: medianRate(rates.torch),
    torchFloat32: medianRate(rates.torchFloat32),
    torchMinimal: medianRate(rates.torchMinimal),
  };
}

/**
 * The toy rows as two tables, one line per batch and clock: the rates, then the ratios to
 * PyTorch's replay (train.py's default rounding), to its plain float32 mode and to the minimal
 * PyTorch loop.
 */
export function toyTables(rows: ToyRow[]): { rates: string[][]; ratios: string[][] } {
  const lines = rows.flatMap((r) => (['wall', 'cpu'] as const).map((k) => ({ r, k })));
  const clock = (k: 'wall' | 'cpu') => (k === 'wall' ? 'wall' : 'CPU');
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  return {
    rates: [
      [
        'batch',
        'clock',
        'studio wasm, lean',
        'reference forms',
        'reference, tfjs Adam',
        'PyTorch train.py',
        'train.py --rounding float32',
        'PyTorch minimal loop',
      ],
      ...lines.map(({ r, k }) => [
        String(r.batch),
        clock(k),
        ...[r.lean, r.reference, r.tfjsAdam, r.torch, r.torchFloat32, r.torchMinimal].map((v) => v[k].toFixed(1)),
      ]),
    ],
    ratios: [
      [
        'batch',
        'clock',
        'lean / train.py',
        'reference / train.py',
        'tfjs Adam / train.py',
        'lean / train.py float32',
        'lean / minimal loop',
        'reference / minimal loop',
        'lean / reference',
      ],
      ...lines.map(({ r, k }) => [
        String(r.batch),
        clock(k),
        x(r.lean[k], r.torch[k]),
        x(r.reference[k], r.torch[k]),
        x(r.tfjsAdam[k], r.torch[k]),
        x(r.lean[k], r.torchFloat32[k]),
        x(r.lean[k], r.torchMinimal[k]),
        x(r.reference[k], r.torchMinimal[k]),
        x(r.lean[k], r.reference[k]),
      ]),
    ],
  };
}

/** Checks that the caller put tfjs on wasm (the comparison is studio-wasm against torch). */
export function assertWasm(): void {
  if (tf.getBackend() !== 'wasm') throw new Error(`toy step bench runs on wasm, not ${tf.getBackend()}`);
}
