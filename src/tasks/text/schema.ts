import { z } from '../../config/zod';
import { int, num, oneOf } from '../../config/fields';
import { STUDENT_VOCABS } from './student-vocab';
import { TeacherPool } from './pool';

/**
 * Character-level language modelling on a public-domain novel: token-level KD, sequence-level
 * KD on teacher samples, and on-policy distillation on the student's own samples (GKD).
 */
export const TextTask = z.object({
  kind: z.literal('text'),
  dataset: oneOf('Text', ['moby-dick'] as const),
  /** Characters per training window (the teacher reads up to 64). */
  context: int('Context', 8, 64),
  /** Fraction λ of batches the student generates and the teacher scores (GKD); 0 = off. */
  onPolicy: num('On-policy fraction λ', 0, 1),
  /** Train on sequences sampled from the teacher (sequence-level KD) instead of the corpus. */
  sequenceKd: z.boolean({ error: 'Sequence-level KD is on or off' }),
  /** Sampling temperature for generated batches and for the samples shown. */
  samplingTemperature: num('Sampling temperature', 0, 2),
  /** Samples of teacher and students are refreshed every this many steps. */
  sampleEvery: int('Sample interval', 10, 100000),
  /** The prompt the samples start from. */
  prompt: z
    .string({ error: 'The prompt is text' })
    .min(1, 'The prompt needs at least one character')
    .max(64, 'The prompt has at most 64 characters'),
  /** Held-out windows evaluated at each evaluation. */
  evalWindows: int('Held-out windows', 8, 512),
  /** The student's own vocabulary ("coarse": cross-vocabulary distillation with ULD). */
  studentVocab: oneOf('Student vocabulary', STUDENT_VOCABS).default('shared'),
  /**
   * A fixed pool of token-level KD windows whose teacher outputs are computed once (./pool.ts);
   * absent: fresh random windows every step, with the teacher run on each.
   */
  pool: TeacherPool.optional(),
});
export type TextTask = z.infer<typeof TextTask>;
