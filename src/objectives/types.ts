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
  /** Training progress, for objectives with warm-ups. */
  step: number;
  totalSteps: number;
}

export interface LossResult {
  /** The scalar that is minimised. */
  total: Scalar;
  /** Named scalar parts, charted next to the total (keys match `components`). */
  parts: Record<string, Scalar>;
}

export interface ObjectiveDef {
  id: string;
  name: string;
  /** One or two sentences a student of ML can read. */
  description: string;
  paper?: Paper;
  params: ParamSpec[];
  /** Charted parts, in a fixed order (the trainer stacks them in this order). */
  components: { key: string; label: string }[];
  needs: { teacher: boolean };
  loss(tf: Tf, inputs: LossInputs, params: Readonly<Record<string, number>>): LossResult;
}

/** Identity helper that type-checks an objective module's default export. */
export const defineObjective = (def: ObjectiveDef): ObjectiveDef => def;
