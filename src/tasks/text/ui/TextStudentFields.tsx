/** The text task's student: a preset, a transformer's or a window MLP's shape, and its vocabulary. */
import { useConfigStore } from '../../../state/config';
import { ActivationField } from '../../../ui/controls/ActivationField';
import { NumberField, WidthsField } from '../../../ui/controls/fields';
import { StudentPreset } from '../../../ui/controls/StudentPreset';
import { TEXT_STUDENTS } from '../defaults';
import { StudentVocabField } from './StudentVocabField';

/**
 * A language task's student fields: its presets, and the vocabulary choice where the task offers
 * one (the shipped corpus).
 */
export function LanguageStudentFields({
  presets,
  ownVocab,
}: {
  presets: Record<string, { label: string; spec: unknown }>;
  ownVocab: boolean;
}) {
  const kind = useConfigStore((s) => s.config.student.kind);
  return (
    <>
      <StudentPreset presets={presets} />
      {kind === 'transformer' ? (
        <div className="field-grid">
          <NumberField path="student.layers" label="Layers" />
          <NumberField path="student.width" label="Width" />
          <NumberField path="student.heads" label="Heads" />
        </div>
      ) : (
        <div className="field-grid">
          <NumberField path="student.window" label="Window (characters)" />
          <NumberField path="student.embed" label="Embedding width" />
          <WidthsField path="student.hidden" label="Hidden widths" hint="Empty = none" />
          <ActivationField path="student.activation" />
        </div>
      )}
      {ownVocab ? <StudentVocabField /> : null}
    </>
  );
}

export const TextStudentFields = () => <LanguageStudentFields presets={TEXT_STUDENTS} ownVocab />;
