/** The language task's pure part: Moby-Dick by character, the shipped transformer teacher. */
import { SEQUENCE_STUDENTS } from '../../config/models';
import { LANE_METRICS, TEACHER_METRICS } from '../../metrics';
import { studentPerplexity, teacherPerplexity } from '../../metrics/perplexity';
import { DRAFT_METRICS } from '../../metrics/acceptance';
import { defineTask, type TaskIssue } from '../types';
import { TEXT_CONFIG, TEXT_STUDENTS } from './defaults';
import { TEXT_VOCAB } from './normalise';
import { TEXT_PRESETS } from './presets';
import { textPreview } from './preview';
import type { TextTask } from './schema';
import { studentVocabSize } from './student-vocab';
import { CORPUS_CHARACTERS, LANGUAGE_SIZE_FIELDS, languageSizes } from './sizes';
import { poolIssues, poolSignals } from './pool';
import { LANGUAGE_FIELD_LABELS } from './field-labels';

export const text = defineTask({
  kind: 'text',
  label: 'Text: Moby-Dick, character by character',
  defaults: TEXT_CONFIG,
  studentPresets: Object.values(TEXT_STUDENTS),
  presets: TEXT_PRESETS,
  inputShape: (task: TextTask) => [task.context],
  classes: () => TEXT_VOCAB.length,
  studentClasses: (task: TextTask) => studentVocabSize(task.studentVocab),
  // A text batch has one row per token.
  rowsPerExample: (task: TextTask) => task.context,
  sizes: (task: TextTask) => languageSizes(task, CORPUS_CHARACTERS, TEXT_VOCAB.length),
  sharedVocabulary: (task: TextTask) => task.studentVocab === 'shared',
  checkModels(cfg) {
    const issues: TaskIssue[] = [];
    if (cfg.teacher.model.kind !== 'pretrained' || cfg.teacher.model.id !== 'char-transformer')
      issues.push({
        path: ['teacher', 'model', 'kind'],
        message: 'The text task uses the pretrained character transformer teacher',
      });
    if (!SEQUENCE_STUDENTS.includes(cfg.student.kind))
      issues.push({ path: ['student', 'kind'], message: 'The text task uses a transformer or a window-MLP student' });
    return [...issues, ...poolIssues(cfg.task, TEXT_VOCAB.length)];
  },
  teacherSignals: (task: TextTask) => poolSignals(task.pool, TEXT_VOCAB.length),
  sizeFields: LANGUAGE_SIZE_FIELDS,
  fieldLabels: {
    ...LANGUAGE_FIELD_LABELS,
    studentVocab: { label: 'Student vocabulary' },
    pool: { label: 'Teacher-output pool' },
    'pool.size': { label: 'Pool windows' },
    'pool.outputs': { label: 'Teacher outputs stored' },
    'pool.k': { label: 'Top k' },
    'pool.missingProbability': { label: 'Probability outside the top k' },
  },
  // Read afresh at every step or sample: where the next windows come from and how samples are
  // drawn. Changing them keeps the loaded corpus, teacher and students.
  liveFields: ['onPolicy', 'sequenceKd', 'samplingTemperature', 'sampleEvery', 'prompt'],
  // Language models are also judged by perplexity, and as draft models for the teacher (DistillSpec).
  laneMetrics: [...LANE_METRICS, studentPerplexity, ...DRAFT_METRICS],
  teacherMetrics: [...TEACHER_METRICS, teacherPerplexity],
  preview: textPreview,
  dataName: () => 'Moby-Dick',
  files: 'the corpus',
  importRefusal:
    'The text task cannot use imported layers models: its teacher and students read character ids, not feature vectors',
});
