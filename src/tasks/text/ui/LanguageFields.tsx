/**
 * The Data fields every language task shares: the context, held-out evaluation, and where
 * training windows come from (on-policy share, sampling, sequence-level KD). `heldOut` adds
 * the task's own held-out fields; `source` names where prompts and windows come from.
 */
import type { ReactNode } from 'react';
import { NumberField, ToggleField } from '../../../ui/controls/fields';

export function LanguageFields({ heldOut, prompt, source }: { heldOut?: ReactNode; prompt: string; source: string }) {
  return (
    <>
      <div className="field-grid">
        <NumberField path="task.context" label="Context (characters)" />
        {heldOut}
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
        help={`The other steps train on text the teacher writes from ${prompt}, its draws as labels (Kim & Rush 2016), instead of on ${source}.`}
      />
    </>
  );
}
