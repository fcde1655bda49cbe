/**
 * A distillation session: one task's data, one frozen teacher and up to six student lanes
 * trained side by side (a race). The step body is synchronous and tidy; losses stay on the
 * device and are read back in batches by `flush()`. This file is the whole training loop.
 */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/schema';
import { createRng, type Rng } from '../lib/rng';
import { taskDef } from '../tasks/registry';
import type { ObjectiveDef } from '../objectives';
import { scheduleColumns, scheduledParams } from '../objectives/schedule';
import type { LossResult, ObjectiveState } from '../objectives/types';
import { BatchPlanner } from './batches';
import { evalColumns, evaluateLanes, measuredPerLane } from './evaluation';
import { evalRows, lossTable } from './flush-layout';
import { buildOptimizer, disposeOptimizer } from './optim';
import { prepareTeacher, type FrozenTeacher } from './teacher';
import { loadTask } from '../tasks/engine';
import { featureBatch, type StepBatch } from './feature-batch';
import {
  applyLiveEdit,
  buildLane,
  createLaneState,
  disposeLane,
  laneVariables,
  lossColumns,
  type Lane,
  type LossColumn,
} from './lanes';
import { Checkpoints, type Checkpoint } from './checkpoints';
import { laneLoss } from './lane-loss';
import { readHostRows, type HostRows } from './host-batch';
import { ensureKdKernels } from './kd-kernels';
import { viewLogits } from './view-logits';
import { ClassGap, sampleByGap } from './class-gap';
import { disposeProbe, makeSaliencyProbe, type SaliencyProbe } from './saliency-probe';
import type { StepSource } from './step-source';
import { studentVocabEval, type StudentVocabEval } from './student-vocab-eval';
import type { TaskData } from './task-data';
import type { FlushResult, PendingEval, SessionOptions, ViewLogits } from './session-types';

export type { Progress } from './teacher';
export type { Lane, LossColumn } from './lanes';
export type { FlushResult, SessionOptions, ViewLogits } from './session-types';

const evalTensors = (e: PendingEval) => [e.metrics, ...(e.gap ? [e.gap] : []), ...(e.saliency ? [e.saliency] : [])];
const sameFor = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

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
  /** Running per-class teacher–student gap (engine/class-gap.ts). */
  private gap?: ClassGap;
  /** Saliency probe: images, the teacher's classes, the teacher's maps. */
  private probe?: SaliencyProbe;
  /** The training rows on the host, when the task keeps them (lean batches: host-batch.ts). */
  private hostRows?: HostRows;
  /** Where each step's batches come from when the task makes them per step (text windows). */
  private source?: StepSource;
  /**
   * Text with a student vocabulary of its own: teacher id → student id, and the held-out
   * labels and teacher logits in the student's vocabulary (the teacher's probabilities summed
   * over the characters the student merges), so every metric compares like with like.
   */
  private vocab?: StudentVocabEval;
  /** Last checkpoint known good, and the newest one; with the students' state (moving statistics). */
  private checkpoints = new Checkpoints(
    () => [...this.trainableVariables, ...this.lanes.flatMap((l) => l.student.state ?? [])],
    () => this.step,
  );

  private constructor(
    public config: ExperimentConfig,
    readonly data: TaskData,
    readonly teacher: FrozenTeacher,
  ) {}

  /** Loads the data, prepares and freezes the teacher, then builds the students. */
  static async create(config: ExperimentConfig, options: SessionOptions = {}): Promise<Session> {
    const { assets, onProgress, cancelled, teacherWeights } = options;
    ensureKdKernels();
    const onData = (done: number, total: number) => onProgress?.({ phase: 'data', done, total });
    const data = await loadTask(config.task, config.seed, assets, onData);
    let teacher: FrozenTeacher;
    try {
      teacher = await prepareTeacher(config, data, assets, onProgress, cancelled, teacherWeights);
    } catch (e) {
      data.dispose();
      throw e;
    }
    // A distilled teacher's oracle defines the golden distance as the oracle task's does (owned by the teacher).
    if (teacher.golden && !data.golden) data.golden = teacher.golden;
    const s = new Session(config, data, teacher);
    try {
      // A text pool's teacher outputs, filled once for the whole session (progress, Cancel).
      await data.prepare?.(teacher.model, config.seed, onProgress, cancelled);
      if (data.host.text?.student) s.vocab = await studentVocabEval(data, teacher, data.host.text.student.map);
      if (data.perClassGap) s.gap = new ClassGap(data.classes);
      if (data.saliencyProbe) s.probe = await makeSaliencyProbe(data, teacher);
      s.hostRows = await readHostRows(data, teacher);
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

  /** Per-lane eval columns: the metric registry, a training probe's, saliency agreement for images. */
  get evalColumns(): { id: string; label: string }[] {
    return evalColumns(this.metricDefs, this.data);
  }

  /** The held-out metrics of each lane, for this task. */
  get metricDefs() {
    return taskDef(this.data.kind).laneMetrics;
  }

  private createState(def: ObjectiveDef, params: Record<string, number>, lane: number): ObjectiveState | undefined {
    return createLaneState(this.config, this.teacher.trainFeatures.shape[1]!, def, params, lane);
  }

  /** (Re)builds every student lane from the same seed: all lanes start from identical weights. */
  private async buildStudents(): Promise<void> {
    this.lanes = [];
    for (const [i, l] of this.config.lanes.entries())
      this.lanes.push(await buildLane(this.config, this.data, this.teacher.trainFeatures.shape[1]!, l, i));
    this.planner = new BatchPlanner(this.data.labelled, this.data.transfer, this.config.seed);
    this.source = this.data.stepSource?.(this.teacher.model, this.config.seed, () => this.config);
    this.augmentRng = createRng(this.config.seed, 'augment');
    this.step = 0;
    this.gap?.reset();
    this.checkpoints.retake();
    this.pushEval();
  }

  get trainableVariables(): tf.Variable[] {
    return this.lanes.flatMap(laneVariables);
  }

  get lossColumns(): LossColumn[] {
    return lossColumns(this.lanes);
  }

  /**
   * Applies a config whose differences are all live (see config/changes.ts, lanes.ts
   * applyLiveEdit). Call `flush()` first: the loss layout changes with an objective.
   */
  applyLive(config: ExperimentConfig): void {
    this.config = config;
    // Checkpoints hold each lane's variables; a switched objective changes their set.
    if (applyLiveEdit(this.lanes, config, (def, params, i) => this.createState(def, params, i), this.data.classes))
      this.checkpoints.retake();
  }

  /** Students back to their initial weights, step 0; the teacher stays trained. */
  async resetStudents(config: ExperimentConfig = this.config): Promise<void> {
    this.config = config;
    this.disposeStudents();
    await this.buildStudents();
  }

  /** The shared batch of one step on a feature task (engine/feature-batch.ts). */
  private batch(): StepBatch {
    const needFeatures = this.lanes.some((l) => l.def.needs.features);
    const plan = this.planner.next(this.config.train.batchSize);
    const { teacherCache } = this.config.train;
    return featureBatch(this.data, this.teacher, plan, teacherCache, needFeatures, this.augmentRng, this.hostRows);
  }

  /** Whether the next step's windows must be generated first (`prepareStep`). */
  get needsPrepare(): boolean {
    return this.source?.needsPrepare(this.step) ?? false;
  }

  /**
   * Generates the next step's windows when it is a sequence-level or on-policy step: the
   * teacher's or each lane's own samples. Asynchronous (it reads back every sampled token),
   * so the trainer awaits it before the synchronous `trainStep`.
   */
  async prepareStep(): Promise<void> {
    await this.source?.prepare(
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
      const batches: StepBatch[] = this.source
        ? this.source.batches(step, this.lanes, this.vocab?.map)
        : sameFor(this.lanes.length, this.batch());
      const shared = batches[0]!;
      const results: LossResult[] = [];
      const studentLogits: tf.Tensor2D[] = [];
      const { grads } = tf.variableGrads(() => {
        const totals = this.lanes.map((lane, i) => {
          const l = laneLoss(lane, batches[i]!, params[i]!, { step, totalSteps: train.steps }, !!this.gap);
          results[i] = l.kept;
          if (l.logits) studentLogits[i] = l.logits;
          return l.total;
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
      this.gap?.update(shared.teacherLogits, studentLogits);
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

  /** Queues a held-out evaluation of every lane (read by the next flush). */
  private pushEval(): void {
    const e = evaluateLanes(
      this.lanes.map((l) => l.student),
      this.metricDefs,
      this.data.testX,
      this.vocab?.evalLabels ?? this.data.testY,
      this.vocab?.evalTeacher ?? this.teacher.testLogits,
      this.probe,
      this.data.evalChunk,
      this.data.trainProbe,
      this.data.golden,
    );
    this.latestTest.forEach((t) => t.dispose());
    this.latestTest = e.testLogits;
    this.pendingEval.push({ step: this.step, metrics: e.metrics, saliency: e.saliency, gap: this.gap?.read() });
    if (this.data.gapSampling) this.syncPending = true;
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
    tf.dispose(evals.flatMap(evalTensors));

    const columns = this.lossColumns;
    const width = columns.length;
    const losses = lossTable(columns, lossRows.length, lossRows[0]?.shape[0] ?? 0, lossV, scheduleRows);
    const result: FlushResult = {
      columns,
      steps: lossRows.map((_, i) => firstStep + i),
      losses,
      evals: evalRows(evals, evalV, gaps, saliency, {
        lanes: this.lanes.length,
        metricsPerLane: measuredPerLane(this.metricDefs, this.data),
        perLane: this.evalColumns.length,
        probe: this.probe,
      }),
    };

    const bad = losses.findIndex((v, i) => columns[i % width]!.kind !== 'schedule' && !Number.isFinite(v));
    if (bad >= 0) {
      const row = Math.floor(bad / width);
      const restore = this.checkpoints.restorePoint(row);
      this.restore(restore);
      // Rows after the restored step are undone; the worker tells the UI to drop them too.
      result.steps = result.steps.slice(0, Math.max(0, restore.step - firstStep + 1));
      result.losses = losses.slice(0, result.steps.length * width);
      result.evals = result.evals.filter((e) => e.step <= restore.step);
      result.diverged = { step: firstStep + row, column: columns[bad % width]!, restoredStep: restore.step };
      return result;
    }
    if (lossRows.length > 0) this.checkpoints.advance();
    if (this.gap) sampleByGap(this.planner, this.data, this.teacher.trainClasses, result.evals.at(-1)?.gap);
    return result;
  }

  /** Puts the students back to a checkpoint; their optimisers start afresh from there. */
  private restore(c: Checkpoint): void {
    this.step = c.step;
    this.checkpoints.restore(c);
    this.source?.reset();
    for (const lane of this.lanes) {
      disposeOptimizer(lane.optimizer);
      lane.optimizer = buildOptimizer(this.config.train);
    }
  }

  /** Logits the views draw, for every lane (engine/view-logits.ts); null where views ask by query. */
  viewLogits(): Promise<ViewLogits | null> {
    return viewLogits(this);
  }

  /** Step of the latest evaluation. */
  get lastEvalStep(): number {
    return this.step - (this.step % this.config.train.evalEvery);
  }

  /** The latest evaluation's test logits per lane (views of costly test sets draw these). */
  get latestTestLogits(): readonly tf.Tensor2D[] {
    return this.latestTest;
  }

  /**
   * The students were put back to a host snapshot of `step` (engine/snapshot.ts): pending results
   * go, the divergence guard starts there, the batch stream goes on where the run's had got to.
   */
  resumeAt(step: number): void {
    this.dropPending();
    this.step = step;
    this.planner = new BatchPlanner(this.data.labelled, this.data.transfer, this.config.seed);
    this.planner.skip(step, this.config.train.batchSize);
    this.source?.reset();
    this.gap?.reset();
    this.checkpoints.retake();
    this.pushEval();
  }

  private dropPending(): void {
    tf.dispose([...this.pendingLoss, ...this.latestTest, ...this.pendingEval.flatMap(evalTensors)]);
    [this.latestTest, this.pendingLoss, this.pendingSchedule, this.pendingEval] = [[], [], [], []];
  }

  private disposeStudents(): void {
    this.dropPending();
    this.checkpoints.dispose();
    this.lanes.forEach(disposeLane);
    this.lanes = [];
  }

  dispose(): void {
    this.disposeStudents();
    this.gap?.dispose();
    if (this.probe) disposeProbe(this.probe);
    if (this.vocab) tf.dispose([this.vocab.map, this.vocab.evalLabels, this.vocab.evalTeacher]);
    this.teacher.dispose();
    this.data.dispose();
  }
}
