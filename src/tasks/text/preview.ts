import { TEXT_VOCAB } from './normalise';
import type { TextTask } from './schema';
import { studentVocab } from './student-vocab';

/** The text task: the vocabulary at once, a held-out passage once the corpus is loaded. */
export interface TextPreview {
  kind: 'text';
  classes: number;
  classNames?: undefined;
  /** Characters in id order. */
  vocab: string;
  /** A student vocabulary of its own: its characters, and each teacher id's student id. */
  student?: { vocab: string; map: number[] };
  /** The start of the held-out text, for the next-token view. */
  passage?: string;
  /** A filled teacher-output pool: its windows, stored bytes and mean truncated mass (measured). */
  pool?: { windows: number; bytes: number; truncatedMass: number };
}

export function textPreview(task: TextTask): TextPreview {
  const own = studentVocab(task.studentVocab);
  return {
    kind: 'text',
    classes: TEXT_VOCAB.length,
    vocab: TEXT_VOCAB,
    ...(own && { student: { vocab: own.chars, map: Array.from(own.map) } }),
  };
}
