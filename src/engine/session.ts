/**
 * A distillation session: one task's data, one frozen teacher and up to six student lanes
 * trained side by side (a race). The step body is synchronous and tidy; losses stay on the
 * device and are read back in batches by `flush()`. This file is the whole training loop.
 */
import * as tf from '@tensorflow/tfjs';
import { signalContext, type ExperimentConfig, type Lane as LaneConfig } from '../config/schema';
import { foreground as foregroundPixels } from '../lib/attribution';
import { createRng, type Rng } from '../lib/rng';
import { laneMetrics } from '../metrics';
import { getObjective, type ObjectiveDef } from '../objectives';
import { klRows } from '../objectives/divergences';
import { scheduleColumns, scheduledParams, type LaneSchedule } from '../objectives/schedule';
import type { LossResult, ObjectiveState } from '../objectives/types';
import type { Assets } from './assets';
import { augmentImages, augmenting } from './augment';
import { BatchPlanner } from './batches';
import { PROBE_SIZE, SALIENCY_METRICS, evaluateLanes, gradTimesInput, saliencyAgreement } from './evaluation';
import { loadImported } from './imported';
import { buildModel } from './models/build';
import type { Model } from './models/types';
import { buildOptimizer, disposeOptimizer, setLearningRate } from './optim';
import { prepareTeacher, teacherMetricsTensor, type FrozenTeacher, type Progress } from './teacher';
import { loadImages } from './tasks/images';
import { loadToy2d } from './tasks/toy2d';
import { loadText } from './tasks/text';
import { TEXT_CHUNK } from './forward';
import { TextBatches, type TextBatch } from './text-batches';
import { generateBatch } from './models/generate';
import { isSequenceModel, withInputMap } from './models/sequence';
import type { TaskData } from './tasks/types';

export type { Progress } from './teacher';

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

export interface FlushResult {
  /** The layout of each loss row. */
  columns: LossColumn[];
  /** Step number of each loss row (1-based: the state after that many updates). */
  steps: number[];
  /** Row-major [steps.length, columns.length]. */
  losses: Float32Array;
  /** Held-out metrics: step, row-major [lanes, evalColumns.length] values, per-class gap. */
  evals: { step: number; values: Float32Array; gap?: Float32Array }[];
  /** Set when a loss was not finite: the weights were restored to `restoredStep`. */
  diverged?: { step: number; column: LossColumn; restoredStep: number };
}

/** Logits for the views, on the host: row-major [points, classes]. */
export interface ViewLogits {
  step: number;
  teacher: { test: Float32Array; grid?: Float32Array };
  lanes: { test: Float32Array; grid?: Float32Array }[];
}

export interface SessionOptions {
  /** Where shipped files come from (data sets, pretrained teachers). */
  assets?: Assets;
  onProgress?: (p: Progress) => void;
}

interface Checkpoint {
  step: number;
  weights: tf.Tensor[];
}

interface PendingEval {
  step: number;
  metrics: tf.Tensor;
  gap?: tf.Tensor;
  saliency?: tf.Tensor;
}

/** Decay of the running per-class gap (an average over roughly the last 100 batches). */
const GAP_DECAY = 0.99;

/** What one lane trains on in one step. */
interface StepBatch {
  x: tf.Tensor;
  labels: tf.Tensor1D;
  mask?: tf.Tensor1D;
  labelMask?: tf.Tensor1D;
  teacherLogits: tf.Tensor2D;
  teacherFeatures?: tf.Tensor2D;
}

function asSequence(m: Model) {
  if (!isSequenceModel(m)) throw new Error('This model does not generate text');
  return m.sequence;
}

const sameFor = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

const laneVariables = (l: Lane): tf.Variable[] => [...l.student.variables, ...(l.state?.trainable ?? [])];

export class Session {
  /** Number of student updates done so far. */
  step = 0;
  lanes: Lane[] = [];
  /** Set when gap-aware sampling needs the latest evaluation read back before the next step. */
  syncPending = false;
  private planner!: BatchPlanner;
  private augmentRng!: Rng;
  private pendingLoss: tf.Tensor[] = [];
  /** Scheduled values (T, α) of each pending step, computed on the host. */
  private pendingSchedule: number[][] = [];
  private pendingEval: PendingEval[] = [];
  /** The latest evaluation's test logits per lane (image tasks draw their views from them). */
  private latestTest: tf.Tensor2D[] = [];
  /** Running per-class teacher–student gap: Σ decayed KL and Σ decayed counts, per class. */
  private gap?: { sum: tf.Variable; count: tf.Variable };
  /** Saliency probe (image tasks): images, the teacher's classes, the teacher's maps. */
  private probe?: { x: tf.Tensor; classes: tf.Tensor1D; teacher: Float32Array; foreground: Int32Array[] };
  /** Text: the teacher's latest sample (it is frozen: same prompt and settings, same text). */
  private teacherSample?: { key: string; ids: Int32Array };
  /** Text: where each step's token windows come from (corpus, teacher or student samples). */
  private text?: TextBatches;
  /**
   * Text with a student vocabulary of its own: teacher id → student id, and the held-out
   * labels and teacher logits in the student's vocabulary (the teacher's probabilities summed
   * over the characters the student merges), so every metric compares like with like.
   */
  private vocab?: { map: tf.Tensor1D; evalLabels: tf.Tensor1D; evalTeacher: tf.Tensor2D };
  /** Last checkpoint known good, and the newest one (confirmed by the next finite loss). */
  private confirmed?: Checkpoint;
  private candidate?: Checkpoint;

  private constructor(
    public config: ExperimentConfig,
    readonly data: TaskData,
    readonly teacher: FrozenTeacher,
  ) {}

  /** Loads the data, prepares and freezes the teacher, then builds the students. */
  static async create(config: ExperimentConfig, options: SessionOptions = {}): Promise<Session> {
    const { assets, onProgress } = options;
    let data: TaskData;
    const onData = (done: number, total: number) => onProgress?.({ phase: 'data', done, total });
    if (config.task.kind === 'toy2d') data = loadToy2d(config.task, config.seed);
    else if (!assets) throw new Error('This task needs the app’s data files');
    else if (config.task.kind === 'images') data = await loadImages(config.task, config.seed, assets, onData);
    else data = await loadText(config.task, assets, onData);
    let teacher: FrozenTeacher;
    try {
      teacher = await prepareTeacher(config, data, assets, onProgress);
    } catch (e) {
      data.dispose();
      throw e;
    }
    const s = new Session(config, data, teacher);
    try {
      if (data.host.text?.student) await s.prepareStudentVocab(data.host.text.student.map);
      if (data.kind === 'images') await s.prepareImageExtras();
      await s.buildStudents();
    } catch (e) {
      s.dispose();
      throw e;
    }
    return s;
  }

  get teacherMetrics(): Float32Array {
    return this.teacher.metrics;
  }

  /** Per-lane eval columns: the metric registry, plus saliency agreement for images. */
  get evalColumns(): { id: string; label: string }[] {
    return [...this.metricDefs, ...(this.data.kind === 'images' ? SALIENCY_METRICS : [])].map(({ id, label }) => ({
      id,
      label,
    }));
  }

  /** The held-out metrics of each lane, for this task. */
  get metricDefs() {
    return laneMetrics(this.data.kind);
  }

  /** The maps to a student's own vocabulary, and the teacher's metrics measured in it. */
  private async prepareStudentVocab(teacherToStudent: Int32Array): Promise<void> {
    const map = tf.tensor1d(teacherToStudent, 'int32');
    const studentClasses = Math.max(...teacherToStudent) + 1;
    const [evalLabels, evalTeacher] = tf.tidy(() => {
      const merge = tf.oneHot(map, studentClasses).toFloat() as tf.Tensor2D;
      const probs = tf.matMul(tf.softmax(this.teacher.testLogits), merge);
      return [tf.gather(map, this.data.testY) as tf.Tensor1D, tf.log(tf.maximum(probs, 1e-12)) as tf.Tensor2D];
    });
    this.vocab = { map, evalLabels, evalTeacher };
    const m = teacherMetricsTensor('text', evalTeacher, evalLabels);
    this.teacher.metrics = (await m.data()) as Float32Array;
    m.dispose();
  }

  /** The saliency probe and the per-class gap accumulators (image tasks). */
  private async prepareImageExtras(): Promise<void> {
    const classes = this.data.classes;
    this.gap = tf.tidy(() => ({
      sum: tf.variable(tf.zeros([classes]), false),
      count: tf.variable(tf.zeros([classes]), false),
    }));
    const x = tf.slice(this.data.testX, 0, PROBE_SIZE);
    const probeClasses = tf.tidy(() => tf.argMax(tf.slice(this.teacher.testLogits, 0, PROBE_SIZE), -1) as tf.Tensor1D);
    const maps = tf.tidy(() => tf.reshape(gradTimesInput(this.teacher.model, x, probeClasses), [PROBE_SIZE, -1]));
    // Each probe image's foreground (non-zero pixels): the maps are compared there only
    // (with no host copy of the pixels, over all of them).
    const pixels = this.data.host.testImages;
    const size = pixels ? pixels.length / this.data.host.testY.length : 0;
    const foreground = pixels
      ? Array.from({ length: PROBE_SIZE }, (_, i) => foregroundPixels(pixels, 0, i * size, size))
      : [];
    this.probe = { x, classes: probeClasses, teacher: (await maps.data()) as Float32Array, foreground };
    maps.dispose();
  }

  /** Objective state for a lane (e.g. a FitNets projection), seeded per lane and objective. */
  private createState(def: ObjectiveDef, params: Record<string, number>, lane: number): ObjectiveState | undefined {
    if (!def.createState) return undefined;
    const rng = createRng(this.config.seed, `state:${lane}:${def.id}`);
    const ctx = { ...signalContext(this.config), teacherFeatureDim: this.teacher.trainFeatures.shape[1] };
    return def.createState(tf, { ...ctx, random: () => rng.next() }, params);
  }

  private async buildLane(cfg: LaneConfig, index: number): Promise<Lane> {
    const { config, data } = this;
    const def = getObjective(cfg.objective);
    // The same seed (or the same imported weights) for every lane: identical starting weights.
    const spec = config.student;
    const studentVocab = data.host.text?.student;
    const classes = studentVocab?.chars.length ?? data.classes;
    const built =
      spec.kind === 'imported'
        ? await loadImported(spec, data.inputShape, classes, true)
        : buildModel(spec, data.inputShape, classes, createRng(config.seed, 'student'), `student${index}`);
    // A student with its own vocabulary reads the teacher's ids through the map.
    const student = studentVocab ? withInputMap(built, studentVocab.map) : built;
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
  private async buildStudents(): Promise<void> {
    this.lanes = [];
    for (const [i, l] of this.config.lanes.entries()) this.lanes.push(await this.buildLane(l, i));
    this.planner = new BatchPlanner(this.data.labelled, this.data.transfer, this.config.seed);
    const corpus = this.data.host.text;
    this.text = corpus
      ? new TextBatches(corpus, this.teacher.model, this.config.seed, () => this.config, corpus.student)
      : undefined;
    this.augmentRng = createRng(this.config.seed, 'augment');
    this.step = 0;
    if (this.gap) {
      this.gap.sum.assign(tf.zerosLike(this.gap.sum));
      this.gap.count.assign(tf.zerosLike(this.gap.count));
    }
    this.retakeCheckpoints();
    this.pushEval();
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
  async resetStudents(config: ExperimentConfig = this.config): Promise<void> {
    this.config = config;
    this.disposeStudents();
    await this.buildStudents();
  }

  /**
   * The batch of one step: inputs, labels (the teacher's class on transfer rows), which labels
   * are real, and the teacher's outputs. Transfer rows may be augmented; augmented rows (and
   * every row when the cache is off) need a teacher forward pass, the rest reuse the cache.
   */
  private batch(): StepBatch {
    const { train, task } = this.config;
    const plan = this.planner.next(train.batchSize);
    const nL = plan.labelled.length;
    const nT = plan.transfer.length;
    const needFeatures = this.lanes.some((l) => l.def.needs.features);
    const rows = (idx: Int32Array) => tf.tensor1d(idx, 'int32');
    const lIdx = rows(plan.labelled);
    const xL = tf.gather(this.data.trainX, lIdx);
    const augment = nT > 0 && task.kind === 'images' && augmenting(task);
    let x = xL;
    let labels = tf.gather(this.data.trainY, lIdx) as tf.Tensor1D;
    let labelMask: tf.Tensor1D | undefined;
    let teacherLogits: tf.Tensor2D;
    let teacherFeatures: tf.Tensor2D | undefined;
    const cached = (idx: tf.Tensor1D) => ({
      logits: tf.gather(this.teacher.trainLogits, idx) as tf.Tensor2D,
      features: needFeatures ? (tf.gather(this.teacher.trainFeatures, idx) as tf.Tensor2D) : undefined,
    });
    const live = (input: tf.Tensor) => {
      const out = this.teacher.model.forward(input);
      return { logits: out.logits, features: needFeatures ? out.features : undefined };
    };
    if (nT === 0) {
      const t = train.teacherCache ? cached(lIdx) : live(x);
      teacherLogits = t.logits;
      teacherFeatures = t.features;
    } else {
      const tIdx = rows(plan.transfer);
      let xT = tf.gather(this.data.trainX, tIdx);
      if (augment)
        xT = augmentImages(xT as tf.Tensor4D, task as Extract<typeof task, { kind: 'images' }>, this.augmentRng);
      x = tf.concat([xL, xT]);
      const tL = train.teacherCache ? cached(lIdx) : live(xL);
      const tT = train.teacherCache && !augment ? cached(tIdx) : live(xT);
      teacherLogits = tf.concat([tL.logits, tT.logits]) as tf.Tensor2D;
      teacherFeatures = needFeatures ? (tf.concat([tL.features!, tT.features!]) as tf.Tensor2D) : undefined;
      labels = tf.concat([labels, tf.cast(tf.argMax(tT.logits, -1), 'int32')]) as tf.Tensor1D;
      labelMask = tf.tensor1d(Float32Array.from({ length: nL + nT }, (_, i) => (i < nL ? 1 : 0)));
    }
    return { x, labels, labelMask, teacherLogits, teacherFeatures };
  }

  /**
   * Text: token windows [B, T] for each lane (the same object for every lane unless the step
   * is on-policy), the next-token labels, the teacher's outputs on them, and which positions
   * count (a generated window's prompt does not).
   */
  private textBatches(): StepBatch[] {
    const needFeatures = this.lanes.some((l) => l.def.needs.features);
    const seen = new Map<TextBatch, StepBatch>();
    return this.text!.take(this.step, this.lanes.length).map((b) => {
      let out = seen.get(b);
      if (!out) {
        const [rows, steps] = [b.rows, b.steps];
        const x = tf.tensor2d(b.x, [rows, steps], 'int32');
        const t = this.teacher.model.forward(x);
        out = {
          x,
          // The student's loss reads labels in its own vocabulary.
          labels: this.vocab ? tf.gather(this.vocab.map, b.y) : tf.tensor1d(b.y, 'int32'),
          mask: b.mask ? tf.tensor1d(b.mask) : undefined,
          labelMask: b.labelMask ? tf.tensor1d(b.labelMask) : undefined,
          teacherLogits: t.logits,
          teacherFeatures: needFeatures ? t.features : undefined,
        };
        seen.set(b, out);
      }
      return out;
    });
  }

  /** Whether the next step's windows must be generated first (`prepareStep`). */
  get needsPrepare(): boolean {
    return this.text?.needsPrepare(this.step) ?? false;
  }

  /**
   * Generates the next step's windows when it is a sequence-level or on-policy step: the
   * teacher's or each lane's own samples. Asynchronous (it reads back every sampled token),
   * so the trainer awaits it before the synchronous `trainStep`.
   */
  async prepareStep(): Promise<void> {
    await this.text?.prepare(
      this.step,
      this.lanes.map((l) => l.student),
    );
  }

  /**
   * One distillation step for every lane: one batch and one teacher pass (or cache lookup)
   * shared by all lanes, and one gradient tape over the sum of the lanes' losses. Lanes share
   * no weights, so each lane's gradients are exactly its own; each lane's optimiser then
   * applies them. The teacher is never in the variable list.
   */
  trainStep(): void {
    const { train } = this.config;
    const step = this.step;
    const params = this.lanes.map((l) => scheduledParams(l.def, l.params, l.schedule, step, train.steps));
    const record = tf.tidy(() => {
      // One batch and one teacher pass shared by every lane, except on-policy text batches,
      // where each lane learns from its own samples.
      const batches: StepBatch[] = this.text ? this.textBatches() : sameFor(this.lanes.length, this.batch());
      const shared = batches[0]!;
      const results: LossResult[] = [];
      const studentLogits: tf.Tensor2D[] = [];
      const { grads } = tf.variableGrads(() => {
        const totals = this.lanes.map((lane, i) => {
          const { x, labels, mask, labelMask, teacherLogits, teacherFeatures } = batches[i]!;
          const out = lane.student.forward(x);
          const r = lane.def.loss(
            tf,
            {
              studentLogits: out.logits,
              teacherLogits,
              labels,
              mask,
              labelMask,
              studentFeatures: out.features,
              teacherFeatures,
              step,
              totalSteps: train.steps,
            },
            params[i]!,
            lane.state,
          );
          // Kept past the gradient tape's own tidy, for the record and the state updates below.
          const keepAll = (o: Record<string, tf.Scalar>) =>
            Object.fromEntries(Object.entries(o).map(([k, v]) => [k, tf.keep(v)]));
          results[i] = { total: tf.keep(r.total), parts: keepAll(r.parts), aux: r.aux && keepAll(r.aux) };
          if (this.gap) studentLogits[i] = tf.keep(out.logits);
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
      if (this.gap) this.updateGap(shared.teacherLogits, studentLogits);
      tf.dispose([
        ...results.flatMap((r) => [r.total, ...Object.values(r.parts), ...Object.values(r.aux ?? {})]),
        ...studentLogits,
      ]);
      return rec;
    });
    this.pendingLoss.push(record);
    this.pendingSchedule.push(this.lanes.flatMap((l, i) => scheduleColumns(l.def).map((c) => params[i]![c.key]!)));
    this.step++;
    if (this.step % train.evalEvery === 0) this.pushEval();
  }

  /**
   * The running per-class gap: KL(teacher‖student) at T = 1 per row, averaged over lanes, summed
   * into the teacher's class with a decay. No read-back: it is read with the next evaluation.
   */
  private updateGap(teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D[]): void {
    const g = this.gap!;
    tf.tidy(() => {
      const logP = tf.logSoftmax(teacherLogits);
      const perRow = tf.div(
        tf.addN(studentLogits.map((s) => klRows(tf, logP, tf.logSoftmax(s)))),
        studentLogits.length,
      );
      const oneHot = tf.oneHot(tf.argMax(teacherLogits, -1), this.data.classes);
      g.sum.assign(tf.add(tf.mul(g.sum, GAP_DECAY), tf.sum(tf.mul(oneHot, tf.expandDims(perRow, 1)), 0)));
      g.count.assign(tf.add(tf.mul(g.count, GAP_DECAY), tf.sum(oneHot, 0)));
    });
  }

  /** Queues a held-out evaluation of every lane (read by the next flush). */
  private pushEval(): void {
    const e = evaluateLanes(
      this.lanes.map((l) => l.student),
      this.metricDefs,
      this.data.testX,
      this.vocab?.evalLabels ?? this.data.testY,
      this.vocab?.evalTeacher ?? this.teacher.testLogits,
      this.probe,
      this.data.kind === 'text' ? TEXT_CHUNK : undefined,
    );
    this.latestTest.forEach((t) => t.dispose());
    this.latestTest = e.testLogits;
    // NaN for a class no training batch has measured yet (all of them at step 0): no data is
    // not a gap of 0, and the chart starts at the first real value.
    const gap = this.gap
      ? tf.tidy(() => {
          const { sum, count } = this.gap!;
          return tf.where(tf.greater(count, 0), tf.div(sum, tf.maximum(count, 1e-6)), tf.fill(count.shape, NaN));
        })
      : undefined;
    this.pendingEval.push({ step: this.step, metrics: e.metrics, saliency: e.saliency, gap });
    if (this.config.task.kind === 'images' && this.config.task.gapSampling) this.syncPending = true;
  }

  /** Reads back everything pending in one batch, and guards against divergence. */
  async flush(): Promise<FlushResult> {
    const lossRows = this.pendingLoss;
    const scheduleRows = this.pendingSchedule;
    const evals = this.pendingEval;
    this.pendingLoss = [];
    this.pendingSchedule = [];
    this.pendingEval = [];
    this.syncPending = false;
    const firstStep = this.step - lossRows.length + 1;
    const lossT = lossRows.length ? tf.stack(lossRows) : null;
    const evalT = evals.length ? tf.stack(evals.map((e) => e.metrics)) : null;
    const [lossV, evalV, gaps, saliency] = await Promise.all([
      lossT?.data(),
      evalT?.data(),
      Promise.all(evals.map((e) => e.gap?.data())),
      Promise.all(evals.map((e) => e.saliency?.data())),
    ]);
    tf.dispose([...(lossT ? [lossT] : []), ...(evalT ? [evalT] : []), ...lossRows]);
    evals.forEach((e) => tf.dispose([e.metrics, ...(e.gap ? [e.gap] : []), ...(e.saliency ? [e.saliency] : [])]));

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
    const lanes = this.lanes.length;
    const metricsPerLane = this.metricDefs.length;
    const perLane = this.evalColumns.length;
    const result: FlushResult = {
      columns,
      steps: lossRows.map((_, i) => firstStep + i),
      losses,
      evals: evals.map((e, i) => {
        const values = new Float32Array(lanes * perLane).fill(NaN);
        const agreement =
          saliency[i] && this.probe
            ? saliencyAgreement(saliency[i] as Float32Array, this.probe.teacher, lanes, this.probe.foreground)
            : [];
        for (let l = 0; l < lanes; l++) {
          values.set(
            (evalV as Float32Array).subarray((i * lanes + l) * metricsPerLane, (i * lanes + l + 1) * metricsPerLane),
            l * perLane,
          );
          if (agreement[l]) values.set(agreement[l]!, l * perLane + metricsPerLane);
        }
        return { step: e.step, values, gap: gaps[i] as Float32Array | undefined };
      }),
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
    this.updateSampling(result.evals.at(-1)?.gap);
    return result;
  }

  /** Gap-aware sampling: classes drawn in proportion to the latest per-class gap. */
  private updateSampling(gap?: Float32Array): void {
    const task = this.config.task;
    if (task.kind !== 'images') return;
    if (!task.gapSampling) {
      this.planner.setClassWeights(null, [], []);
      return;
    }
    if (!gap) return;
    const labels = this.data.host.trainY ?? new Int32Array(0);
    const teacherClass = this.teacher.trainClasses;
    // A class not measured yet (NaN) is drawn like the class with the largest gap; before any
    // measurement, all classes alike.
    const finite = Array.from(gap).filter(Number.isFinite);
    const unmeasured = finite.length ? Math.max(...finite) : 1;
    this.planner.setClassWeights(
      Array.from(gap, (g) => (Number.isFinite(g) ? g : unmeasured)),
      Array.from(this.data.labelled, (i) => labels[i]!),
      Array.from(this.data.transfer, (i) => teacherClass[i]!),
    );
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
    this.text?.reset();
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

  /**
   * Logits the views draw, for every lane. Toy tasks: the test points and the boundary grid,
   * now. Image tasks: the test set as of the latest evaluation (a forward pass over 2,000
   * images is too dear to repeat four times a second). Text: null, its views ask for what they
   * show (samples, next-token distributions).
   */
  async viewLogits(): Promise<ViewLogits | null> {
    const d = this.data;
    if (d.kind === 'text') return null;
    const grid = d.grid;
    const tensors = grid
      ? tf.tidy(() => [
          ...this.lanes.map((l) => l.student.forward(d.testX).logits),
          ...this.lanes.map((l) => l.student.forward(grid.x).logits),
        ])
      : this.latestTest.map((t) => tf.clone(t));
    const values = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
    tensors.forEach((t) => t.dispose());
    const n = this.lanes.length;
    return {
      step: grid ? this.step : this.lastEvalStep,
      teacher: { test: this.teacher.testLogitsHost, grid: this.teacher.gridLogitsHost },
      lanes: this.lanes.map((_, i) => ({ test: values[i]!, grid: grid ? values[n + i] : undefined })),
    };
  }

  /** Step of the latest evaluation. */
  get lastEvalStep(): number {
    return this.step - (this.step % this.config.train.evalEvery);
  }

  /** Saliency (gradient × input) of one test image for the teacher and every lane. */
  async saliency(index: number): Promise<{ teacher: Float32Array; lanes: Float32Array[]; predicted: number }> {
    const x = tf.slice(this.data.testX, Math.max(0, Math.min(index, this.data.testY.shape[0] - 1)), 1);
    const cls = tf.tidy(() => tf.argMax(this.teacher.model.forward(x).logits, -1) as tf.Tensor1D);
    const maps = [this.teacher.model, ...this.lanes.map((l) => l.student)].map((m) => gradTimesInput(m, x, cls));
    const values = (await Promise.all(maps.map((m) => m.data()))) as Float32Array[];
    const predicted = (await cls.data())[0]!;
    tf.dispose([x, cls, ...maps]);
    return { teacher: values[0]!, lanes: values.slice(1), predicted };
  }

  /**
   * Text: `length` characters sampled from the teacher and every lane after the same prompt,
   * with the same seed and temperature. The teacher never changes, so its sample is cached.
   */
  async samples(prompt: Int32Array, length: number): Promise<{ teacher: Int32Array; lanes: Int32Array[] }> {
    const task = this.config.task;
    if (task.kind !== 'text') throw new Error('Samples need the text task');
    const options = () => ({ temperature: task.samplingTemperature, rng: createRng(this.config.seed, 'samples') });
    const key = JSON.stringify([Array.from(prompt), length, task.samplingTemperature]);
    if (this.teacherSample?.key !== key) {
      const ids = await generateBatch(asSequence(this.teacher.model), prompt, 1, length, options());
      this.teacherSample = { key, ids };
    }
    // A student with its own vocabulary continues the prompt written in it (and answers in it).
    const map = this.data.host.text?.student?.map;
    const studentPrompt = map ? prompt.map((id) => map[id]!) : prompt;
    const lanes: Int32Array[] = [];
    for (const lane of this.lanes)
      lanes.push(await generateBatch(asSequence(lane.student), studentPrompt, 1, length, options()));
    return { teacher: this.teacherSample.ids, lanes };
  }

  /**
   * Text: the teacher's and every lane's next-token logits after `position` of the held-out
   * text (reading the `context` characters that end there), and the character that follows.
   */
  async nextTokens(position: number): Promise<{ teacher: Float32Array; lanes: Float32Array[]; actual: number }> {
    const text = this.data.host.text;
    if (!text) throw new Error('Next-token views need the text task');
    const context = this.data.inputShape[0]!;
    const at = Math.max(0, Math.min(Math.floor(position), text.ids.length - text.trainEnd - 2)) + text.trainEnd;
    const window = text.ids.slice(Math.max(text.trainEnd, at - context + 1), at + 1);
    const models = [this.teacher.model, ...this.lanes.map((l) => l.student)];
    const last = tf.tidy(() => {
      const x = tf.tensor2d(window, [1, window.length], 'int32');
      return models.map((m) => tf.slice(m.forward(x).logits, [window.length - 1, 0], [1, -1]));
    });
    const values = (await Promise.all(last.map((t) => t.data()))) as Float32Array[];
    tf.dispose(last);
    return { teacher: values[0]!, lanes: values.slice(1), actual: text.ids[at + 1]! };
  }

  private disposeStudents(): void {
    this.pendingLoss.forEach((t) => t.dispose());
    this.pendingEval.forEach((e) =>
      tf.dispose([e.metrics, ...(e.gap ? [e.gap] : []), ...(e.saliency ? [e.saliency] : [])]),
    );
    this.latestTest.forEach((t) => t.dispose());
    this.latestTest = [];
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
    if (this.gap) tf.dispose([this.gap.sum, this.gap.count]);
    if (this.probe) tf.dispose([this.probe.x, this.probe.classes]);
    if (this.vocab) tf.dispose([this.vocab.map, this.vocab.evalLabels, this.vocab.evalTeacher]);
    this.teacher.dispose();
    this.data.dispose();
  }
}
