/**
 * A lesson: an ordered list of checkpoints, each an experiment, a condition to run until, a note
 * pinned to a view and optionally a question. Plain JSON (a teacher can write one by hand), so
 * this schema is what checks it wherever it comes from: the shipped files, an imported file, a
 * link. Pure: no DOM, no tfjs.
 *
 * The experiment of a step is a ready-made experiment (a preset id), or a patch of dotted paths
 * ("lanes.0.params.T": 1), or both (the patch applied on the preset). A step without a preset
 * starts from the previous step's experiment, the first from the default. resolve.ts applies them
 * through the link's repair, so a bad value gets the same clear message a bad link gets.
 */
import { z } from '../config/zod';
import { LESSON_METRIC_IDS, LESSON_VIEW_IDS } from './views';

/** Bounds that keep a hostile lesson cheap; the shipped ones are far inside them. */
export const LESSON_LIMITS = {
  steps: 20,
  titleChars: 120,
  textChars: 1500,
  choices: 6,
  choiceChars: 200,
  patchEntries: 60,
  /** The most steps a checkpoint may run to (the schema's Steps allows more; a lesson should not). */
  maxStep: 100_000,
} as const;

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} is text` })
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`);

const step = (what: string) =>
  z
    .number({ error: `${what} is a number of steps` })
    .int(`${what} must be a whole number of steps`)
    .min(1, `${what} must be at least 1`)
    .max(LESSON_LIMITS.maxStep, `${what} must be at most ${LESSON_LIMITS.maxStep.toLocaleString('en-US')}`);

/** A JSON value a patch may set: numbers, words, on/off, lists and groups of them. */
const PatchValue: z.ZodType<unknown> = z.custom((v) => v !== undefined, 'A patch value is missing');

export const LessonExperiment = z
  .object({
    preset: z.string({ error: 'The preset is the id of a ready-made experiment' }).max(60).optional(),
    patch: z
      .record(z.string().min(1, 'A patch path is empty').max(80, 'A patch path is too long'), PatchValue, {
        error: 'The patch is a group of "dotted.path": value pairs',
      })
      .refine((p) => Object.keys(p).length <= LESSON_LIMITS.patchEntries, {
        message: `A patch has at most ${LESSON_LIMITS.patchEntries} settings`,
      })
      .optional(),
  })
  .strict();

export const RunUntil = z.union(
  [
    z.object({ steps: step('The checkpoint step') }).strict(),
    z
      .object({
        metric: z.enum(LESSON_METRIC_IDS, { error: `The metric is one of ${LESSON_METRIC_IDS.join(', ')}` }),
        lane: z
          .number({ error: 'The lane is a student number, from 0' })
          .int('The lane is a whole number')
          .min(0, 'The lane is at least 0')
          .max(5, 'The lane is at most 5')
          .default(0),
        op: z.enum(['>=', '<='], { error: 'The comparison is ">=" or "<="' }),
        value: z.number({ error: 'The value to cross is a number' }).finite('The value to cross is a finite number'),
        cap: step('The step cap'),
      })
      .strict(),
  ],
  { error: 'Run until is {"steps": n} or {"metric", "op", "value", "cap"}' },
);
export type RunUntil = z.infer<typeof RunUntil>;

export const LessonNote = z
  .object({
    view: z.enum(LESSON_VIEW_IDS, { error: `The view is one of ${LESSON_VIEW_IDS.join(', ')}` }),
    text: text('The note', LESSON_LIMITS.textChars),
    /** The student the views and the parts charts show (from 0), when the note is about one. */
    lane: z
      .number({ error: 'The note’s lane is a student number, from 0' })
      .int('The note’s lane is a whole number')
      .min(0, 'The note’s lane is at least 0')
      .max(5, 'The note’s lane is at most 5')
      .optional(),
  })
  .strict();

export const LessonQuestion = z
  .object({
    prompt: text('The question', LESSON_LIMITS.textChars),
    choices: z
      .array(text('A choice', LESSON_LIMITS.choiceChars), { error: 'The choices are a list of texts' })
      .min(2, 'A question has at least 2 choices')
      .max(LESSON_LIMITS.choices, `A question has at most ${LESSON_LIMITS.choices} choices`),
    /** Index of the right choice, from 0. */
    answer: z.number({ error: 'The answer is the number of the right choice, from 0' }).int().min(0),
    /** Shown once the question is answered, right or wrong: why. */
    feedback: text('The feedback', LESSON_LIMITS.textChars),
  })
  .strict()
  .refine((q) => q.answer < q.choices.length, {
    message: 'The answer must be one of the choices',
    path: ['answer'],
  });
export type LessonQuestion = z.infer<typeof LessonQuestion>;

export const LessonStep = z
  .object({
    title: text('The step title', LESSON_LIMITS.titleChars),
    experiment: LessonExperiment.default({}),
    until: RunUntil,
    note: LessonNote,
    question: LessonQuestion.optional(),
  })
  .strict();
export type LessonStep = z.infer<typeof LessonStep>;

export const LESSON_FORMAT = 1;

export const Lesson = z
  .object({
    format: z.literal(LESSON_FORMAT, { error: `This is not a KD Studio lesson (format ${LESSON_FORMAT})` }),
    title: text('The lesson title', LESSON_LIMITS.titleChars),
    summary: text('The summary', LESSON_LIMITS.textChars),
    steps: z
      .array(LessonStep, { error: 'The steps are a list' })
      .min(1, 'A lesson has at least one step')
      .max(LESSON_LIMITS.steps, `A lesson has at most ${LESSON_LIMITS.steps} steps`),
  })
  .strict();
export type Lesson = z.infer<typeof Lesson>;
