/**
 * A student vocabulary that differs from the teacher's, for cross-vocabulary distillation
 * (ULD). "coarse" keeps letters, space and newline, writes every digit as "#" and every
 * punctuation mark as ".": 30 symbols against the teacher's 49. Positions still line up one
 * character to one character, so only the vocabularies differ.
 */
import { TEXT_VOCAB } from './normalise';

export const STUDENT_VOCABS = ['shared', 'coarse'] as const;
export type StudentVocabKind = (typeof STUDENT_VOCABS)[number];

export const COARSE_VOCAB = '\n .#abcdefghijklmnopqrstuvwxyz';

export interface StudentVocab {
  /** The student's characters in id order. */
  chars: string;
  /** Teacher id → student id. */
  map: Int32Array;
  /** Student id → the teacher id that stands for it ("#" → "0", "." → "."). */
  back: Int32Array;
}

const coarseChar = (ch: string): string => (/[0-9]/.test(ch) ? '#' : /[a-z \n]/.test(ch) ? ch : '.');

/** The student's vocabulary and the maps between it and the teacher's; null when shared. */
export function studentVocab(kind: StudentVocabKind): StudentVocab | null {
  if (kind === 'shared') return null;
  const chars = COARSE_VOCAB;
  const map = Int32Array.from(Array.from(TEXT_VOCAB), (ch) => chars.indexOf(coarseChar(ch)));
  const back = Int32Array.from(Array.from(chars), (ch) => TEXT_VOCAB.indexOf(ch === '#' ? '0' : ch));
  return { chars, map, back };
}

export const studentVocabSize = (kind: StudentVocabKind): number =>
  studentVocab(kind)?.chars.length ?? TEXT_VOCAB.length;
