/**
 * Runs a sweep headless, on the studio's own engine (engine/session.ts): each point of the grid
 * on each seed is a short run at the sweep's budget, and its final held-out evaluation is kept.
 * Points that differ only in their lanes' settings share a teacher, so they run as lanes of one
 * session per seed (a lane in a race trains bit for bit as it would alone: session.test.ts);
 * otherwise each run is a session of its own, and a teacher already trained for the same task,
 * teacher and seed is reused rather than trained again. Cancel is asked between steps.
 */
import { MEMBER_ACCURACY } from '../sweeps/several-teachers';
import type { ExperimentConfig } from '../config/schema';
import { MAX_LANES } from '../config/schema';
import type { Assets } from '../engine/assets';
import { Session } from '../engine/session';
import { gridPoints, runConfig } from '../sweeps/grid';
import type { PointResult, RunResult, SweepSpec } from '../sweeps/types';
import { taskDef } from '../tasks/registry';

export interface SweepProgress {
  /** Runs finished (a lane of a shared session counts as one run). */
  done: number;
  total: number;
  /** Mean milliseconds per run so far, for the page's estimate. */
  msPerRun: number;
  /** The points measured so far, in grid order (unfinished ones have fewer runs). */
  points: PointResult[];
}

export interface SweepRunOptions {
  assets?: Assets;
  cancelled?: () => boolean;
  onProgress?: (p: SweepProgress) => void;
}

/** Steps between read-backs: keeps pending losses bounded and Cancel prompt. */
const CHUNK = 50;

export class SweepCancelled extends Error {
  constructor() {
    super('The sweep was cancelled');
    this.name = 'SweepCancelled';
  }
}

/** Whether every point can be a lane of one session: only lane settings vary, and the lanes fit. */
export function sharesTeacher(spec: SweepSpec, base: ExperimentConfig): boolean {
  const lanePaths = spec.axes.every((a) => /^lanes\.\d+\./.test(a.path));
  return spec.axes.length > 0 && lanePaths && gridPoints(spec).length * base.lanes.length <= MAX_LANES;
}

/** The final evaluation's values of each lane, keyed by metric id. */
async function train(session: Session, steps: number, cancelled?: () => boolean): Promise<Record<string, number>[]> {
  let last: Float32Array | undefined;
  while (session.step < steps) {
    for (let i = 0; i < CHUNK && session.step < steps && !session.syncPending; i++) {
      if (session.needsPrepare) await session.prepareStep();
      session.trainStep();
    }
    const r = await session.flush();
    if (r.evals.length) last = r.evals.at(-1)!.values;
    if (r.diverged) break;
    if (cancelled?.()) throw new SweepCancelled();
  }
  const ids = session.evalColumns.map((c) => c.id);
  const values = last ?? new Float32Array(ids.length * session.lanes.length).fill(NaN);
  return session.lanes.map((_, lane) => Object.fromEntries(ids.map((id, k) => [id, values[lane * ids.length + k]!])));
}

/** The teacher's metrics, and with several teachers each member's accuracy ("memberAccuracy0", ...) and agreement with the mix ("memberAgreement0", ...) */
const teacherOf = (s: Session, cfg: ExperimentConfig): Record<string, number> => ({
  ...Object.fromEntries(taskDef(cfg.task.kind).teacherMetrics.map((m, i) => [m.id, s.teacherMetrics[i] ?? NaN])),
  ...Object.fromEntries([...(s.teacher.memberAccuracy ?? [])].map((a, i) => [`${MEMBER_ACCURACY}${i}`, a])),
  ...Object.fromEntries([...(s.teacher.memberAgreement ?? [])].map((a, i) => [`memberAgreement${i}`, a])),
});

export async function runSweep(
  spec: SweepSpec,
  base: ExperimentConfig,
  options: SweepRunOptions = {},
): Promise<PointResult[]> {
  const { assets, cancelled, onProgress } = options;
  const grid = gridPoints(spec);
  const points: PointResult[] = grid.map((values) => ({ values, runs: [] }));
  const total = grid.length * spec.seeds.length;
  const t0 = performance.now();
  let done = 0;
  const report = () =>
    onProgress?.({
      done,
      total,
      msPerRun: done ? (performance.now() - t0) / done : NaN,
      points: structuredClone(points),
    });
  const teachers = new Map<string, Float32Array>();
  const open = async (cfg: ExperimentConfig) => {
    const key = JSON.stringify([cfg.task, cfg.teacher, cfg.seed]);
    const s = await Session.create(cfg, { assets, cancelled, teacherWeights: teachers.get(key) }).catch(
      (e: unknown) => {
        throw cancelled?.() ? new SweepCancelled() : e;
      },
    );
    if (s.teacher.trainedWeights && !teachers.has(key)) teachers.set(key, s.teacher.trainedWeights);
    return s;
  };
  report();
  if (sharesTeacher(spec, base)) {
    for (const seed of spec.seeds) {
      // One session per seed whose lanes are every point's lanes, point after point.
      const configs = grid.map((values) => runConfig(base, spec, values, seed));
      const cfg = { ...configs[0]!, lanes: configs.flatMap((c) => c.lanes) };
      const s = await open(cfg);
      try {
        const lanes = await train(s, spec.steps, cancelled);
        const per = base.lanes.length;
        const teacher = teacherOf(s, cfg);
        points.forEach((p, i) =>
          p.runs.push({ seed, steps: s.step, teacher, lanes: lanes.slice(i * per, (i + 1) * per) } satisfies RunResult),
        );
      } finally {
        s.dispose();
      }
      done += grid.length;
      report();
    }
    return points;
  }
  for (const [i, values] of grid.entries()) {
    for (const seed of spec.seeds) {
      const cfg = runConfig(base, spec, values, seed);
      const s = await open(cfg);
      try {
        const lanes = await train(s, spec.steps, cancelled);
        points[i]!.runs.push({ seed, steps: s.step, teacher: teacherOf(s, cfg), lanes });
      } finally {
        s.dispose();
      }
      done++;
      report();
    }
  }
  return points;
}
