/** The text task's Data fields: the corpus, the context, evaluation, and where training windows come from. */
import { NumberField, ToggleField } from '../../../ui/controls/fields';

export function TextDataFields() {
  return (
    <>
      <p className="field-hint">
        <cite>Moby-Dick</cite> (Herman Melville, 1851; public domain), lowercased to 49 characters; the last 10% is held
        out.
      </p>
      <div className="field-grid">
        <NumberField path="task.context" label="Context (characters)" />
        <NumberField path="task.evalWindows" label="Held-out windows" hint="Evaluated at every evaluation" />
        <NumberField path="seed" label="Seed" />
        <NumberField
          path="task.onPolicy"
          label="On-policy λ"
          hint="Share of steps on the students’ own samples (GKD): no labels there, so KD has weight 1"
        />
        <NumberField path="task.samplingTemperature" label="Sampling temperature" hint="0 = greedy" />
        <NumberField path="task.sampleEvery" label="Samples every (steps)" />
      </div>
      <ToggleField
        path="task.sequenceKd"
        label="Sequence-level KD (train on teacher samples)"
        help="The other steps train on text the teacher writes from a corpus prompt, its draws as labels (Kim & Rush 2016), instead of on the corpus."
      />
    </>
  );
}
