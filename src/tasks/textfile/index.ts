/** The text file task's pure part: the user's own text, character by character, a teacher trained here. */
import { SEQUENCE_STUDENTS } from '../../config/models';
import { LANE_METRICS, TEACHER_METRICS } from '../../metrics';
import { studentPerplexity, teacherPerplexity } from '../../metrics/perplexity';
import { DRAFT_METRICS } from '../../metrics/acceptance';
import { defineTask, type TaskIssue } from '../types';
import { TEXTFILE_CONFIG, TEXTFILE_STUDENTS } from './defaults';
import { TEXTFILE_PRESETS } from './presets';
import { symbolCount, textfilePreview } from './preview';
import type { TextfileTask } from './schema';
import { LANGUAGE_SIZE_FIELDS, languageSizes } from '../text/sizes';
import { LANGUAGE_FIELD_LABELS } from '../text/field-labels';

export const textfile = defineTask({
  kind: 'textfile',
  label: 'Text: your own text file, character by character',
  defaults: TEXTFILE_CONFIG,
  studentPresets: Object.values(TEXTFILE_STUDENTS),
  presets: TEXTFILE_PRESETS,
  inputShape: (task: TextfileTask) => [task.context],
  // The vocabulary is the file's, filled into the config when the file was read.
  classes: (task: TextfileTask) => symbolCount(task),
  studentClasses: (task: TextfileTask) => symbolCount(task),
  rowsPerExample: (task: TextfileTask) => task.context,
  // The file's characters as ids, and the file itself while it is read.
  sizes: (task: TextfileTask) => {
    const s = languageSizes(task, task.characters, symbolCount(task));
    return { ...s, dataBytes: s.dataBytes + task.dataset.bytes };
  },
  sharedVocabulary: () => true,
  checkModels(cfg) {
    const issues: TaskIssue[] = [];
    if (cfg.teacher.model.kind !== 'transformer')
      issues.push({
        path: ['teacher', 'model', 'kind'],
        message: 'The text file task trains a transformer teacher on the file',
      });
    if (!SEQUENCE_STUDENTS.includes(cfg.student.kind))
      issues.push({
        path: ['student', 'kind'],
        message: 'The text file task uses a transformer or a window-MLP student',
      });
    return issues;
  },
  sizeFields: LANGUAGE_SIZE_FIELDS,
  fieldLabels: { ...LANGUAGE_FIELD_LABELS, testFraction: { label: 'Held-out fraction' } },
  // As for the shipped corpus: read afresh at every step or sample.
  liveFields: ['onPolicy', 'sequenceKd', 'samplingTemperature', 'sampleEvery', 'prompt'],
  laneMetrics: [...LANE_METRICS, studentPerplexity, ...DRAFT_METRICS],
  teacherMetrics: [...TEACHER_METRICS, teacherPerplexity],
  preview: textfilePreview,
  dataName: (task: TextfileTask) => task.dataset.name,
  files: 'the text file',
  importRefusal:
    'The text file task cannot use imported layers models: its teacher and students read character ids, not feature vectors',
});
