/**
 * Messages between the training worker and the UI. Types only: both sides import this file,
 * neither pulls the other's code in.
 */
import type { ExperimentConfig } from '../config/schema';
import type { ChangeKind } from '../config/changes';
import type { BackendInfo } from '../engine/backend';
import type { LossColumn, ViewLogits } from '../engine/session';
import type { Phase } from '../engine/teacher';
import type { TaskPreview } from '../tasks/registry';

export type { BackendInfo, LossColumn, ViewLogits, ChangeKind, Phase };

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

/** Samples after the same prompt and seed (text task), as text. */
export interface TextSamples {
  /** The prompt as the models saw it (lowercased, characters outside the vocabulary dropped). */
  prompt: string;
  teacher: string;
  lanes: string[];
  /** Step of the students that wrote them. */
  step: number;
}

/** Next-token logits after one position of the held-out passage, and the true next character. */
export interface NextTokens {
  position: number;
  teacher: Float32Array;
  lanes: Float32Array[];
  actual: number;
  step: number;
}

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
}

export type EngineEvent =
  | { type: 'status'; status: RunStatus; message?: string }
  | { type: 'backend'; info: BackendInfo }
  | { type: 'data'; data: DataPreview }
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
  | { type: 'truncate'; step: number };

export interface ConfigureOptions {
  /** A new experiment was chosen: restart the students even if the edit could apply live. */
  fresh?: boolean;
}

export interface ConfigureResult {
  change: ChangeKind;
}

/** The worker's typed surface, called through Comlink. */
export interface StudioApi {
  configure(config: ExperimentConfig, options?: ConfigureOptions): Promise<ConfigureResult>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  reset(): Promise<void>;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
  /**
   * Validates and keeps an imported tfjs layers model for the current task; for a teacher,
   * also measures its accuracy on the task's test set. Never throws: failures are messages.
   */
  importModel(request: ImportRequest): Promise<ImportResult>;
  /**
   * Every student in the format its spec exports to (config/export.ts), or the reason it
   * cannot be exported. With `fileStems` (one per lane), lane i's files are named
   * `<stem>-step<N>.json` and `<stem>-step<N>.weights.bin`, and the manifest names that weight
   * file; without, the weight file is weights.bin (the history's own copies).
   */
  exportStudents(fileStems?: string[]): Promise<(ExportedModel | { error: string })[]>;
  /** Gradient × input saliency of one test image, for the teacher and every student. */
  saliency(index: number): Promise<{ teacher: Float32Array; lanes: Float32Array[]; predicted: number } | null>;
  /** Text: `length` characters from the teacher and every student after the config's prompt. */
  samples(length: number): Promise<TextSamples | null>;
  /** Text: next-token logits after `position` of the held-out passage. */
  nextTokens(position: number): Promise<NextTokens | null>;
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
  | { ok: true; hash: string; name: string; params: number; featureDim: number; accuracy?: number }
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

export type { ExperimentConfig };
