/**
 * The worker's brain: owns one Session, runs the training loop in ticks, and turns results
 * into a throttled stream of events. Every command and every tick runs through one serial
 * queue, so a config change can never land in the middle of a step or a read-back. What each
 * command does lives beside it (session-setup, backend-keeper, metrics-outbox, views,
 * model-import, export-commands, continuity: snapshots, resuming, a lost GPU device); the
 * loop's pacing is tick-loop's. No Worker or Comlink code: unit tests drive it in Node.
 */
import { classifyChange } from '../config/changes';
import type { ExperimentConfig } from '../config/schema';
import { httpAssets, type Assets } from '../engine/assets';
import type { FlushResult, Session } from '../engine/session';
import { workloadOf } from '../engine/workload';
import { BackendKeeper } from './backend-keeper';
import { modelSignature } from './backend-memory';
import { projectOf, refusalOf, studentsOf } from './export-commands';
import { runLayout } from './layout';
import { MetricsOutbox } from './metrics-outbox';
import { importModel } from './model-import';
import { inspectData } from './data-inspect';
import { keepInMemory } from '../data/store';
import { SessionBuilds, previewOf } from './session-setup';
import { ViewPoster, askInSlices, type SliceHooks } from './views';
import { TickLoop } from './tick-loop';
import { engineMemory } from './engine-memory';
import { endEvents } from './run-end';
import { Continuity } from './continuity';
import { Failures } from './failures';
import { TickTrap, runTestHook } from './test-hooks';
import type {
  ConfigureOptions,
  ConfigureResult,
  DebugCommand,
  Emit,
  ExportedModel,
  ImportRequest,
  InspectResult,
  ProvidedDataset,
  ImportResult,
  ProjectExport,
  QueryAnswer,
  QueryArgs,
  QueryName,
  ResumeResult,
  StudentSnapshot,
  StudioApi,
} from './protocol';

/** Most events per second the worker sends while training (metrics), and views. */
const METRICS_INTERVAL_MS = 100;
const VIEWS_INTERVAL_MS = 250;

export class StudioController implements StudioApi {
  private config?: ExperimentConfig;
  private session?: Session;
  private readonly builds = new SessionBuilds();
  private queue: Promise<unknown> = Promise.resolve();
  private lastViews = 0;
  /** Counts the students' lives (MetricsBatch.epoch): a new session, a Reset, a restore. */
  private epoch = 0;
  private readonly outbox: MetricsOutbox;
  private readonly views: ViewPoster;
  private readonly backends: BackendKeeper;
  private readonly loop: TickLoop;
  private readonly continuity: Continuity;
  /** Test hooks (`debug`) answer only when the page that connected asked for them (state/test-hooks.ts). */
  testHooks = false;
  private readonly trap = new TickTrap();
  private readonly failures: Failures;
  /** What a view's question, sliced between ticks, reads of the controller. */
  private readonly sliceHooks: SliceHooks = {
    serial: (fn) => this.serial(fn),
    students: () => ({ session: this.session, epoch: this.epoch }),
    trainingMs: () => this.loop.lastTickMs,
  };
  private assets?: Assets;

  constructor(private readonly emit: Emit) {
    this.outbox = new MetricsOutbox(emit);
    this.views = new ViewPoster(emit);
    this.loop = new TickLoop({
      serial: (fn) => this.serial(fn),
      tick: () => this.tick(),
      failed: (e) => this.failures.stepFailed(e),
    });
    this.continuity = new Continuity({
      emit,
      serial: (fn) => this.serial(fn),
      session: () => this.session,
      dropSession: () => (this.session = undefined),
      build: (teacherWeights) => this.ensureSession(teacherWeights),
      studentsReplaced: () => this.studentsReplaced(),
      sendAll: () => this.sendAll(),
      postPending: () => this.postMetrics(),
      running: () => this.loop.running || this.failures.holding,
      stop: () => {
        this.failures.drop();
        this.loop.stop();
      },
      run: () => this.run(),
      backendName: () => this.backends.name,
    });
    this.backends = new BackendKeeper(emit, (lost, detail) => this.continuity.deviceLost(lost, detail));
    this.failures = new Failures({
      emit,
      backend: () => this.backends.name,
      deviceLost: () => this.backends.deviceLost,
      step: () => this.session?.step ?? 0,
      stop: () => this.loop.stop(),
    });
  }

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
    // An edit made while the teacher gets ready is not left waiting: one that needs another build
    // stops this one, and either way the Play (or Step) it interrupted goes on with the edit.
    const resume = this.config && this.builds.interrupt(classifyChange(this.config, config, options.fresh));
    return this.serial(async () => {
      const change = this.config ? classifyChange(this.config, config, options.fresh) : 'rebuild';
      if (change === 'rebuild' || change === 'students') await this.continuity.farewell();
      this.config = config;
      if (change === 'rebuild') this.dropBuilt(config);
      else if (change === 'students' && this.session) {
        // Stopped before the students go: nothing may train a half-rebuilt session.
        this.loop.stop();
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
        return { change, step: this.session.step };
      }
      if (resume) void (resume === 'play' ? this.play() : this.step());
      return { change };
    });
  }

  play(): Promise<void> {
    return this.serial(async () => {
      if (this.loop.running) return;
      if (!(await this.ensureSession(undefined, 'play'))) return;
      if (this.session!.step >= this.config!.train.steps) {
        this.emit({
          type: 'status',
          status: 'done',
          reason: { code: 'planned-steps-reached', steps: this.config!.train.steps },
        });
        return;
      }
      this.run();
    });
  }

  /** Starts the loop and says so (the speed is measured from now). */
  private run(): void {
    this.outbox.restartClock(this.session!.step);
    this.emit({ type: 'status', status: 'running' });
    this.loop.start();
  }

  pause(): Promise<void> {
    return this.serial(async () => {
      if (!this.loop.running) return;
      this.loop.stop();
      this.postMetrics();
      await this.postViews();
      this.emit({ type: 'status', status: 'paused' });
    });
  }

  /** Exactly one training step, then everything it changed is sent. */
  step(): Promise<void> {
    return this.serial(async () => {
      this.loop.stop();
      if (!(await this.ensureSession(undefined, 'step'))) return;
      if (this.session!.needsPrepare) await this.session!.prepareStep();
      this.session!.trainStep();
      await this.sendAll();
      this.emit({ type: 'status', status: 'paused' });
    });
  }

  reset(): Promise<void> {
    return this.serial(async () => {
      this.loop.stop();
      await this.continuity.farewell();
      if (!this.session) {
        this.emit({ type: 'reset' });
        return;
      }
      await this.session.resetStudents();
      this.afterReset();
    });
  }

  importModel(request: ImportRequest): Promise<ImportResult> {
    return this.serial(() =>
      importModel(request, {
        hasBackend: () => this.backends.ready,
        ensureBackend: (cfg) => this.ensureBackend(cfg),
        assets: () => this.assets,
      }),
    );
  }

  /** The page hands over a data file the user brought; this worker keeps it in memory. */
  async provideDataset(meta: ProvidedDataset, bytes: ArrayBuffer): Promise<void> {
    keepInMemory(meta, new Uint8Array(bytes));
  }

  /** Reading a data file touches no session: it runs beside the queue, so a long read never holds up Pause. */
  inspectData(task: ExperimentConfig['task']): Promise<InspectResult> {
    return inspectData(task, this.assets);
  }

  exportStudents(fileStems?: string[]): Promise<(ExportedModel | { error: string })[]> {
    return this.serial(() => studentsOf(this.session, fileStems));
  }

  exportProject(link?: string): Promise<ProjectExport> {
    return this.serial(() => projectOf(this.session, link));
  }

  projectRefusal(): Promise<string | null> {
    return this.serial(() => refusalOf(this.session));
  }

  /** A view's question, its work in slices queued between ticks (views.ts: askInSlices). */
  query<N extends QueryName>(name: N, args: QueryArgs<N>): Promise<QueryAnswer<N> | null> {
    return askInSlices(this.sliceHooks, name, args);
  }

  snapshot(): Promise<StudentSnapshot | null> {
    return this.continuity.snapshot();
  }

  resume(snap: StudentSnapshot): Promise<ResumeResult> {
    return this.continuity.resume(snap);
  }

  debug(command: DebugCommand): Promise<unknown> {
    return runTestHook(command, this.testHooks, {
      session: () => this.session,
      failNextTick: () => this.trap.arm(),
    });
  }

  /** Something failed in the worker outside any command (an unhandled rejection). */
  fault(e: unknown): void {
    this.failures.fault(e);
  }

  /** Not queued (a test may ask while training runs): engine-memory.ts. */
  memory(): Promise<{ numTensors: number; numBytes: number }> {
    return Promise.resolve(engineMemory());
  }

  /** New students (a session, a restart, a restore): an epoch starts, nothing pending or shown is theirs. */
  private studentsReplaced(): void {
    this.outbox.clear();
    this.views.forget();
    this.epoch++;
  }

  private afterReset(): void {
    // Restarted students wait for Play, as the status says (an edit may land while training).
    this.loop.stop();
    this.continuity.copy.clear();
    this.studentsReplaced();
    this.emit({ type: 'reset', layout: runLayout(this.session!) });
    this.emit({ type: 'status', status: 'paused' });
    // The step-0 evaluation and the untrained students' views.
    void this.serial(() => this.sendAll());
  }

  /** Selects (and announces) the backend the config asks for, unless it is already in use. */
  private ensureBackend(cfg: ExperimentConfig, cancelled?: () => boolean): Promise<void> {
    return this.backends.ensure(cfg.backend, workloadOf(cfg), { signature: modelSignature(cfg), cancelled });
  }

  /** Stops a backend trial or a teacher training (outside the serial queue, which the build holds). */
  cancelPrepare(): Promise<void> {
    return Promise.resolve(this.builds.cancel());
  }

  chooseBackendAgain(): Promise<void> {
    return this.serial(async () => {
      await this.continuity.farewell();
      await this.backends.forget();
      // With the preview sent again, as for a new task: the page forgets the backend shown.
      this.dropBuilt(this.config);
    });
  }

  /** Stops and drops the built run (the next Play builds it again); `config`: a new task's, to preview. */
  private dropBuilt(config?: ExperimentConfig): void {
    this.loop.stop();
    this.session?.dispose();
    this.session = undefined;
    this.continuity.copy.clear();
    if (config) this.emit({ type: 'data', data: previewOf(config) });
    this.emit({ type: 'reset' });
    this.emit({ type: 'status', status: 'idle' });
  }

  /** Builds backend, data, teacher and students if not built; `teacherWeights`: a teacher trained here before. */
  private async ensureSession(teacherWeights?: Float32Array, intent?: 'play' | 'step'): Promise<boolean> {
    if (this.session) return true;
    if (!this.config) return false;
    const session = await this.builds.build(this.config, {
      emit: this.emit,
      assets: this.assets,
      ensureBackend: (c, cancelled) => this.ensureBackend(c, cancelled),
      isCurrent: (c) => this.config === c,
      teacherWeights,
      intent,
    });
    if (!session) return false;
    this.session = session;
    this.continuity.copy.clear();
    this.studentsReplaced();
    await this.sendAll();
    this.emit({ type: 'status', status: 'paused' });
    return true;
  }

  /** One tick: `stepsPerFrame` steps, one read-back, events if due; true to go on. */
  private async tick(): Promise<boolean> {
    if (!this.session || !this.config) return false;
    const s = this.session;
    const { steps, stepsPerFrame } = this.config.train;
    const n = Math.min(stepsPerFrame, steps - s.step);
    this.trap.spring();
    // Gap-aware sampling reads each evaluation before the next step (syncPending), so the data
    // stream does not depend on how steps are grouped into ticks.
    for (let i = 0; i < n && !s.syncPending; i++) {
      // Sequence-level and on-policy text steps generate their windows first (async reads).
      if (s.needsPrepare) await s.prepareStep();
      s.trainStep();
    }
    const diverged = await this.collect();
    // A lost GPU device replaced the session while this tick awaited its read-back.
    if (this.session !== s) return false;
    const now = performance.now();
    const finished = s.step >= steps;
    if (!diverged && this.continuity.copy.due(now)) await this.continuity.copy.refresh(s);
    const ending = Boolean(diverged) || finished;
    if (now - this.outbox.lastPost >= METRICS_INTERVAL_MS || ending) this.postMetrics();
    if (now - this.lastViews >= VIEWS_INTERVAL_MS || ending) await this.postViews();
    endEvents(this.config, diverged, finished).forEach((e) => this.emit(e));
    return !ending;
  }

  /** Reads pending results into the outbox; returns the divergence (it rewinds the students: a new epoch). */
  private async collect(): Promise<FlushResult['diverged']> {
    const r = await this.session!.flush();
    this.outbox.push(r);
    if (r.diverged) this.epoch++;
    return r.diverged;
  }

  /** Everything pending, sent now: the step's losses and evaluation, and the views. */
  private async sendAll(): Promise<void> {
    await this.collect();
    this.postMetrics(true);
    await this.postViews();
  }

  private postMetrics(force = false): void {
    if (this.session) this.outbox.post(this.session, this.epoch, force);
  }

  private async postViews(): Promise<void> {
    if (!this.session) return;
    this.lastViews = performance.now();
    await this.views.post(this.session);
  }
}
