/** The text task's Data fields: the corpus, the context, evaluation, and where training windows come from. */
import { LanguageFields } from './LanguageFields';

export function TextDataFields() {
  return (
    <>
      <p className="field-hint">
        <cite>Moby-Dick</cite> (Herman Melville, 1851; public domain), lowercased to 49 characters; the last 10% is held
        out.
      </p>
      <LanguageFields prompt="a corpus prompt" source="the corpus" />
    </>
  );
}
