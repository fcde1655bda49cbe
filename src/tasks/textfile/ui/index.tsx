/** The text file task's UI part: its file and fields; the language task's views, student fields and perplexity chart. */
import { textUi } from '../../text/ui';
import { LanguageStudentFields } from '../../text/ui/TextStudentFields';
import type { TaskUi } from '../../ui-types';
import { TEXTFILE_STUDENTS } from '../defaults';
import { TextfileDataFields } from './TextfileDataFields';

const TextfileStudentFields = () => <LanguageStudentFields presets={TEXTFILE_STUDENTS} ownVocab={false} />;

export const textfileUi: TaskUi = {
  ...textUi,
  DataFields: TextfileDataFields,
  StudentFields: TextfileStudentFields,
};
