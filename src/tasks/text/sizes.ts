/**
 * The sizes (TaskSizes) of a character-level language task, the shipped corpus or a user's
 * text: its windows are cut per step (nothing to cache), the teacher runs on every batch, and
 * sequence-level and on-policy steps generate their windows first, one forward pass per token
 * after the prompt (engine/batches.ts): a sequence-level step of the shipped teacher costs
 * about twenty times a corpus step.
 */
import { POOL_CHUNK, TEACHER_WINDOWS, TEXT_CHUNK, WINDOW_CHUNK } from '../../config/chunks';
import type { SizeField, TaskSizes } from '../types';
import { promptLength, type LanguageTask } from './language';
import { POOL_SIZE_RANGE, poolBytesPerWindow, poolProbeWindows } from './pool';

/** Characters of the shipped corpus (public/data/text/meta.json, checked by a test). */
export const CORPUS_CHARACTERS = 1_190_141;

/** What a person can lower to make a language experiment smaller (config/budget.ts). */
export const LANGUAGE_SIZE_FIELDS: Readonly<Record<string, SizeField>> = {
  context: { count: true },
  evalWindows: { count: true },
  onPolicy: { count: false },
};

export function languageSizes(task: LanguageTask, characters: number, vocab: number): TaskSizes {
  const t = task.context;
  const p = promptLength(t);
  // Generating a window reads the tokens so far once per new token (models/generate.ts), from
  // the prompt to the full context: in passes over whole windows, the mean length over `t`.
  const generated = ((t + p) * (t + 1 - p)) / (2 * t);
  // Sized as the schema bounds it: a size out of range is that field's error, not a budget one.
  const pool = task.pool && { ...task.pool, size: Math.min(Math.max(task.pool.size, 0), POOL_SIZE_RANGE[1]) };
  return {
    trainExamples: 0,
    // A pool's probe windows are evaluated beside the held-out ones.
    testExamples: task.evalWindows + (pool ? poolProbeWindows(pool, task.evalWindows) : 0),
    gridExamples: 0,
    // The text as int32 ids, the held-out windows and their labels.
    dataBytes: characters * 4 + task.evalWindows * t * 8,
    teacherBatch: TEACHER_WINDOWS,
    teacherChunk: WINDOW_CHUNK,
    forwardChunk: TEXT_CHUNK,
    // A pool serves every corpus step without the teacher; generated windows still need it.
    teacherEveryStep: !pool || task.sequenceKd || task.onPolicy > 0,
    generation: {
      teacher: task.sequenceKd ? (1 - task.onPolicy) * generated : 0,
      student: task.onPolicy * generated,
    },
    ...(pool && {
      pool: { examples: pool.size, chunk: POOL_CHUNK, bytes: pool.size * poolBytesPerWindow(pool, t, vocab) },
    }),
  };
}
