/**
 * What every character-level language task shares (the shipped corpus, a user's text file):
 * the fields the step source, the queries and the views read. They ask for these by shape, not
 * by task kind, so one set of batches, queries and views serves both tasks.
 */
import type { TextPreview } from './preview';
import type { TextTask } from './schema';
import type { StudentVocabKind } from './student-vocab';
import type { TeacherPool } from './pool';

/** The fields of a language task the shared code reads. */
export type LanguageTask = { kind: string } & Pick<
  TextTask,
  'context' | 'onPolicy' | 'sequenceKd' | 'samplingTemperature' | 'sampleEvery' | 'prompt' | 'evalWindows'
> & {
    /** A student vocabulary of its own (the shipped corpus only); absent: the teacher's. */
    studentVocab?: StudentVocabKind;
    /** A teacher-output pool of fixed windows (./pool.ts); absent: fresh windows every step. */
    pool?: TeacherPool;
  };

/** Corpus characters that start each generated window (a quarter of it, at least one). */
export const promptLength = (context: number): number => Math.max(1, Math.floor(context / 4));

/** The task as a language task, or null when it is not one. */
export function languageTask(task: { kind: string }): LanguageTask | null {
  return 'prompt' in task && 'sampleEvery' in task && 'context' in task ? (task as LanguageTask) : null;
}

/** A language task's preview: its vocabulary, a held-out passage once loaded. */
export type LanguagePreview = Omit<TextPreview, 'kind'> & { kind: string };

/** The preview as a language task's, or undefined when it is another task's. */
export function languagePreview(preview: { kind: string } | null | undefined): LanguagePreview | undefined {
  return preview && 'vocab' in preview && typeof preview.vocab === 'string' ? (preview as LanguagePreview) : undefined;
}
