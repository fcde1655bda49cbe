/**
 * A distillation session: one task's data, one frozen teacher and one or more student lanes
 * trained side by side. The step body is synchronous and tidy; losses stay on the device and
 * are read back in batches by `flush()`. This file is the whole training loop.
 */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/schema';
import { createRng } from '../lib/rng';
import { LANE_METRICS, TEACHER_METRICS } from '../metrics';
import { getObjective, type ObjectiveDef } from '../objectives';
import { crossEntropyRows } from '../objectives/divergences';
import { createMlp } from './models/mlp';
import type { Model } from './models/types';
import { buildOptimizer, disposeOptimizer, setLearningRate } from './optim';
import { BatchSampler } from './sampler';
import { loadToy2d } from './tasks/toy2d';
import type { TaskData } from './tasks/types';

export interface Lane {
  def: ObjectiveDef;
  params: Record<string, number>;
  student: Model;
}

/** One column of the loss record: a lane's total or one of its named parts. */
export interface LossColumn {
  lane: number;
  key: string;
  label: string;
}

export interface TeacherProgress {
  step: number;
  total: number;
  loss: number;
}

export interface FlushResult {
  /** Step number of each loss row (1-based: the state after that many updates). */
  steps: number[];
  /** Row-major [steps.length, lossColumns.length]. */
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

export class Session {
  /** Number of student updates done so far. */
  step = 0;
  teacherMetrics: Float32Array = new Float32Array(TEACHER_METRICS.length);
  lanes: Lane[] = [];
  private optimizer!: tf.Optimizer;
  private sampler!: BatchSampler;
  private pendingLoss: tf.Tensor[] = [];
  private pendingEval: { step: number; t: tf.Tensor }[] = [];
  /** Teacher logits of every training row, computed once after the teacher is frozen. */
  private teacherTrain?: tf.Tensor2D;
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

  /** Caches the teacher's logits (it never changes again) and measures it on the test set. */
  private async freezeTeacher(): Promise<void> {
    const d = this.data;
    this.teacherTrain = tf.tidy(() => this.teacher.forward(d.trainX).logits);
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

  /** (Re)builds every student lane from the same seed: all lanes start from identical weights. */
  private buildStudents(): void {
    const { config, data } = this;
    this.lanes = config.lanes.map((lane, i) => ({
      def: getObjective(lane.objective),
      params: { ...lane.params },
      student: createMlp(
        config.student,
        data.inputSize,
        data.classes,
        createRng(config.seed, 'student'),
        `student${i}`,
      ),
    }));
    this.optimizer = buildOptimizer(config.train);
    this.sampler = new BatchSampler(data.trainY.shape[0], config.seed, 'student');
    this.step = 0;
    this.confirmed = this.checkpoint();
    this.candidate = this.checkpoint();
    this.pendingEval.push({ step: 0, t: this.evaluate() });
  }

  get studentVariables(): tf.Variable[] {
    return this.lanes.flatMap((l) => l.student.variables);
  }

  get lossColumns(): LossColumn[] {
    return this.lanes.flatMap((l, lane) => [
      { lane, key: 'total', label: 'Total' },
      ...l.def.components.map((c) => ({ lane, key: c.key, label: c.label })),
    ]);
  }

  /** Applies a config whose only differences are live settings (see config/changes.ts). */
  applyLive(config: ExperimentConfig): void {
    this.config = config;
    setLearningRate(this.optimizer, config.train.lr);
    config.lanes.forEach((lane, i) => {
      const l = this.lanes[i];
      if (l) l.params = { ...lane.params };
    });
  }

  /** Students back to their initial weights, step 0; the teacher stays trained. */
  resetStudents(config: ExperimentConfig = this.config): void {
    this.config = config;
    this.disposeStudents();
    this.buildStudents();
  }

  /**
   * One distillation step for every lane: sample a batch, look up the cached teacher logits,
   * and minimise the sum of the lanes' losses over the students' weights only. Lanes share no
   * weights and Adam/momentum act element-wise, so one optimiser over the sum updates each lane
   * exactly as its own optimiser would, with one tape and one teacher lookup per step.
   */
  trainStep(): void {
    const { train } = this.config;
    const idx = this.sampler.next(train.batchSize);
    const totalSteps = train.steps;
    const step = this.step;
    const record = tf.tidy(() => {
      const it = tf.tensor1d(idx, 'int32');
      const x = tf.gather(this.data.trainX, it);
      const labels = tf.gather(this.data.trainY, it) as tf.Tensor1D;
      const teacherLogits = tf.gather(this.teacherTrain!, it) as tf.Tensor2D;
      let rec: tf.Tensor | undefined;
      this.optimizer.minimize(
        () => {
          const totals: tf.Scalar[] = [];
          const columns: tf.Scalar[] = [];
          for (const lane of this.lanes) {
            const studentLogits = lane.student.forward(x).logits;
            const r = lane.def.loss(tf, { studentLogits, teacherLogits, labels, step, totalSteps }, lane.params);
            totals.push(r.total);
            columns.push(r.total, ...lane.def.components.map((c) => r.parts[c.key]!));
          }
          // Kept past minimize's own tidy so flush() can read every column later.
          rec = tf.keep(tf.stack(columns));
          return (totals.length === 1 ? totals[0]! : tf.addN(totals)) as tf.Scalar;
        },
        false,
        this.studentVariables,
      );
      return rec!;
    });
    this.pendingLoss.push(record);
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
    const evals = this.pendingEval;
    this.pendingLoss = [];
    this.pendingEval = [];
    const firstStep = this.step - lossRows.length + 1;
    const lossT = lossRows.length ? tf.stack(lossRows) : null;
    const evalT = evals.length ? tf.stack(evals.map((e) => e.t)) : null;
    const [lossV, evalV] = await Promise.all([lossT?.data(), evalT?.data()]);
    lossT?.dispose();
    evalT?.dispose();
    lossRows.forEach((t) => t.dispose());
    evals.forEach((e) => e.t.dispose());

    const cols = this.lossColumns;
    const width = cols.length;
    const losses = (lossV ?? new Float32Array(0)) as Float32Array;
    const perEval = this.lanes.length * LANE_METRICS.length;
    const result: FlushResult = {
      steps: lossRows.map((_, i) => firstStep + i),
      losses,
      evals: evals.map((e, i) => ({
        step: e.step,
        values: (evalV as Float32Array).slice(i * perEval, (i + 1) * perEval),
      })),
    };

    const bad = losses.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      const row = Math.floor(bad / width);
      // The candidate checkpoint is good if at least the first step after it had a finite loss.
      const restore = row > 0 ? this.candidate! : this.confirmed!;
      this.restore(restore);
      // Rows after the restored step are undone; the worker tells the UI to drop them too.
      result.steps = result.steps.slice(0, Math.max(0, restore.step - firstStep + 1));
      result.losses = losses.slice(0, result.steps.length * width);
      result.evals = result.evals.filter((e) => e.step <= restore.step);
      result.diverged = { step: firstStep + row, column: cols[bad % width]!, restoredStep: restore.step };
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
    return { step: this.step, weights: this.studentVariables.map((v) => tf.clone(v)) };
  }

  private disposeCheckpoint(c?: Checkpoint): void {
    c?.weights.forEach((w) => w.dispose());
  }

  /** Puts the students back to a checkpoint; the optimiser starts afresh from there. */
  private restore(c: Checkpoint): void {
    this.studentVariables.forEach((v, i) => v.assign(c.weights[i]!));
    this.step = c.step;
    disposeOptimizer(this.optimizer);
    this.optimizer = buildOptimizer(this.config.train);
    if (c !== this.confirmed) {
      this.disposeCheckpoint(this.confirmed);
      this.confirmed = c;
    }
    this.candidate = this.checkpoint();
  }

  /** Logits the views draw: the test points and the boundary grid, teacher and each lane. */
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
    this.pendingEval = [];
    this.disposeCheckpoint(this.confirmed);
    if (this.candidate !== this.confirmed) this.disposeCheckpoint(this.candidate);
    this.confirmed = this.candidate = undefined;
    this.lanes.forEach((l) => l.student.dispose());
    this.lanes = [];
    if (this.optimizer) disposeOptimizer(this.optimizer);
  }

  dispose(): void {
    this.disposeStudents();
    this.teacherTrain?.dispose();
    this.teacherTest?.dispose();
    this.teacher.dispose();
    this.data.dispose();
  }
}
