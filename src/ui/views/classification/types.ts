/**
 * What the classification views compare: the held-out labels and the teacher's and the shown
 * student's logits on them. A task that classifies builds this from its own data and includes
 * the views it wants; the views know nothing of the task.
 */
export interface HeldOutLogits {
  /** True class of each held-out example (absent until the data is loaded). */
  labels?: Int32Array;
  /** Logits, `classes` per example (absent until the models have run). */
  teacher?: Float32Array;
  student?: Float32Array;
  classes: number;
  /** Full class names, for tooltips, where the classes have names. */
  names?: string[];
  /** A class's name where space is short (table headers, cells). */
  shortName(c: number): string;
  /** What one example is called in counts ("image"). */
  noun: string;
  /** The student lane shown (its colour). */
  lane: number;
}
