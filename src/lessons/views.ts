/**
 * The views a lesson's note can be pinned to, by a stable id. Pure: the ids are part of the
 * lesson format, so a lesson written today names the same view tomorrow; where each one is on
 * the page is the UI's business (src/ui/lessons/view-targets.ts).
 */
export const LESSON_VIEWS = {
  readouts: 'the live readouts',
  race: 'the race standings',
  loss: 'the loss chart',
  'loss-parts': 'the loss parts chart',
  accuracy: 'the accuracy chart',
  agreement: 'the agreement chart',
  kl: 'the KL chart',
  schedules: 'the schedules chart',
  perplexity: 'the perplexity chart',
  boundaries: 'the decision boundaries',
  inspector: 'the point inspector',
  samples: 'the samples',
  'next-tokens': 'the next-character distributions',
  gallery: 'the gallery of test images',
  confusion: 'the confusion matrices',
  calibration: 'the calibration diagrams',
  hacking: 'the teacher-hacking chart',
  'top-k': 'the chart against the teacher’s top k',
  'capacity-gap': 'the capacity-gap card',
  'several-teachers': 'the several-teachers card',
  draft: 'the draft-model demo',
} as const;

export type LessonView = keyof typeof LESSON_VIEWS;
export const LESSON_VIEW_IDS = Object.keys(LESSON_VIEWS) as [LessonView, ...LessonView[]];

/** The held-out metrics a run-until condition can watch (lane metrics of the tasks). */
export const LESSON_METRICS = {
  agreement: 'Agreement',
  studentAccuracy: 'Student accuracy',
  kl: 'KL(teacher‖student)',
  ece: 'Student ECE',
  perplexity: 'Student perplexity',
} as const;

export type LessonMetric = keyof typeof LESSON_METRICS;
export const LESSON_METRIC_IDS = Object.keys(LESSON_METRICS) as [LessonMetric, ...LessonMetric[]];
