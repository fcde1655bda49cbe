/**
 * Messages between the training worker and the UI. Types only: both sides import this file,
 * neither pulls the other's code in.
 */
import type { ExperimentConfig } from '../config/schema';
import type { ChangeKind } from '../config/changes';
import type { BackendInfo } from '../engine/backend';
import type { LossColumn, ViewLogits } from '../engine/session';

export type { BackendInfo, LossColumn, ViewLogits, ChangeKind };

export type RunStatus =
  | 'idle' // nothing built yet, or the config changed: Play builds the run
  | 'preparing' // choosing a backend, making data
  | 'teacher' // training the teacher on the labels
  | 'running'
  | 'paused'
  | 'done' // reached the planned number of steps
  | 'diverged' // a loss went NaN/Inf; weights restored, paused
  | 'error';

/** Host copies of a toy task's points, sent as soon as the config is known. */
export interface DataPreview {
  classes: number;
  trainX: Float32Array;
  trainY: Int32Array;
  testX: Float32Array;
  testY: Int32Array;
  /** Views span [-extent, extent]². */
  extent: number;
  gridSize: number;
}

export interface SessionInfo {
  classes: number;
  teacherParams: number;
  studentParams: number;
  /** Teacher metrics on the held-out set, by metric id (e.g. teacherAccuracy). */
  teacher: Record<string, number>;
  lossColumns: LossColumn[];
  /** Ids of the per-lane metrics, in the order of each eval's values. */
  laneMetrics: string[];
  lanes: number;
}

export interface MetricsBatch {
  /** Column names (`lane:key`) of the loss rows. */
  columns: string[];
  /** Step of each loss row. */
  steps: number[];
  /** Row-major [steps.length, columns.length]. */
  losses: Float32Array;
  /** Held-out metrics: row-major [lanes, laneMetrics.length] per eval. */
  evals: { step: number; values: Float32Array }[];
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
  | { type: 'teacher-progress'; step: number; total: number; loss: number }
  | { type: 'session'; info: SessionInfo }
  /** A lane switched objective mid-run: its loss parts changed from the next step on. */
  | { type: 'columns'; lossColumns: LossColumn[] }
  /** The students restarted: series start again from step 0. */
  | { type: 'reset' }
  | { type: 'metrics'; batch: MetricsBatch }
  | { type: 'views'; views: ViewLogits }
  /** Points after `step` were undone (divergence): drop them. */
  | { type: 'truncate'; step: number };

export interface ConfigureResult {
  change: ChangeKind;
}

/** The worker's typed surface, called through Comlink. */
export interface StudioApi {
  configure(config: ExperimentConfig): Promise<ConfigureResult>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<void>;
  reset(): Promise<void>;
  memory(): Promise<{ numTensors: number; numBytes: number }>;
}

export type { ExperimentConfig };
