/** The text task's Data fields: the corpus, the context, evaluation, where training windows come from, and the teacher-output pool. */
import { LanguageFields } from './LanguageFields';
import { PoolFields } from './PoolFields';

export function TextDataFields() {
  return (
    <>
      <p className="field-hint">
        <cite>Moby-Dick</cite> (Herman Melville, 1851; public domain), lowercased to 49 characters; the last 10% is held
        out.
      </p>
      <LanguageFields prompt="a corpus prompt" source="the corpus" />
      <PoolFields />
    </>
  );
}
