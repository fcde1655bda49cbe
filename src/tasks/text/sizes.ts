/**
 * The sizes (TaskSizes) of a character-level language task, the shipped corpus or a user's
 * text: its windows are cut per step (nothing to cache), the teacher runs on every batch, and
 * sequence-level and on-policy steps generate their windows first, one forward pass per token
 * after the prompt (engine/batches.ts): a sequence-level step of the shipped teacher costs
 * about twenty times a corpus step.
 */
import { TEACHER_WINDOWS, TEXT_CHUNK, WINDOW_CHUNK } from '../../config/chunks';
import type { SizeField, TaskSizes } from '../types';
import { promptLength, type LanguageTask } from './language';

/** Characters of the shipped corpus (public/data/text/meta.json, checked by a test). */
export const CORPUS_CHARACTERS = 1_190_141;

/** What a person can lower to make a language experiment smaller (config/budget.ts). */
export const LANGUAGE_SIZE_FIELDS: Readonly<Record<string, SizeField>> = {
  context: { count: true },
  evalWindows: { count: true },
  onPolicy: { count: false },
};

export function languageSizes(task: LanguageTask, characters: number): TaskSizes {
  const t = task.context;
  const p = promptLength(t);
  // Generating a window reads the tokens so far once per new token (models/generate.ts), from
  // the prompt to the full context: in passes over whole windows, the mean length over `t`.
  const generated = ((t + p) * (t + 1 - p)) / (2 * t);
  return {
    trainExamples: 0,
    testExamples: task.evalWindows,
    gridExamples: 0,
    // The text as int32 ids, the held-out windows and their labels.
    dataBytes: characters * 4 + task.evalWindows * t * 8,
    teacherBatch: TEACHER_WINDOWS,
    teacherChunk: WINDOW_CHUNK,
    forwardChunk: TEXT_CHUNK,
    teacherEveryStep: true,
    generation: {
      teacher: task.sequenceKd ? (1 - task.onPolicy) * generated : 0,
      student: task.onPolicy * generated,
    },
  };
}
