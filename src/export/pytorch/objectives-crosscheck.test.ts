/**
 * The PyTorch port of the objectives against the studio's own tfjs code, on seeded random
 * batches (crosscheck-cases.ts): tfjs on its cpu backend computes every objective's total, parts,
 * TAID's aux and state, and the gradients with respect to the student's logits, features and
 * any trainable state; crosscheck.py recomputes them with torch (one process) and reports the
 * largest relative differences. Metrics, schedules and the registry's metadata are compared too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { LANE_METRICS, TEACHER_METRICS } from '../../metrics';
import { studentPerplexity, teacherPerplexity } from '../../metrics/perplexity';
import { DRAFT_METRICS } from '../../metrics/acceptance';
import { OBJECTIVES, defaultParams, getObjective } from '../../objectives';
import { scheduleColumns, scheduledParams, type LaneSchedule } from '../../objectives/schedule';
import type { LossResult, ObjectiveDef, ObjectiveState } from '../../objectives/types';
import { tf, useCpu } from '../../test/tf';
import { crossCases, randomBatch, type Batch, type CrossCase } from './crosscheck-cases';
import { runPython } from './python';

const PROJECT = fileURLToPath(new URL('./project/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./crosscheck.py', import.meta.url));
/** Largest relative difference allowed, float32 on both sides. */
const TOLERANCE = 1e-5;

type Nested = number | Nested[];
/** Reads tensors back as (nested) arrays, in one batch. */
const readAll = (ts: tf.Tensor[]) => Promise.all(ts.map((t) => t.array() as Promise<Nested>));
async function readScalars(o: Record<string, tf.Tensor> = {}): Promise<Record<string, Nested>> {
  const values = await readAll(Object.values(o));
  return Object.fromEntries(Object.keys(o).map((k, i) => [k, values[i]!]));
}

/** One objective's steps on tfjs: per step its outputs and gradients, then its state. */
async function runCase(c: CrossCase) {
  const def = getObjective(c.objective);
  const params = { ...defaultParams(def), ...c.params };
  const rows = c.batches[0]!.zs.length;
  const [studentFeatureDim, teacherFeatureDim] = c.featureDims ?? [0, 0];
  // The stream session.ts hands createState, recorded so Python can replay it.
  const rng = createRng(7, `state:0:${def.id}`);
  const drawn: number[] = [];
  const random = () => {
    const v = rng.next();
    drawn.push(v);
    return v;
  };
  const ctx = { studentFeatureDim, teacherFeatureDim, batchSize: rows, rows };
  const state = def.createState?.(tf, { ...ctx, random }, params);
  const initial = state && { random: drawn, trainable: await readAll(state.trainable) };
  const steps = [];
  for (const b of c.batches) steps.push(await step(def, params, b, state));
  state?.variables.forEach((v) => v.dispose());
  return { ...c, params, ctx, initial, steps };
}

/** One loss evaluation with its gradients, then afterStep (TAID), as session.ts trains. */
async function step(def: ObjectiveDef, params: Record<string, number>, b: Batch, state?: ObjectiveState) {
  const zs = tf.variable(tf.tensor2d(b.zs));
  const hs = b.hs ? tf.variable(tf.tensor2d(b.hs)) : undefined;
  const constants = {
    teacherLogits: tf.tensor2d(b.zt),
    labels: tf.tensor1d(b.y, 'int32'),
    mask: b.mask && tf.tensor1d(b.mask),
    labelMask: b.labelMask && tf.tensor1d(b.labelMask),
    teacherFeatures: b.ht && tf.tensor2d(b.ht),
  };
  // Gradients with respect to the logits, then the features and trainable state where read.
  const vars = [zs, ...(def.needs.features && hs ? [hs] : []), ...(state?.trainable ?? [])];
  let result: LossResult | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const inputs = {
      ...constants,
      studentLogits: zs as unknown as tf.Tensor2D,
      studentFeatures: hs as unknown as tf.Tensor2D | undefined,
      step: b.step,
      totalSteps: b.totalSteps,
    };
    const r = def.loss(tf, inputs, params, state);
    const keepAll = (o: Record<string, tf.Scalar>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, tf.keep(v)]));
    result = { total: tf.keep(r.total), parts: keepAll(r.parts), aux: r.aux && keepAll(r.aux) };
    return r.total;
  }, vars);
  const r = result!;
  const out = {
    batch: b,
    total: (await readAll([value]))[0],
    parts: await readScalars(r.parts),
    aux: await readScalars(r.aux),
    grads: await readAll(vars.map((v) => grads[v.name]!)),
    state: undefined as Record<string, Nested> | undefined,
  };
  if (def.afterStep && state) {
    def.afterStep(tf, state, r, { step: b.step, totalSteps: b.totalSteps }, params);
    out.state = await readScalars(state.values);
  }
  const inputs = Object.values(constants).filter((t) => t !== undefined);
  tf.dispose([zs, ...(hs ? [hs] : []), value, ...Object.values(grads), ...inputs]);
  tf.dispose([r.total, ...Object.values(r.parts), ...Object.values(r.aux ?? {})]);
  return out;
}

const METRICS = [...LANE_METRICS, ...TEACHER_METRICS, studentPerplexity, teacherPerplexity, ...DRAFT_METRICS];

async function metricValues() {
  const b = randomBatch('metrics', { rows: 64, ties: true, mask: true });
  const out = [];
  for (const masked of [false, true]) {
    const values = tf.tidy(() => {
      const inputs = {
        studentLogits: tf.tensor2d(b.zs),
        teacherLogits: tf.tensor2d(b.zt),
        labels: tf.tensor1d(b.y, 'int32'),
        mask: masked ? tf.tensor1d(b.mask!) : undefined,
      };
      return tf.stack(METRICS.map((m) => m.compute(tf, inputs)));
    });
    out.push({ batch: b, masked, ids: METRICS.map((m) => m.id), values: (await readAll([values]))[0] });
    values.dispose();
  }
  return out;
}

const SCHEDULES: LaneSchedule[] = [
  { temperature: 'constant', temperatureEnd: 1, warmup: 0 },
  { temperature: 'linear', temperatureEnd: 1.5, warmup: 0 },
  { temperature: 'cosine', temperatureEnd: 0.5, warmup: 7 },
  { temperature: 'constant', temperatureEnd: 1, warmup: 30 },
];
const STEPS = [0, 1, 5, 33, 50, 99, 100, 150];

const schedules = () =>
  OBJECTIVES.flatMap((def) =>
    SCHEDULES.flatMap((schedule) =>
      STEPS.map((s) => ({
        objective: def.id,
        schedule,
        step: s,
        totalSteps: 100,
        params: scheduledParams(def, defaultParams(def), schedule, s, 100),
      })),
    ),
  );

const metadata = () =>
  OBJECTIVES.map((def) => ({
    id: def.id,
    components: def.components,
    stateColumns: def.stateColumns ?? [],
    params: def.params.map(({ key, label, default: d }) => ({ key, label, default: d })),
    schedulable: def.schedulable ?? {},
    needs: { teacher: def.needs.teacher, features: def.needs.features ?? false },
    scheduleColumns: scheduleColumns(def),
  }));

interface CaseReport {
  name: string;
  objective: string;
  /** Largest relative difference of the total, parts, aux and state values. */
  values: number;
  /** Largest |Δ| of a gradient over that gradient's largest entry. */
  grads: number;
  /** Share of compared numbers that are bitwise equal. */
  bitwise: number;
}
interface Report {
  modes: Record<'tfjs-cpu' | 'float32', { cases: CaseReport[]; metrics: number }>;
  problems: string[];
  metadata: string[];
  schedules: number;
  counts: { cases: number; schedules: number; metrics: number };
}

/** CROSSCHECK_REPORT=1: every case's differences in both modes, and the worst of each. */
function printReport(report: Report): void {
  const plain = report.modes.float32.cases;
  console.table(
    report.modes['tfjs-cpu'].cases.map((c, i) => ({
      case: `${c.objective}: ${c.name}`,
      values: c.values,
      grads: c.grads,
      bitwise: c.bitwise,
      float32Values: plain[i]!.values,
      float32Grads: plain[i]!.grads,
    })),
  );
  for (const [mode, { cases, metrics }] of Object.entries(report.modes))
    console.log(
      `${mode}: worst value ${Math.max(...cases.map((c) => c.values))}, worst gradient ` +
        `${Math.max(...cases.map((c) => c.grads))}, bitwise share ${Math.min(...cases.map((c) => c.bitwise))}` +
        `–1, metrics ${metrics}; schedules ${report.schedules}`,
    );
}

describe('tfjs ↔ PyTorch cross-check of every objective', () => {
  let dir = '';
  let report: Report;
  const cases = crossCases();

  beforeAll(async () => {
    await useCpu();
    dir = mkdtempSync(join(tmpdir(), 'kd-crosscheck-'));
    const input = join(dir, 'crosscheck.json');
    const computed = [];
    for (const c of cases) computed.push(await runCase(c));
    const data = { cases: computed, metrics: await metricValues(), schedules: schedules(), metadata: metadata() };
    writeFileSync(input, JSON.stringify(data));
    const out = runPython([SCRIPT, input], PROJECT, { PYTHONDONTWRITEBYTECODE: '1' });
    report = JSON.parse(out.trim().split('\n').at(-1)!) as Report;
    // One Python process for every case: a few seconds alone, much longer on a busy machine.
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('covers every objective of the registry, and Python compared every case', () => {
    expect(new Set(cases.map((c) => c.objective))).toEqual(new Set(OBJECTIVES.map((d) => d.id)));
    expect(report.counts).toEqual({ cases: cases.length, schedules: schedules().length, metrics: 2 });
    expect(report.modes['tfjs-cpu'].cases.length).toBe(cases.length);
  });

  it('has the same registry: ids, parts, state columns, parameters and defaults, schedules, needs', () => {
    expect(report.metadata).toEqual([]);
  });

  it('draws FitNets’ initial projection from the same random numbers, to the bit, and has the same parts', () => {
    expect(report.problems).toEqual([]);
  });

  const worst = (mode: keyof Report['modes']) =>
    report.modes[mode].cases.filter((c) => !(c.values <= TOLERANCE && c.grads <= TOLERANCE));

  it(`matches every loss value, part, state and gradient to ${TOLERANCE} relative (float32)`, () => {
    if (process.env.CROSSCHECK_REPORT) printReport(report);
    expect(worst('tfjs-cpu')).toEqual([]);
  });

  it('meets the same bound with plain PyTorch float32 ops (tfops.use_rounding("float32"))', () => {
    // One case is ill-conditioned in plain float32: RKD on two identical rows, whose distances
    // are roots of rounding noise. Its error then depends on the BLAS's summation order: 3.8e-6
    // with the reference BLAS, 1.75e-5 with OpenBLAS (measured). It gets its measured bound; the
    // default rounding above stays bitwise equal.
    const illConditioned = (c: { objective: string; name: string }) =>
      c.objective === 'rkd' && c.name === 'two identical rows (zero distances)';
    expect(worst('float32').filter((c) => !illConditioned(c))).toEqual([]);
    const rkd = report.modes.float32.cases.find(illConditioned)!;
    expect(Math.max(rkd.values, rkd.grads)).toBeLessThanOrEqual(5e-5);
    expect(report.modes.float32.metrics).toBeLessThanOrEqual(TOLERANCE);
  });

  it('matches the metrics and the schedules', () => {
    expect(report.modes['tfjs-cpu'].metrics).toBeLessThanOrEqual(TOLERANCE);
    expect(report.schedules).toBeLessThanOrEqual(1e-12);
  });
});
