/**
 * What a task is, in its pure part: everything the config schema, the link codec, the control
 * panel and the worker need to know about it without loading tfjs or a byte of data. Each
 * task folder (src/tasks/<kind>/) exports one `TaskDef` from its index.ts; the pure registry
 * (./registry.ts) lists them. The engine part and the UI part of a task are registered in
 * ./engine.ts and ./ui.tsx.
 */
import type { ExperimentConfig, StudentSpec } from '../config/schema';
import type { Preset } from '../config/presets';
import type { MetricDef } from '../metrics/types';

/** A problem with a config that only the task can see (a model that does not fit it). */
export interface TaskIssue {
  path: (string | number)[];
  message: string;
}

/**
 * What a task holds and runs, counted in examples, for the memory and time estimate
 * (config/estimate.ts). From the config alone: what a data file decides is in it already.
 */
export interface TaskSizes {
  /** Training examples on the device; the teacher's outputs are cached for each (0: batches are made per step). */
  trainExamples: number;
  /** Held-out examples, run through every model at each evaluation. */
  testExamples: number;
  /** Further inputs each evaluation runs through every model (a decision-boundary grid). */
  gridExamples: number;
  /** Bytes of data the worker holds: the examples as tensors, a corpus as ids, the file read. */
  dataBytes: number;
  /** Examples in one step of a teacher trained here, and its steps between read-backs. */
  teacherBatch: number;
  teacherChunk: number;
  /** Examples one forward pass takes when caching or evaluating. */
  forwardChunk: number;
  /** Whether the teacher runs on each step's batch, cache or not (windows made per step, varied rows). */
  teacherEveryStep: boolean;
  /**
   * Forward passes over a whole batch spent generating windows per step, on average (one per
   * generated token): by the teacher, and by each student.
   */
  generation: { teacher: number; student: number };
  /**
   * A pool of examples whose teacher outputs are computed once before training, `chunk` at a
   * time, and kept on the host in `bytes` (a language task's teacher-output pool).
   */
  pool?: { examples: number; chunk: number; bytes: number };
}

/** A field that sizes an experiment: whether any whole number in its range is valid (a count). */
export interface SizeField {
  count: boolean;
}

/**
 * How the control panel labels a task field, so that a message elsewhere (a link's notice, the
 * budget's advice) names it as a person sees it; `scale`: shown ×scale (a fraction in percent).
 */
export interface TaskFieldLabel<T> {
  label: string | ((task: T) => string);
  scale?: number;
}

export interface TaskDef<T extends { kind: string } = { kind: string }, Preview = unknown> {
  kind: T['kind'];
  /** The task picker's words. */
  label: string;
  /** The experiment the task picker switches to. */
  defaults: ExperimentConfig & { task: T };
  /** Students offered ready-made for this task (the student picker's choices). */
  studentPresets: readonly { label: string; spec: StudentSpec }[];
  /** Ready-made experiments on this task, in the order the preset picker lists them. */
  presets: readonly Preset[];
  /** One example's input shape (a sequence task: its context, in tokens). */
  inputShape(task: T): number[];
  /** The teacher's classes (a language task: its vocabulary). */
  classes(task: T): number;
  /** The students' classes: the teacher's, unless a student has a vocabulary of its own. */
  studentClasses(task: T): number;
  /** Rows one example adds to a batch's loss (a language task: one per token). */
  rowsPerExample(task: T): number;
  /** What the task holds and runs, for the memory and time estimate. */
  sizes(task: T): TaskSizes;
  /**
   * Task fields a person can lower to make the experiment smaller (config/budget.ts), and
   * whether each is a count (any whole number in its range, so the message can say which value
   * fits). Never a field the data file decides. Each has its label in `fieldLabels`.
   */
  sizeFields: Readonly<Record<string, SizeField>>;
  /** The labels of the task's fields in the Data section, by path under `task` ("augment.shift"). */
  fieldLabels: Readonly<Record<string, TaskFieldLabel<T>>>;
  /** Whether teacher and students share their classes one to one (objectives may need it). */
  sharedVocabulary(task: T): boolean;
  /**
   * What the teacher's targets lack, when the steps take them from stored outputs rather than a
   * forward pass (a text pool): its hidden features, or any probability outside the top k.
   * Absent: a forward pass's targets, which lack nothing.
   */
  teacherSignals?(task: T): { teacherFeatures: boolean; teacherZeros: boolean };
  /** Which teachers and students fit the task. */
  checkModels(cfg: ExperimentConfig & { task: T }): TaskIssue[];
  /** Task fields read afresh at every step: editing them is a live edit, not a rebuild. */
  liveFields: readonly string[];
  /** Held-out metrics of each lane and of the teacher, in order. */
  laneMetrics: readonly MetricDef[];
  teacherMetrics: readonly MetricDef[];
  /** What the views can show before anything is built (made in the worker, sent to the UI). */
  preview(task: T, seed: number): Preview;
  /** What a run's name calls its data ("Spiral", "Fashion-MNIST"). */
  dataName(task: T): string;
  /** What Play loads before anything trains, in words ("the corpus"), or null when the data is made on the spot. */
  files: string | null;
  /** Why imported layers models cannot serve this task, or null when they can. */
  importRefusal: string | null;
}

/** Keeps a task definition's literal kind and preview type. */
export const defineTask = <T extends { kind: string }, Preview>(def: TaskDef<T, Preview>): TaskDef<T, Preview> => def;
