/**
 * A distillation session: one task's data, one frozen teacher and up to six student lanes
 * trained side by side (a race). The step body is synchronous and tidy; losses stay on the
 * device and are read back in batches by `flush()`. This file is the whole training loop.
 */
import * as tf from '@tensorflow/tfjs';
import { signalContext, type ExperimentConfig, type Lane as LaneConfig } from '../config/schema';
import { createRng } from '../lib/rng';
import { LANE_METRICS, TEACHER_METRICS } from '../metrics';
import { getObjective, type ObjectiveDef } from '../objectives';
import { crossEntropyRows } from '../objectives/divergences';
import { scheduleColumns, scheduledParams, type LaneSchedule } from '../objectives/schedule';
import type { LossResult, ObjectiveState } from '../objectives/types';
import { createMlp } from './models/mlp';
import type { Model } from './models/types';
import { buildOptimizer, disposeOptimizer, setLearningRate } from './optim';
import { BatchSampler } from './sampler';
import { loadToy2d } from './tasks/toy2d';
import type { TaskData } from './tasks/types';

export interface Lane {
  def: ObjectiveDef;
  params: Record<string, number>;
  schedule: LaneSchedule;
  student: Model;
  state?: ObjectiveState;
  /** Each lane has its own optimiser: switching one lane's objective never disturbs another. */
  optimizer: tf.Optimizer;
}

/** One column of the loss record: a lane's total, a loss part, or a charted value (t, T, α). */
export interface LossColumn {
  lane: number;
  key: string;
  label: string;
  kind: 'total' | 'part' | 'state' | 'schedule';
}

export interface TeacherProgress {
  step: number;
  total: number;
  loss: number;
}

export interface FlushResult {
  /** The layout of each loss row. */
  columns: LossColumn[];
  /** Step number of each loss row (1-based: the state after that many updates). */
  steps: number[];
  /** Row-major [steps.length, columns.length]. */
  losses: Float32Array;
  /** Held-out metrics: step and row-major [lanes, LANE_METRICS.length] values. */
  evals: { step: number; values: Float32Array }[];
  /** Set when a loss was not finite: the weights were restored to `restoredStep`. */
  diverged?: { step: number; column: LossColumn; restoredStep: number };
}

/** Logits for the views, on the host: row-major [points, classes]. */
export interface ViewLogits {
  step: number;
  teacher: { test: Float32Array; grid?: Float32Array };
  lanes: { test: Float32Array; grid?: Float32Array }[];
}

interface Checkpoint {
  step: number;
  weights: tf.Tensor[];
}

const TEACHER_CHUNK = 50;

const laneVariables = (l: Lane): tf.Variable[] => [...l.student.variables, ...(l.state?.trainable ?? [])];

export class Session {
  /** Number of student updates done so far. */
  step = 0;
  teacherMetrics: Float32Array = new Float32Array(TEACHER_METRICS.length);
  lanes: Lane[] = [];
  private sampler!: BatchSampler;
  private pendingLoss: tf.Tensor[] = [];
  /** Scheduled values (T, α) of each pending step, computed on the host. */
  private pendingSchedule: number[][] = [];
  private pendingEval: { step: number; t: tf.Tensor }[] = [];
  /** Teacher logits and features of every training row, computed once after the teacher is frozen. */
  private teacherTrain?: tf.Tensor2D;
  private teacherTrainFeatures?: tf.Tensor2D;
  private teacherTest?: tf.Tensor2D;
  /** Host copies of the frozen teacher's test and grid logits, read once for the views. */
  private teacherHost: { test: Float32Array; grid?: Float32Array } = { test: new Float32Array(0) };
  /** Last checkpoint known good, and the newest one (confirmed by the next finite loss). */
  private confirmed?: Checkpoint;
  private candidate?: Checkpoint;

  private constructor(
    public config: ExperimentConfig,
    readonly data: TaskData,
    readonly teacher: Model,
  ) {}

  /** Builds data and teacher, trains the teacher on the labels, then builds the students. */
  static async create(config: ExperimentConfig, onTeacher?: (p: TeacherProgress) => void): Promise<Session> {
    const data = loadToy2d(config.task, config.seed);
    const teacher = createMlp(
      config.teacher.model,
      data.inputSize,
      data.classes,
      createRng(config.seed, 'teacher'),
      'teacher',
    );
    const s = new Session(config, data, teacher);
    try {
      await s.trainTeacher(onTeacher);
      await s.freezeTeacher();
      s.buildStudents();
    } catch (e) {
      s.dispose();
      throw e;
    }
    return s;
  }

  private async trainTeacher(onTeacher?: (p: TeacherProgress) => void): Promise<void> {
    const { trainSteps, lr } = this.config.teacher;
    const opt = tf.train.adam(lr);
    const sampler = new BatchSampler(this.data.trainY.shape[0], this.config.seed, 'teacher');
    try {
      for (let done = 0; done < trainSteps;) {
        const n = Math.min(TEACHER_CHUNK, trainSteps - done);
        let last: tf.Scalar | null = null;
        for (let i = 0; i < n; i++) {
          last?.dispose();
          const idx = sampler.next(Math.min(128, this.data.trainY.shape[0]));
          last = tf.tidy(() => {
            const it = tf.tensor1d(idx, 'int32');
            const x = tf.gather(this.data.trainX, it);
            const y = tf.gather(this.data.trainY, it);
            return opt.minimize(
              () => tf.mean(crossEntropyRows(tf, this.teacher.forward(x).logits, y)) as tf.Scalar,
              true,
              this.teacher.variables,
            )!;
          });
        }
        done += n;
        const loss = (await last!.data())[0]!;
        last!.dispose();
        if (!Number.isFinite(loss))
          throw new Error(`The teacher’s loss diverged (${loss}) at step ${done}: lower the teacher learning rate.`);
        onTeacher?.({ step: done, total: trainSteps, loss });
      }
    } finally {
      disposeOptimizer(opt);
    }
  }

  /** Caches the teacher's outputs (it never changes again) and measures it on the test set. */
  private async freezeTeacher(): Promise<void> {
    const d = this.data;
    [this.teacherTrain, this.teacherTrainFeatures] = tf.tidy(() => {
      const out = this.teacher.forward(d.trainX);
      return [out.logits, out.features];
    });
    this.teacherTest = tf.tidy(() => this.teacher.forward(d.testX).logits);
    const grid = d.grid ? tf.tidy(() => this.teacher.forward(d.grid!.x).logits) : undefined;
    const m = tf.tidy(() =>
      tf.stack(
        TEACHER_METRICS.map((metric) =>
          metric.compute(tf, { teacherLogits: this.teacherTest!, studentLogits: this.teacherTest!, labels: d.testY }),
        ),
      ),
    );
    const [metrics, test, gridV] = (await Promise.all([
      m.data(),
      this.teacherTest.data(),
      grid?.data(),
    ])) as Float32Array[];
    this.teacherMetrics = metrics!;
    this.teacherHost = { test: test!, grid: gridV };
    m.dispose();
    grid?.dispose();
  }

  /** Objective state for a lane (e.g. a FitNets projection), seeded per lane and objective. */
  private createState(def: ObjectiveDef, params: Record<string, number>, lane: number): ObjectiveState | undefined {
    if (!def.createState) return undefined;
    const rng = createRng(this.config.seed, `state:${lane}:${def.id}`);
    return def.createState(tf, { ...signalContext(this.config), random: () => rng.next() }, params);
  }

  private buildLane(cfg: LaneConfig, index: number): Lane {
    const { config, data } = this;
    const def = getObjective(cfg.objective);
    // The same seed for every lane: all students start from identical weights.
    const student = createMlp(
      config.student,
      data.inputSize,
      data.classes,
      createRng(config.seed, 'student'),
      `student${index}`,
    );
    const lane: Lane = {
      def,
      params: { ...cfg.params },
      schedule: { ...cfg.schedule },
      student,
      optimizer: buildOptimizer(config.train),
    };
    lane.state = this.createState(def, lane.params, index);
    return lane;
  }

  /** (Re)builds every student lane from the same seed: all lanes start from identical weights. */
  private buildStudents(): void {
    this.lanes = this.config.lanes.map((l, i) => this.buildLane(l, i));
    this.sampler = new BatchSampler(this.data.trainY.shape[0], this.config.seed, 'student');
    this.step = 0;
    this.retakeCheckpoints();
    this.pendingEval.push({ step: 0, t: this.evaluate() });
  }

  get trainableVariables(): tf.Variable[] {
    return this.lanes.flatMap(laneVariables);
  }

  get lossColumns(): LossColumn[] {
    return this.lanes.flatMap((l, lane) => [
      { lane, key: 'total', label: 'Total', kind: 'total' as const },
      ...l.def.components.map((c) => ({ lane, ...c, kind: 'part' as const })),
      ...(l.def.stateColumns ?? []).map((c) => ({ lane, ...c, kind: 'state' as const })),
      ...scheduleColumns(l.def).map((c) => ({ lane, ...c, kind: 'schedule' as const })),
    ]);
  }

  /**
   * Applies a config whose differences are all live (see config/changes.ts). A lane whose
   * objective changed keeps its student's weights and gets the new objective's state and a
   * fresh optimiser, from the next step on. Call `flush()` first: the loss layout changes.
   */
  applyLive(config: ExperimentConfig): void {
    this.config = config;
    config.lanes.forEach((cfg, i) => {
      const lane = this.lanes[i];
      if (!lane) return;
      if (lane.def.id !== cfg.objective) {
        lane.state?.variables.forEach((v) => v.dispose());
        disposeOptimizer(lane.optimizer);
        lane.def = getObjective(cfg.objective);
        lane.state = this.createState(lane.def, cfg.params, i);
        lane.optimizer = buildOptimizer(config.train);
        // Checkpoints hold each lane's variables; the set of variables just changed.
        this.retakeCheckpoints();
      }
      lane.params = { ...cfg.params };
      lane.schedule = { ...cfg.schedule };
      setLearningRate(lane.optimizer, config.train.lr);
    });
  }

  /** Students back to their initial weights, step 0; the teacher stays trained. */
  resetStudents(config: ExperimentConfig = this.config): void {
    this.config = config;
    this.disposeStudents();
    this.buildStudents();
  }

  /**
   * One distillation step for every lane: sample a batch, look up the cached teacher outputs,
   * and differentiate the sum of the lanes' losses once (one tape, one teacher lookup). Lanes
   * share no weights, so each lane's gradients are exactly its own; each lane's optimiser
   * then applies them. The teacher is never in the variable list.
   */
  trainStep(): void {
    const { train } = this.config;
    const idx = this.sampler.next(train.batchSize);
    const step = this.step;
    const params = this.lanes.map((l) => scheduledParams(l.def, l.params, l.schedule, step, train.steps));
    const record = tf.tidy(() => {
      const it = tf.tensor1d(idx, 'int32');
      const x = tf.gather(this.data.trainX, it);
      const labels = tf.gather(this.data.trainY, it) as tf.Tensor1D;
      // One teacher pass (or cache lookup) per step, shared by every lane.
      const needFeatures = this.lanes.some((l) => l.def.needs.features);
      let teacherLogits: tf.Tensor2D;
      let teacherFeatures: tf.Tensor2D | undefined;
      if (train.teacherCache) {
        teacherLogits = tf.gather(this.teacherTrain!, it) as tf.Tensor2D;
        teacherFeatures = needFeatures ? (tf.gather(this.teacherTrainFeatures!, it) as tf.Tensor2D) : undefined;
      } else {
        const out = this.teacher.forward(x);
        teacherLogits = out.logits;
        teacherFeatures = needFeatures ? out.features : undefined;
      }
      const results: LossResult[] = [];
      const { grads } = tf.variableGrads(() => {
        const totals = this.lanes.map((lane, i) => {
          const out = lane.student.forward(x);
          const r = lane.def.loss(
            tf,
            {
              studentLogits: out.logits,
              teacherLogits,
              labels,
              studentFeatures: out.features,
              teacherFeatures,
              step,
              totalSteps: train.steps,
            },
            params[i]!,
            lane.state,
          );
          // Kept past the gradient tape's own tidy, for the record and the state updates below.
          results[i] = {
            total: tf.keep(r.total),
            parts: Object.fromEntries(Object.entries(r.parts).map(([k, v]) => [k, tf.keep(v)])),
          };
          return r.total;
        });
        return (totals.length === 1 ? totals[0]! : tf.addN(totals)) as tf.Scalar;
      }, this.trainableVariables);
      this.lanes.forEach((lane) =>
        lane.optimizer.applyGradients(Object.fromEntries(laneVariables(lane).map((v) => [v.name, grads[v.name]!]))),
      );
      const columns = this.lanes.flatMap((lane, i) => [
        results[i]!.total,
        ...lane.def.components.map((c) => results[i]!.parts[c.key]!),
        ...(lane.def.stateColumns ?? []).map((c) => lane.state!.values[c.key]!),
      ]);
      const rec = tf.stack(columns);
      this.lanes.forEach((lane, i) => {
        if (lane.def.afterStep && lane.state)
          lane.def.afterStep(tf, lane.state, results[i]!, { step, totalSteps: train.steps }, params[i]!);
      });
      results.forEach((r) => tf.dispose([r.total, ...Object.values(r.parts)]));
      return rec;
    });
    this.pendingLoss.push(record);
    this.pendingSchedule.push(this.lanes.flatMap((l, i) => scheduleColumns(l.def).map((c) => params[i]![c.key]!)));
    this.step++;
    if (this.step % train.evalEvery === 0) this.pendingEval.push({ step: this.step, t: this.evaluate() });
  }

  /** Held-out metrics of every lane, [lanes, LANE_METRICS.length], left on the device. */
  private evaluate(): tf.Tensor {
    return tf.tidy(() =>
      tf.stack(
        this.lanes.flatMap((lane) => {
          const studentLogits = lane.student.forward(this.data.testX).logits;
          return LANE_METRICS.map((m) =>
            m.compute(tf, { teacherLogits: this.teacherTest!, studentLogits, labels: this.data.testY }),
          );
        }),
      ),
    );
  }

  /** Reads back everything pending in one batch, and guards against divergence. */
  async flush(): Promise<FlushResult> {
    const lossRows = this.pendingLoss;
    const scheduleRows = this.pendingSchedule;
    const evals = this.pendingEval;
    this.pendingLoss = [];
    this.pendingSchedule = [];
    this.pendingEval = [];
    const firstStep = this.step - lossRows.length + 1;
    const lossT = lossRows.length ? tf.stack(lossRows) : null;
    const evalT = evals.length ? tf.stack(evals.map((e) => e.t)) : null;
    const [lossV, evalV] = await Promise.all([lossT?.data(), evalT?.data()]);
    lossT?.dispose();
    evalT?.dispose();
    lossRows.forEach((t) => t.dispose());
    evals.forEach((e) => e.t.dispose());

    // Interleave the device columns with the host-side schedule columns, lane by lane.
    const columns = this.lossColumns;
    const width = columns.length;
    const deviceWidth = lossRows[0]?.shape[0] ?? 0;
    const losses = new Float32Array(lossRows.length * width);
    for (let r = 0; r < lossRows.length; r++) {
      let dev = r * deviceWidth;
      let host = 0;
      columns.forEach((c, j) => {
        losses[r * width + j] = c.kind === 'schedule' ? scheduleRows[r]![host++]! : lossV![dev++]!;
      });
    }
    const perEval = this.lanes.length * LANE_METRICS.length;
    const result: FlushResult = {
      columns,
      steps: lossRows.map((_, i) => firstStep + i),
      losses,
      evals: evals.map((e, i) => ({
        step: e.step,
        values: (evalV as Float32Array).slice(i * perEval, (i + 1) * perEval),
      })),
    };

    const bad = losses.findIndex((v, i) => columns[i % width]!.kind !== 'schedule' && !Number.isFinite(v));
    if (bad >= 0) {
      const row = Math.floor(bad / width);
      // The candidate checkpoint is good if at least the first step after it had a finite loss.
      const restore = row > 0 ? this.candidate! : this.confirmed!;
      this.restore(restore);
      // Rows after the restored step are undone; the worker tells the UI to drop them too.
      result.steps = result.steps.slice(0, Math.max(0, restore.step - firstStep + 1));
      result.losses = losses.slice(0, result.steps.length * width);
      result.evals = result.evals.filter((e) => e.step <= restore.step);
      result.diverged = { step: firstStep + row, column: columns[bad % width]!, restoredStep: restore.step };
      return result;
    }
    if (lossRows.length > 0) {
      this.disposeCheckpoint(this.confirmed);
      this.confirmed = this.candidate;
      this.candidate = this.checkpoint();
    }
    return result;
  }

  private checkpoint(): Checkpoint {
    return { step: this.step, weights: this.trainableVariables.map((v) => tf.clone(v)) };
  }

  private disposeCheckpoint(c?: Checkpoint): void {
    c?.weights.forEach((w) => w.dispose());
  }

  private retakeCheckpoints(): void {
    this.disposeCheckpoint(this.confirmed);
    if (this.candidate !== this.confirmed) this.disposeCheckpoint(this.candidate);
    this.confirmed = this.checkpoint();
    this.candidate = this.checkpoint();
  }

  /** Puts the students back to a checkpoint; their optimisers start afresh from there. */
  private restore(c: Checkpoint): void {
    this.trainableVariables.forEach((v, i) => v.assign(c.weights[i]!));
    this.step = c.step;
    for (const lane of this.lanes) {
      disposeOptimizer(lane.optimizer);
      lane.optimizer = buildOptimizer(this.config.train);
    }
    if (c !== this.confirmed) {
      this.disposeCheckpoint(this.confirmed);
      this.confirmed = c;
    }
    this.candidate = this.checkpoint();
  }

  /** Logits the views draw: the test points and the boundary grid, for every lane. */
  async viewLogits(): Promise<ViewLogits> {
    const d = this.data;
    const tensors = tf.tidy(() => [
      ...this.lanes.map((l) => l.student.forward(d.testX).logits),
      ...(d.grid ? this.lanes.map((l) => l.student.forward(d.grid!.x).logits) : []),
    ]);
    const values = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
    tensors.forEach((t) => t.dispose());
    const n = this.lanes.length;
    return {
      step: this.step,
      teacher: this.teacherHost,
      lanes: this.lanes.map((_, i) => ({ test: values[i]!, grid: d.grid ? values[n + i] : undefined })),
    };
  }

  private disposeStudents(): void {
    this.pendingLoss.forEach((t) => t.dispose());
    this.pendingEval.forEach((e) => e.t.dispose());
    this.pendingLoss = [];
    this.pendingSchedule = [];
    this.pendingEval = [];
    this.disposeCheckpoint(this.confirmed);
    if (this.candidate !== this.confirmed) this.disposeCheckpoint(this.candidate);
    this.confirmed = this.candidate = undefined;
    for (const lane of this.lanes) {
      lane.student.dispose();
      lane.state?.variables.forEach((v) => v.dispose());
      disposeOptimizer(lane.optimizer);
    }
    this.lanes = [];
  }

  dispose(): void {
    this.disposeStudents();
    this.teacherTrain?.dispose();
    this.teacherTrainFeatures?.dispose();
    this.teacherTest?.dispose();
    this.teacher.dispose();
    this.data.dispose();
  }
}
