/**
 * The contract every distillation objective fulfils. An objective module is pure: it imports
 * tfjs for types only and receives the tfjs namespace as an argument. That keeps the UI bundle
 * free of tfjs (the control panel renders parameters from the same module) and lets the unit
 * tests run the exact code the worker runs.
 */
import type * as tfjs from '@tensorflow/tfjs';

export type Tf = typeof tfjs;
export type Tensor = tfjs.Tensor;
export type Scalar = tfjs.Scalar;
export type Variable = tfjs.Variable;

/** One tunable number of an objective. Toggles are numbers too (0 or 1) so configs stay flat. */
export interface ParamSpec {
  key: string;
  label: string;
  default: number;
  min: number;
  max: number;
  step: number;
  kind?: 'number' | 'int' | 'toggle';
  help?: string;
}

export interface Paper {
  title: string;
  authors: string;
  year: number;
  venue?: string;
}

/** What the trainer hands an objective for one batch. Rows are examples (or tokens). */
export interface LossInputs {
  /** [rows, classes], raw logits of the student being trained. */
  studentLogits: tfjs.Tensor2D;
  /** [rows, classes], raw logits of the frozen teacher (absent for teacher-free objectives). */
  teacherLogits?: tfjs.Tensor2D;
  /** [rows] int32 class (or next-token) labels. */
  labels: tfjs.Tensor1D;
  /** [rows] float 1/0: which rows count (token-mean over valid positions). Absent = all rows. */
  mask?: tfjs.Tensor1D;
  /**
   * [rows] float 1/0: which rows have a real label. Rows of the unlabelled transfer set carry
   * the teacher's class in `labels` (objectives such as DKD need a class per row) but must not
   * count in a hard-label loss. Absent = every label is real.
   */
  labelMask?: tfjs.Tensor1D;
  /** [rows, width] hidden features of the student (its last hidden layer). */
  studentFeatures?: tfjs.Tensor2D;
  /** [rows, width] hidden features of the teacher (its last hidden layer). */
  teacherFeatures?: tfjs.Tensor2D;
  /** 0-based index of this training step, and the planned number of steps. */
  step: number;
  totalSteps: number;
}

export interface LossResult {
  /** The scalar that is minimised. */
  total: Scalar;
  /** Named scalar parts, charted next to the total (keys match `components`). */
  parts: Record<string, Scalar>;
  /**
   * Values the objective's own `afterStep` needs but nobody charts (TAID's update reads the
   * cross-entropy form of its loss). Kept and disposed with the parts; never in the record.
   */
  aux?: Record<string, Scalar>;
}

/**
 * Per-lane state an objective keeps between steps: trainable extras (a FitNets projection) that
 * join the student's weights in the optimiser, and non-trainable values (TAID's t) that the
 * objective updates itself after each step. Everything lives on the device.
 */
export interface ObjectiveState {
  trainable: Variable[];
  /** Values charted every step (keys match the objective's `stateColumns`). */
  values: Record<string, Variable>;
  /** Every variable the state owns, for disposal. */
  variables: Variable[];
}

/** What the chosen models can give an objective, to decide whether it can run at all. */
export interface SignalContext {
  /** Width of the student's last hidden layer (0 = it has none: a linear model). */
  studentFeatureDim: number;
  teacherFeatureDim: number;
  batchSize: number;
  /** Rows per batch the loss sees: the batch size, or batch × context for token-level text. */
  rows?: number;
  /** False when the student has its own vocabulary (cross-vocabulary text distillation). */
  sharedVocabulary?: boolean;
  /** False when the teacher's hidden features are not at hand (a text pool stores outputs only). */
  teacherFeatures?: boolean;
  /**
   * True when the teacher's targets give some classes exactly zero probability (a text pool's
   * top-k outputs, renormalised).
   */
  teacherZeros?: boolean;
}

export interface StateContext extends SignalContext {
  /** Seeded uniform numbers in [0, 1) for initialising trainable state. */
  random(): number;
}

export interface ObjectiveDef {
  id: string;
  name: string;
  /** One or two sentences a student of ML can read. */
  description: string;
  paper?: Paper;
  params: ParamSpec[];
  /** Charted loss parts, in a fixed order (the trainer stacks them in this order). */
  components: { key: string; label: string }[];
  /** Charted state values (e.g. TAID's t), in a fixed order. */
  stateColumns?: { key: string; label: string }[];
  /**
   * Signals the objective reads. `sharedVocabulary`: it compares the two distributions class
   * by class, so teacher and student must have the same classes.
   */
  needs: { teacher: boolean; features?: boolean; sharedVocabulary?: boolean };
  /** Which parameters the generic schedules drive: a temperature and a KD weight to warm up. */
  schedulable?: { temperature?: string; weight?: string };
  /** Why this objective cannot run with these models, or null when it can. */
  unavailable?(ctx: SignalContext): string | null;
  /**
   * True when, with these parameters, the loss is infinite where the teacher gives a class zero
   * probability: it weighs log p by the student's own probabilities (reverse KL, and the
   * divergences that become it at an end of their range). Such an objective cannot learn from
   * targets with exact zeros (SignalContext.teacherZeros).
   */
  infiniteWhereTeacherIsZero?(params: Readonly<Record<string, number>>): boolean;
  createState?(tf: Tf, ctx: StateContext, params: Readonly<Record<string, number>>): ObjectiveState;
  loss(tf: Tf, inputs: LossInputs, params: Readonly<Record<string, number>>, state?: ObjectiveState): LossResult;
  /**
   * The same loss as one op with its gradient written out (fewer kernels: no tape over its
   * inner ops), where the objective has one. Values equal `loss`'s, gradients to float32
   * noise (tests); the engine's lean step forms call it, `loss` stays the definition.
   */
  fusedLoss?(tf: Tf, inputs: LossInputs, params: Readonly<Record<string, number>>, state?: ObjectiveState): LossResult;
  /** Runs after the optimiser step with this step's result: state updates on the device. */
  afterStep?(
    tf: Tf,
    state: ObjectiveState,
    result: LossResult,
    progress: { step: number; totalSteps: number },
    params: Readonly<Record<string, number>>,
  ): void;
}

/** Identity helper that type-checks an objective module's default export. */
export const defineObjective = (def: ObjectiveDef): ObjectiveDef => def;
