/**
 * The shape of a sweep and of its results, shared by the sweep engine (src/sweeps/, the worker's
 * sweep runner, the sweep UI) and by the labs built on it (capacity gap, top-k teachers, several
 * teachers, teacher hacking). Pure types: no tfjs, no DOM. Fields may be added; existing ones keep
 * their meaning, since saved sweeps and links carry them.
 */
import type { ExperimentConfig } from '../config/schema';

/** A value a sweep sets at a config path: a number for a numeric field, a string for a choice. */
export type SweepValue = number | string;

/** One varied config value: a dotted path of ExperimentConfig ("lanes.0.params.T") and its values. */
export interface SweepAxis {
  path: string;
  values: SweepValue[];
  /** How the page names it (the control panel's label); the path when absent. */
  label?: string;
}

/** One or two axes, each point run on every seed for the same number of steps. */
export interface SweepSpec {
  axes: SweepAxis[];
  /** The seeds each point runs on (config.seed is set to each in turn). */
  seeds: number[];
  /** The budget: training steps per run (config.train.steps). */
  steps: number;
  /** The lab whose chart shows these results (src/ui/sweep/lab-charts.tsx); the generic chart alone when absent. */
  lab?: string;
  /** "Does KD beat labels only?": which lanes of each run are the distillation and the no-teacher baseline. */
  verdict?: { kdLane: number; baselineLane: number };
  /** What the page calls it (a lab preset's sweep, the verdict); made from the axes when absent. */
  title?: string;
}

/** The final evaluation of one run: one entry per lane, keyed by metric id ("studentAccuracy", "agreement", "kl", "ece", ...). */
export interface RunResult {
  seed: number;
  lanes: Record<string, number>[];
  /** The frozen teacher's metrics in that run ("teacherAccuracy", "teacherEce", ...). */
  teacher: Record<string, number>;
  /** Steps the run made (the budget, unless it was stopped or diverged). */
  steps: number;
}

/** A point of the grid: its value on each axis (in the spec's axis order) and its runs, one per seed. */
export interface PointResult {
  values: SweepValue[];
  runs: RunResult[];
}

/** A finished (or cancelled) sweep: what was run, from which experiment, and what it measured. */
export interface SweepResult {
  spec: SweepSpec;
  base: ExperimentConfig;
  points: PointResult[];
  /** False when it was cancelled before every point ran. */
  complete: boolean;
  backend: string;
  /** Milliseconds the sweep took (its runs, teachers included). */
  ms?: number;
  /** When it finished (Date.now()), for History. */
  at?: number;
}
