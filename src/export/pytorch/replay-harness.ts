/**
 * Test harness (Node): run an experiment in the studio's own engine (tfjs, CPU backend), export
 * it as a PyTorch project, run the project's train.py on the same steps and read its verdict.
 * The replay tests and the bench share it.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { ExperimentConfig } from '../../config/schema';
import { Session, type FlushResult } from '../../engine/session';
import { fsAssets } from '../../test/assets';
import { exportProject } from '../../worker/pytorch-project';
import { runPython } from './python';

/** The studio's metrics CSV columns (ui/share/metrics-file.ts) from flush results. */
export function studioCsv(session: Session, flushes: FlushResult[]): string {
  const loss = session.lossColumns.map((c) => `${c.lane}:${c.key}`);
  const evals = session.config.lanes.flatMap((_, l) => session.evalColumns.map((c) => `${l}:${c.id}`));
  const rows = new Map<number, { loss?: number[]; eval?: number[] }>();
  for (const f of flushes) {
    f.steps.forEach((step, i) => {
      const r = rows.get(step) ?? {};
      r.loss = Array.from(f.losses.subarray(i * loss.length, (i + 1) * loss.length));
      rows.set(step, r);
    });
    for (const e of f.evals) rows.set(e.step, { ...rows.get(e.step), eval: Array.from(e.values) });
  }
  const cell = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));
  const lines = [['step', ...loss.map((n) => `loss:${n}`), ...evals.map((n) => `eval:${n}`)].join(',')];
  for (const step of [...rows.keys()].sort((a, b) => a - b)) {
    const r = rows.get(step)!;
    lines.push([step, ...loss.map((_, i) => cell(r.loss?.[i])), ...evals.map((_, i) => cell(r.eval?.[i]))].join(','));
  }
  return lines.join('\n');
}

/** Unzips a project into a fresh temporary folder; returns the project's own folder. */
export function unzipProject(zip: Uint8Array): string {
  const root = mkdtempSync(join(tmpdir(), 'kd-project-'));
  let folder = '';
  for (const [path, body] of Object.entries(unzipSync(zip))) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
    folder ||= path.split('/')[0]!;
  }
  return join(root, folder);
}

export interface Replay {
  dir: string;
  studio: string;
  /** train.py's verdict (out/replay.json): the largest relative loss difference and where. */
  verdict: { rel: number; step: number; column: string; compared: number; evalAbs: number; ok: boolean };
  stdout: string;
}

/** Trains `steps` in the studio, then replays them with train.py --compare. */
export async function replay(config: ExperimentConfig, steps: number, tolerance = 1e-4): Promise<Replay> {
  const session = await Session.create(config, { assets: fsAssets });
  try {
    const { zip } = await exportProject(session, 'test');
    const flushes: FlushResult[] = [await session.flush()];
    for (let i = 0; i < steps; i++) {
      if (session.needsPrepare) await session.prepareStep();
      session.trainStep();
      if (session.syncPending || i % 25 === 24) flushes.push(await session.flush());
    }
    flushes.push(await session.flush());
    const dir = unzipProject(zip);
    const studio = join(dir, 'studio-metrics.csv');
    writeFileSync(studio, studioCsv(session, flushes));
    const args = ['train.py', '--steps', String(steps), '--device', 'cpu', '--compare', studio];
    let stdout = '';
    try {
      stdout = runPython([...args, '--tolerance', String(tolerance)], dir);
    } catch (e) {
      // A replay above the tolerance exits 1: the verdict file still says by how much.
      stdout = (e as Error).message;
    }
    let verdict: Replay['verdict'];
    try {
      verdict = JSON.parse(readFileSync(join(dir, 'runs', 'replay.json'), 'utf8')) as Replay['verdict'];
    } catch {
      throw new Error(`train.py wrote no verdict:\n${stdout}`);
    }
    return { dir, studio, verdict, stdout };
  } finally {
    session.dispose();
  }
}
