/**
 * The worker's brain: owns one Session, runs the training loop in ticks, and turns results
 * into a throttled stream of events. Every command and every tick runs through one serial
 * queue, so a config change can never land in the middle of a step or a read-back.
 *
 * It has no Worker or Comlink code, so unit tests drive it directly in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { classifyChange } from '../config/changes';
import type { ExperimentConfig } from '../config/schema';
import { classCount, inputShapeOf } from '../config/derived';
import { preparingText } from '../config/teacher-status';
import { httpAssets, type Assets } from '../engine/assets';
import { selectBackend, watchDeviceLoss, type BackendInfo } from '../engine/backend';
import { loadImported, measureAccuracy, registerImported } from '../engine/imported';
import { Session, type FlushResult } from '../engine/session';
import { loadTask } from '../tasks/engine';
import { saliencyOf } from '../tasks/images/engine/queries';
import { nextTokensAt, textSamples } from '../tasks/text/engine/queries';
import { forTask, taskDef } from '../tasks/registry';
import { workloadOf } from '../engine/workload';
import { TEXT_VOCAB } from '../tasks/text/normalise';
import { studentVocab } from '../tasks/text/student-vocab';
import { cleanPrompt } from '../tasks/text/prompt';
import { createVocab } from '../tasks/text/vocab';
import { exportLanes } from './export-lanes';
import type {
  ConfigureOptions,
  ConfigureResult,
  DataPreview,
  EngineEvent,
  ExportedModel,
  ImportRequest,
  ImportResult,
  MetricsBatch,
  NextTokens,
  StudioApi,
  TextSamples,
} from './protocol';
import { runLayout } from './layout';

/** Most events per second the worker sends while training (metrics), and views. */
const METRICS_INTERVAL_MS = 100;
const VIEWS_INTERVAL_MS = 250;
/**
 * Ticks are paced like animation frames: a tick runs `stepsPerFrame` steps, then waits out
 * the rest of its 1/60 s. "Steps per frame" is then a speed a person can read (5 ≈ 300
 * steps/s); a large value trains flat out.
 */
const FRAME_MS = 1000 / 60;
/** Characters of held-out text the next-token view offers. */
export const PASSAGE_LENGTH = 600;

export type Emit = (event: EngineEvent, transfer?: Transferable[]) => void;

/** Yields to the event loop without setTimeout's 4 ms clamp, so queued commands get in. */
export function yieldNow(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** What the views can show before anything is built: the toy points, or the class names. */
export function previewOf(cfg: ExperimentConfig): DataPreview {
  return forTask(cfg.task).preview(cfg.task, cfg.seed);
}

export class StudioController implements StudioApi {
  private config?: ExperimentConfig;
  private session?: Session;
  private backend?: { key: string; info: BackendInfo };
  private running = false;
  private queue: Promise<unknown> = Promise.resolve();
  private outbox: FlushResult[] = [];
  private lastPost = 0;
  private lastViews = 0;
  private stepsAtLastPost = 0;
  /** Evaluation step of the image views last sent (-1: none, or a toy task). */
  private viewsEvalStep = -1;

  private assets?: Assets;

  constructor(private readonly emit: Emit) {}

  /** Where the app's files are served (data sets, pretrained teachers): the page's base URL. */
  setBaseUrl(url: string): void {
    this.assets = httpAssets(url);
  }

  /** Tests in Node hand the controller files from disk. */
  setAssets(assets: Assets): void {
    this.assets = assets;
  }

  /** Runs `fn` after everything queued before it. Errors go to the UI, not the queue. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  configure(config: ExperimentConfig, options: ConfigureOptions = {}): Promise<ConfigureResult> {
    return this.serial(async () => {
      const change = this.config ? classifyChange(this.config, config, options.fresh) : 'rebuild';
      this.config = config;
      if (change === 'rebuild') {
        this.stop();
        this.session?.dispose();
        this.session = undefined;
        const data = previewOf(config);
        this.emit({ type: 'data', data });
        this.emit({ type: 'reset' });
        this.emit({ type: 'status', status: 'idle' });
      } else if (change === 'students' && this.session) {
        await this.session.resetStudents(config);
        this.afterReset();
      } else if (change === 'live' && this.session) {
        const switched = this.session.lanes.some((l, i) => l.def.id !== config.lanes[i]?.objective);
        // The loss layout changes with an objective: send what was recorded under the old one.
        if (switched) {
          await this.collect();
          this.postMetrics();
        }
        this.session.applyLive(config);
        if (switched) this.emit({ type: 'columns', lossColumns: this.session.lossColumns });
      }
      return { change };
    });
  }

  play(): Promise<void> {
    return this.serial(async () => {
      if (this.running) return;
      if (!(await this.ensureSession())) return;
      if (this.session!.step >= this.config!.train.steps) {
        this.emit({
          type: 'status',
          status: 'done',
          message: `Reached the planned ${this.config!.train.steps} steps. Raise “Steps” or Reset to go on.`,
        });
        return;
      }
      this.running = true;
      this.lastPost = performance.now();
      this.stepsAtLastPost = this.session!.step;
      this.emit({ type: 'status', status: 'running' });
      void this.scheduleTick();
    });
  }

  pause(): Promise<void> {
    return this.serial(async () => {
      if (!this.running) return;
      this.stop();
      this.postMetrics();
      await this.postViews();
      this.emit({ type: 'status', status: 'paused' });
    });
  }

  /** Exactly one training step, then everything it changed is sent. */
  step(): Promise<void> {
    return this.serial(async () => {
      this.stop();
      if (!(await this.ensureSession())) return;
      if (this.session!.needsPrepare) await this.session!.prepareStep();
      this.session!.trainStep();
      await this.collect();
      this.postMetrics(true);
      await this.postViews();
      this.emit({ type: 'status', status: 'paused' });
    });
  }

  reset(): Promise<void> {
    return this.serial(async () => {
      this.stop();
      if (!this.session) {
        this.emit({ type: 'reset' });
        return;
      }
      await this.session.resetStudents();
      this.afterReset();
    });
  }

  importModel(request: ImportRequest): Promise<ImportResult> {
    return this.serial(async () => {
      const { config } = request;
      const inputShape = inputShapeOf(config);
      const classes = classCount(config);
      const refusal = forTask(config.task).importRefusal;
      if (refusal) return { ok: false, error: refusal };
      try {
        // A model can be imported before anything has run: tfjs needs a backend to build it on.
        if (!this.backend) await this.ensureBackend(config);
        const info = await registerImported(
          request.name,
          { modelJson: request.modelJson, weights: request.weights },
          { inputShape, classes },
        );
        if (request.role !== 'teacher' || request.quiet) return { ok: true, ...info };
        // An imported teacher is measured on this task before anyone distils from it.
        const data = await loadTask(config.task, config.seed, this.assets);
        const model = await loadImported({ kind: 'imported', ...info }, inputShape, classes, false);
        try {
          return { ok: true, ...info, accuracy: await measureAccuracy(model, data.testX, data.testY) };
        } finally {
          model.dispose();
          data.dispose();
        }
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    });
  }

  exportStudents(fileStems?: string[]): Promise<(ExportedModel | { error: string })[]> {
    return this.serial(async () => (this.session ? exportLanes(this.session, fileStems) : []));
  }

  saliency(index: number) {
    return this.serial(async () => (this.session ? saliencyOf(this.session, index) : null));
  }

  samples(length: number): Promise<TextSamples | null> {
    return this.serial(async () => {
      const s = this.session;
      if (!s || s.config.task.kind !== 'text') return null;
      const vocab = createVocab(TEXT_VOCAB);
      const { text } = cleanPrompt(s.config.task.prompt);
      // A prompt with nothing left in the vocabulary starts from a paragraph break.
      const prompt = text.length ? text : '\n';
      const n = Math.max(1, Math.min(400, Math.floor(length)));
      const out = await textSamples(s, vocab.encode(prompt), n);
      // Students with a vocabulary of their own write in it.
      const own = studentVocab(s.config.task.studentVocab);
      const studentVocabulary = own ? createVocab(own.chars) : vocab;
      return {
        prompt,
        teacher: vocab.decode(out.teacher),
        lanes: out.lanes.map((l) => studentVocabulary.decode(l)),
        step: s.step,
      };
    });
  }

  nextTokens(position: number): Promise<NextTokens | null> {
    return this.serial(async () => {
      const s = this.session;
      if (!s || s.config.task.kind !== 'text') return null;
      return { position, ...(await nextTokensAt(s, position)), step: s.step };
    });
  }

  memory(): Promise<{ numTensors: number; numBytes: number }> {
    // Not queued: a test may ask while training runs; reading counters is always safe.
    const m = tf.memory();
    return Promise.resolve({ numTensors: m.numTensors, numBytes: m.numBytes });
  }

  private stop(): void {
    this.running = false;
  }

  private afterReset(): void {
    // Restarted students wait for Play, as the status says (an edit may land while training).
    this.stop();
    this.outbox = [];
    this.viewsEvalStep = -1;
    this.emit({ type: 'reset', layout: runLayout(this.session!) });
    this.emit({ type: 'status', status: 'paused' });
    // The step-0 evaluation and the untrained students' views.
    void this.serial(async () => {
      await this.collect();
      this.postMetrics(true);
      await this.postViews();
    });
  }

  /** Selects (and announces) the backend the config asks for, unless it is already in use. */
  private async ensureBackend(cfg: ExperimentConfig): Promise<void> {
    const workload = workloadOf(cfg);
    const key = JSON.stringify([cfg.backend, workload]);
    if (this.backend?.key !== key) {
      const info = await selectBackend(cfg.backend, workload);
      this.backend = { key, info };
      watchDeviceLoss((msg) => this.onDeviceLost(msg));
    }
    this.emit({ type: 'backend', info: this.backend.info });
  }

  /** Builds backend, data, teacher and students if the config changed since the last build. */
  private async ensureSession(): Promise<boolean> {
    if (this.session) return true;
    const cfg = this.config;
    if (!cfg) return false;
    try {
      this.emit({ type: 'status', status: 'preparing', message: 'Choosing a backend…' });
      await this.ensureBackend(cfg);
      this.emit({ type: 'status', status: 'teacher', message: preparingText(cfg) });
      const session = await Session.create(cfg, {
        assets: this.assets,
        onProgress: (p) => this.emit({ type: 'progress', ...p }),
      });
      if (this.config !== cfg) {
        // The config changed while the teacher trained: this session is stale.
        session.dispose();
        return false;
      }
      this.session = session;
      this.viewsEvalStep = -1;
      this.emit({
        type: 'session',
        info: {
          classes: session.data.classes,
          teacher: {
            params: session.teacher.model.paramCount,
            weightsHash: session.teacher.weightsHash,
            meta: session.teacher.info?.meta,
          },
          teacherMetrics: Object.fromEntries(
            taskDef(session.data.kind).teacherMetrics.map((m, i) => [m.id, session.teacherMetrics[i]!]),
          ),
          ...runLayout(session),
        },
      });
      const { host } = session.data;
      if (host.text) {
        const { ids, trainEnd } = host.text;
        const passage = createVocab(host.text.vocab).decode(ids.subarray(trainEnd, trainEnd + PASSAGE_LENGTH));
        this.emit({ type: 'data', data: { ...previewOf(session.config), passage } as DataPreview });
      }
      if (host.testImages) {
        // The gallery's images, once: they never change during a session.
        const images = host.testImages.slice();
        const labels = host.testY.slice();
        this.emit(
          {
            type: 'data',
            data: {
              kind: 'images',
              classes: session.data.classes,
              classNames: host.classNames ?? [],
              testImages: images,
              testY: labels,
            },
          },
          [images.buffer, labels.buffer],
        );
      }
      await this.collect();
      this.postMetrics(true);
      await this.postViews();
      this.emit({ type: 'status', status: 'paused' });
      return true;
    } catch (e) {
      this.emit({ type: 'status', status: 'error', message: (e as Error).message });
      return false;
    }
  }

  private scheduleTick(started = performance.now()): Promise<void> {
    const wait = FRAME_MS - (performance.now() - started);
    const pause = wait > 1 ? new Promise((r) => setTimeout(r, wait)) : yieldNow();
    return pause.then(() => this.serial(() => this.tick()));
  }

  /** One tick: `stepsPerFrame` steps, one read-back, events if due, then yield. */
  private async tick(): Promise<void> {
    if (!this.running || !this.session || !this.config) return;
    const started = performance.now();
    const s = this.session;
    const { steps, stepsPerFrame } = this.config.train;
    const n = Math.min(stepsPerFrame, steps - s.step);
    // Gap-aware sampling reads each evaluation before the next step (syncPending), so the data
    // stream does not depend on how steps are grouped into ticks.
    for (let i = 0; i < n && !s.syncPending; i++) {
      // Sequence-level and on-policy text steps generate their windows first (async reads).
      if (s.needsPrepare) await s.prepareStep();
      s.trainStep();
    }
    const diverged = await this.collect();
    const now = performance.now();
    const finished = s.step >= steps;
    if (diverged || finished) this.stop();
    if (now - this.lastPost >= METRICS_INTERVAL_MS || !this.running) this.postMetrics();
    if (now - this.lastViews >= VIEWS_INTERVAL_MS || !this.running) await this.postViews();
    if (diverged) {
      const { step, column, restoredStep } = diverged;
      this.emit({ type: 'truncate', step: restoredStep });
      this.emit({
        type: 'status',
        status: 'diverged',
        message:
          `The loss became NaN or infinite at step ${step} (lane ${column.lane + 1}, ${column.label}). ` +
          `The students were restored to step ${restoredStep}. Try a lower learning rate${this.config.lanes[column.lane]?.params.T !== undefined ? ' or a temperature nearer 1' : ''}, then press Play.`,
      });
    } else if (finished) {
      this.emit({ type: 'status', status: 'done', message: `Finished the planned ${steps} steps.` });
    } else if (this.running) {
      void this.scheduleTick(started);
    }
  }

  /** Reads back pending results into the outbox; returns the divergence, if any. */
  private async collect(): Promise<FlushResult['diverged']> {
    const r = await this.session!.flush();
    this.outbox.push(r);
    return r.diverged;
  }

  private postMetrics(force = false): void {
    const s = this.session;
    if (!s || (!force && this.outbox.length === 0)) return;
    const now = performance.now();
    const results = this.outbox.length
      ? this.outbox
      : [{ columns: s.lossColumns, steps: [], losses: new Float32Array(0), evals: [] }];
    const columns = results[0]!.columns.map((c) => `${c.lane}:${c.key}`);
    const steps = results.flatMap((r) => r.steps);
    const losses = new Float32Array(steps.length * columns.length);
    let off = 0;
    for (const r of results) {
      losses.set(r.losses, off);
      off += r.losses.length;
    }
    const evals = results.flatMap((r) => r.evals);
    const elapsed = (now - this.lastPost) / 1000;
    const batch: MetricsBatch = {
      columns,
      steps,
      losses,
      evals,
      stepsPerSecond: elapsed > 0 ? (s.step - this.stepsAtLastPost) / elapsed : 0,
      step: s.step,
      numTensors: tf.memory().numTensors,
    };
    this.outbox = [];
    this.lastPost = now;
    this.stepsAtLastPost = s.step;
    this.emit({ type: 'metrics', batch }, [losses.buffer, ...evals.map((e) => e.values.buffer)]);
  }

  private async postViews(): Promise<void> {
    if (!this.session) return;
    this.lastViews = performance.now();
    // Image views come from the latest evaluation: nothing new to send until the next one.
    const fromEval = !this.session.data.grid;
    if (fromEval && this.session.lastEvalStep === this.viewsEvalStep) return;
    this.viewsEvalStep = fromEval ? this.session.lastEvalStep : -1;
    const views = await this.session.viewLogits();
    // Teacher arrays are reused by the session, so they are copied, not transferred.
    this.emit(
      { type: 'views', views },
      views.lanes.flatMap((l) => [l.test.buffer, ...(l.grid ? [l.grid.buffer] : [])]),
    );
  }

  private onDeviceLost(message: string): void {
    this.stop();
    this.session = undefined; // its tensors died with the device
    this.backend = undefined;
    this.emit({
      type: 'status',
      status: 'error',
      message: `The GPU device was lost (${message}). Your charts are kept; press Play to rebuild the run (the backend is chosen again).`,
    });
  }
}
