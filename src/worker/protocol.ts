/**
 * Messages between the training worker and the UI. Types only: both sides import this file,
 * neither pulls the other's code in.
 */
import type { ExperimentConfig } from '../config/schema';
import type { ChangeKind } from '../config/changes';
import type { BackendInfo } from '../engine/backend';
import type { StudentSnapshot } from '../engine/snapshot';
import type { LossColumn, ViewLogits } from '../engine/session';
import type { Phase } from '../engine/teacher';
import type { TaskPreview } from '../tasks/registry';
import type { TeacherMap } from '../lib/teacher-map';

export type { BackendInfo, LossColumn, ViewLogits, ChangeKind, Phase, StudentSnapshot };

export type RunStatus =
  | 'idle' // nothing built yet, or the config changed: Play builds the run
  | 'preparing' // choosing a backend, making data
  | 'teacher' // getting the teacher ready: trained, loaded or measured (config/teacher-status)
  | 'running'
  | 'paused'
  | 'done' // reached the planned number of steps
  | 'diverged' // a loss went NaN/Inf; weights restored, paused
  | 'error';

/** What the views can show before (and once) the run is built: each task's preview. */
export type DataPreview = TaskPreview;
export type { ToyPreview } from '../tasks/toy2d/preview';
export type { ImagePreview } from '../tasks/images/preview';
export type { TextPreview } from '../tasks/text/preview';
export type { TablePreview } from '../tasks/table/preview';

/** Samples after the same prompt and seed (text task), as text. */
export interface TextSamples {
  /** The prompt as the models saw it (lowercased, characters outside the vocabulary dropped). */
  prompt: string;
  teacher: string;
  lanes: string[];
}

/** Next-token logits after one position of the held-out passage, and the true next character. */
export interface NextTokens {
  position: number;
  teacher: Float32Array;
  lanes: Float32Array[];
  actual: number;
}

/** Text: the speculative-decoding demo's text, a student lane drafting and the teacher verifying. */
export interface DraftDemo {
  prompt: string;
  /** The characters written after the prompt. */
  text: string;
  /** Per character of `text`: 1 drafted by the student and accepted, 0 written by the teacher. */
  drafted: Uint8Array;
  /** Teacher calls (one forward pass per round of γ drafts), drafts proposed and accepted. */
  calls: number;
  proposed: number;
  accepted: number;
}

/** Gradient × input of one test image for the teacher and every student, of the teacher's class. */
export interface SaliencyMaps {
  teacher: Float32Array;
  lanes: Float32Array[];
  predicted: number;
}

/**
 * What a view can ask the worker for (`StudioApi.query`), by name: its arguments and its
 * result. The decision-boundary and image views do not ask: their logits come with the
 * throttled `views` event.
 */
export interface ViewQueries {
  /** Images: saliency of test image `index`. */
  saliency: { args: { index: number }; result: SaliencyMaps };
  /** Text: `length` characters from the teacher and every student after the config's prompt. */
  samples: { args: { length: number }; result: TextSamples };
  /** Text: next-token logits after `position` of the held-out passage. */
  nextTokens: { args: { position: number }; result: NextTokens };
  /** Text: `length` characters, lane `lane` drafting γ at a time and the teacher verifying. */
  draft: { args: { lane: number; mode: 'sampling' | 'greedy'; length: number }; result: DraftDemo };
}

export type QueryName = keyof ViewQueries;
export type QueryArgs<N extends QueryName> = ViewQueries[N]['args'];
export type QueryResult<N extends QueryName> = ViewQueries[N]['result'];

/**
 * An answer, stamped with the students it describes: their `epoch` (see MetricsBatch.epoch) and
 * step. A view shows it only while that epoch is current and no later answer is shown.
 */
export interface QueryAnswer<N extends QueryName> {
  epoch: number;
  step: number;
  value: QueryResult<N>;
}

/**
 * Why the run is in its status, as data: the UI words it (src/ui/status-text.ts), so the
 * worker never writes a sentence a person reads.
 */
export type StatusReason =
  /**
   * Auto's trial; once it times a backend, which one (`trying`, e.g. "wasm + threads") and
   * that it is candidate `index` (from 1) of `total`.
   */
  | { code: 'choosing-backend'; trying?: string; index?: number; total?: number; leftMs?: number }
  /**
   * The person cancelled a job before distillation (Auto's trial, the teacher's training, its
   * cache, a text pool's fill) after `done` of `total` (its steps, rows or windows), in
   * `stopMs` from the Cancel to nothing running; nothing was built, the settings are kept.
   */
  | { code: 'cancelled'; job: 'trial' | Phase; done?: number; total?: number; stopMs?: number }
  /** The data and the teacher are being made ready (trained, loaded or measured: teacher-status.ts words it). */
  | { code: 'preparing-teacher' }
  /** Play was pressed with the planned steps already done. */
  | { code: 'planned-steps-reached'; steps: number }
  | { code: 'finished'; steps: number }
  /**
   * A loss went NaN or infinite at `step`, in lane `lane` (from 0), loss part `part` (its
   * label); the students were restored to `restoredStep`. `hasTemperature`: that lane's
   * objective has a temperature (lowering it is worth suggesting).
   */
  | { code: 'diverged'; step: number; lane: number; part: string; restoredStep: number; hasTemperature: boolean }
  /** The WebGPU device was lost and the run could not go on elsewhere; `detail` is what the browser said. */
  | { code: 'device-lost'; detail: string }
  /** A training step threw (the worker logs what); the run stopped after `step`. */
  | { code: 'tick-failed'; step: number }
  /** Something failed in the worker outside a step (the worker logs what); the run was stopped. */
  | { code: 'worker-fault' }
  /** The backend lacks an operation (a tfjs kernel) this experiment needs. */
  | { code: 'missing-kernel'; kernel: string; backend: string }
  /** Anything else that stopped the run; `detail` is the error's own text. */
  | { code: 'error'; detail: string };

/** How the page learned that its worker was gone (worker/liveness.ts). */
export type WorkerLoss = 'ended' | 'silent' | 'error';

/** Things that happened to a run the person should read about, worded in ui/status-text.ts. */
export type RunNotice =
  /** The GPU device was lost while training; the run is moving to another backend (backend-switched follows). */
  | { code: 'backend-lost'; lost: BackendInfo['name']; detail: string }
  /**
   * The GPU device was lost while training (`detail`: what the browser said); the run went on
   * by itself on `now` from the students as they were at `step` (the last host copy).
   */
  | { code: 'backend-switched'; lost: BackendInfo['name']; now: BackendInfo['name']; step: number; detail: string }
  /** The page lost its training worker and is starting another (state/recovery.ts). */
  | { code: 'worker-lost'; cause: WorkerLoss }
  /**
   * A new worker took over: the students are back at `step` from a copy `ageSeconds` old (the
   * steps after it train again); `step` 0 and no age when no copy had been saved yet.
   */
  | { code: 'worker-recovered'; cause: WorkerLoss; step: number; ageSeconds?: number }
  /** A new worker took over, but the saved students could not go back in (`why`). */
  | { code: 'worker-recovery-failed'; cause: WorkerLoss; why: string };

/** What resuming from a snapshot did (StudioApi.resume). */
export type ResumeResult = { ok: true; step: number } | { ok: false; why: string };

/** Test hooks (state/test-hooks.ts): only a page that tests set up may call them. */
export type DebugCommand = 'close' | 'throw-in-tick' | 'lose-device' | 'memory';

export interface TeacherInfo {
  params: number;
  /** Pretrained teachers: a short hash of the weights loaded, and what their script measured. */
  weightsHash?: string;
  meta?: Record<string, unknown>;
}

/**
 * What the students' series are made of. It changes whenever the students restart (lanes added
 * or removed, another experiment), so the worker sends it with every restart: the UI never
 * rebuilds it from a layout it kept.
 */
export interface RunLayout {
  lanes: number;
  studentParams: number;
  lossColumns: LossColumn[];
  /** Per-lane eval columns, in the order of each eval's values. */
  evalColumns: { id: string; label: string }[];
}

export interface SessionInfo extends RunLayout {
  classes: number;
  teacher: TeacherInfo;
  /** Teacher metrics on the held-out set, by metric id (e.g. teacherAccuracy). */
  teacherMetrics: Record<string, number>;
  /**
   * Classifying tasks: the mass the teacher's top k leave out, mean over the held-out set, for
   * k = 0 … classes (lib/top-k.ts tailMassCurve), for the top-k lanes' readouts.
   */
  teacherTailMass?: number[];
  /** With an oracle (the oracle task, a distilled teacher): the teacher's own KL(oracle‖teacher) on the held-out set. */
  teacherGolden?: number;
  /** Several teachers: each member's own test accuracy and agreement with the mix (the chosen teacher first). */
  teacherMembers?: { accuracy: number; agreement: number }[];
  /** Several teachers: test image by test image, which teachers are right and which differ from the mix. */
  teacherMap?: TeacherMap;
}

export interface MetricsBatch {
  /** Column names (`lane:key`) of the loss rows. */
  columns: string[];
  /** Step of each loss row. */
  steps: number[];
  /** Row-major [steps.length, columns.length]. */
  losses: Float32Array;
  /** Held-out metrics: row-major [lanes, evalColumns.length] per eval; per-class gap (images). */
  evals: { step: number; values: Float32Array; gap?: Float32Array }[];
  /** Steps per second since the last batch. */
  stepsPerSecond: number;
  /** Current step. */
  step: number;
  /** Live tensors in the worker (a leak shows up as growth). */
  numTensors: number;
  /**
   * Which students these are: the worker counts up whenever the students are replaced or
   * rewound (a new session, Reset, a divergence restored). Query answers carry it too, so a
   * view never shows an answer about students that are gone.
   */
  epoch: number;
}

export type EngineEvent =
  | { type: 'status'; status: RunStatus; reason?: StatusReason }
  | { type: 'backend'; info: BackendInfo }
  /** A task's preview; `loaded`: what the session just built has loaded (test images, a passage). */
  | { type: 'data'; data: DataPreview; loaded?: boolean }
  /** Loading data, training or loading the teacher, caching its outputs. */
  | { type: 'progress'; phase: Phase; done: number; total: number; detail?: string }
  | { type: 'session'; info: SessionInfo }
  /** A lane switched objective mid-run: its loss parts changed from the next step on. */
  | { type: 'columns'; lossColumns: LossColumn[] }
  /**
   * The students restarted: series start again from step 0, laid out as `layout`. Without a
   * layout nothing is built (a new task or teacher, before Play): the series start empty.
   */
  | { type: 'reset'; layout?: RunLayout }
  | { type: 'metrics'; batch: MetricsBatch }
  | { type: 'views'; views: ViewLogits }
  /** Points after `step` were undone (divergence): drop them. */
  | { type: 'truncate'; step: number }
  /**
   * The session is about to be built again for the same run (a lost GPU device: another
   * backend): the series are kept for the `restored` event that follows.
   */
  | { type: 'continuing' }
  /**
   * The students are back at `step` from a snapshot: the run's series go on from there (points
   * after it are dropped; the evaluation at `step` comes again in the next metrics).
   */
  | { type: 'restored'; step: number }
  | { type: 'notice'; notice: RunNotice }
  /** The students are about to be replaced (a restart, Reset): their last copy, for the run they end. */
  | { type: 'replaced'; snapshot: StudentSnapshot };

export interface ConfigureOptions {
  /** A new experiment was chosen: restart the students even if the edit could apply live. */
  fresh?: boolean;
}

export interface ConfigureResult {
  change: ChangeKind;
  /** A live change: the step of the students it applies from (the next one they train). */
  step?: number;
}

/** The worker's typed surface, called through Comlink. */
export interface StudioApi {
  configure(config: ExperimentConfig, options?: ConfigureOptions): Promise<ConfigureResult>;
  play(): Promise<void>;
  pause(): Promise<void>;
  /**
   * Stops a backend trial or a teacher training here; nothing is built (answered at once,
   * outside the queue).
   */
  cancelPrepare(): Promise<void>;
  /**
   * "Choose again": forgets Auto's remembered backend for this experiment and drops the
   * built run (its tensors live on the backend), so that the next Play times every backend again.
   */
  chooseBackendAgain(): Promise<void>;
  /**
   * A host copy of the students now (after every command queued before), for History; null
   * before anything is built. The worker keeps the latest one too, for a lost GPU device.
   */
  snapshot(): Promise<StudentSnapshot | null>;
  /**
   * Builds the current experiment if it is not built (with the snapshot's teacher when it was
   * trained here) and puts the students back to `snapshot`: the run goes on from its step.
   * Never throws: a snapshot that does not fit says why.
   */
  resume(snapshot: StudentSnapshot): Promise<ResumeResult>;
  /** Test hooks; refused unless the page that connected asked for them (state/test-hooks.ts). */
  debug(command: DebugCommand): Promise<unknown>;
  step(): Promise<void>;
  reset(): Promise<void>;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
  /**
   * Validates and keeps an imported tfjs layers model for the current task; for a teacher,
   * also measures its accuracy on the task's test set. Never throws: failures are messages.
   */
  importModel(request: ImportRequest): Promise<ImportResult>;
  /** Hands the worker a data file's bytes (it keeps them in memory for this page's life). */
  provideDataset(meta: ProvidedDataset, bytes: ArrayBuffer): Promise<void>;
  /**
   * Reads the data file a task names and returns the task with what the file decides filled
   * in (features, classes, vocabulary), and a summary for the Data section. Never throws.
   */
  inspectData(task: ExperimentConfig['task']): Promise<InspectResult>;
  /**
   * Every student in the format its spec exports to (config/export.ts), or the reason it
   * cannot be exported. With `fileStems` (one per lane), lane i's files are named
   * `<stem>-step<N>.json` and `<stem>-step<N>.weights.bin`, and the manifest names that weight
   * file; without, the weight file is weights.bin (the history's own copies).
   */
  exportStudents(fileStems?: string[]): Promise<(ExportedModel | { error: string })[]>;
  /**
   * Export → PyTorch project: a zip of the experiment as a PyTorch project that replays this
   * run (src/worker/pytorch-project.ts), or why it cannot be exported. Never throws.
   */
  exportProject(link?: string): Promise<ProjectExport>;
  /** Why the current experiment cannot be exported as a PyTorch project (null when it can). */
  projectRefusal(): Promise<string | null>;
  /**
   * What a view shows (ViewQueries), computed from the current students after every command
   * queued before it; null when there is no session, or the task has no such view.
   */
  query<N extends QueryName>(name: N, args: QueryArgs<N>): Promise<QueryAnswer<N> | null>;
}

/** What reading a user's data file found, for the Data section to show. */
export interface DataSummary {
  /** Examples kept (rows, images, characters). */
  examples: number;
  /** Class names, in label order (a language task: none). */
  classNames: string[];
  /** Things the user should know: dropped columns, skipped files, merged symbols, imputed values. */
  notices: string[];
  /** The first rows of a table, as text, for the preview. */
  table?: { columns: string[]; rows: string[][] };
}

export type InspectResult =
  { ok: true; task: ExperimentConfig['task']; summary: DataSummary } | { ok: false; error: string; missing?: boolean };

/** A data file the page hands the worker (kept in the worker's memory; IndexedDB holds its own copy). */
export interface ProvidedDataset {
  sha256: string;
  name: string;
  bytes: number;
  kind: string;
  savedAt: number;
}

export interface ImportRequest {
  name: string;
  role: 'teacher' | 'student';
  modelJson: string | ArrayBuffer;
  weights: { name: string; bytes: ArrayBuffer }[];
  /** The experiment it is for: its task decides the input shape and classes to check. */
  config: ExperimentConfig;
  /** Skip measuring (re-registering a model kept in this browser). */
  quiet?: boolean;
}

export type ImportResult =
  | {
      ok: true;
      hash: string;
      name: string;
      params: number;
      featureDim: number;
      accuracy?: number;
      /** The model ends in this activation: the studio reads the values before it as logits. */
      outputActivation?: 'softmax' | 'sigmoid';
    }
  | { ok: false; error: string };

export interface ExportedModel {
  /** 'layers-model' loads with tf.loadLayersModel; 'kd-studio-transformer' only with this studio's code. */
  format: 'layers-model' | 'kd-studio-transformer';
  modelJson: object;
  weights: ArrayBuffer;
  /** The name the manifest gives the weight file. */
  weightsFile: string;
  /** The name for model.json (without .json), when file stems were asked for. */
  fileStem?: string;
}

/** How the worker side sends an event; typed arrays listed in `transfer` move instead of being copied. */
export type Emit = (event: EngineEvent, transfer?: Transferable[]) => void;

export type { ExperimentConfig };

/** A PyTorch project zip, or why there is none. */
export type ProjectExport = { zip: Uint8Array; fileName: string; files: number } | { error: string };
