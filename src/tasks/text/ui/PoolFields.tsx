/**
 * The teacher-output pool's controls (../pool.ts): on or off, its size, what it stores, and
 * what becomes of the probability outside the top k; beside them what it costs to keep (from
 * the config) and how much probability the top k leaves out (measured when it is filled).
 */
import { useId } from 'react';
import { useConfigStore } from '../../../state/config';
import { useRunStore } from '../../../state/run';
import { FieldNote, NumberField, SelectField } from '../../../ui/controls/fields';
import { LaneChoiceFields } from '../../../ui/controls/LaneChoiceFields';
import { bytesText, percent } from '../../../ui/format';
import { languagePreview } from '../language';
import { TEXT_VOCAB } from '../normalise';
import {
  DEFAULT_POOL,
  poolBytesPerWindow,
  poolLaneData,
  truncates,
  type MissingProbability,
  type PoolLaneData,
  type TeacherPool,
} from '../pool';
import type { TextTask } from '../schema';

const OUTPUTS = [
  { value: 'top-k', label: 'Top k probabilities per token' },
  { value: 'full', label: 'The full distribution' },
] as const;

const MISSING: readonly { value: MissingProbability; label: string }[] = [
  { value: 'zero', label: 'Renormalise the kept k (DistillKit: zero)' },
  { value: 'symmetric_uniform', label: 'Spread the rest uniformly (DistillKit: symmetric_uniform)' },
];

const LANE_WINDOWS: readonly { value: PoolLaneData; label: string }[] = [
  { value: 'pool', label: 'The pool’s windows' },
  { value: 'fresh', label: 'Fresh windows, a teacher pass each step' },
];

/** Where the steps' windows come from, when some are generated and not drawn from the pool. */
function generatedNote(task: TextTask): string | null {
  if (task.sequenceKd && task.onPolicy === 0)
    return 'Sequence-level KD is on: every step trains on windows the teacher writes, so the pool serves no step.';
  if (task.sequenceKd)
    return `On-policy (λ = ${task.onPolicy}) and sequence-level steps generate their windows, with the teacher run on them: the pool serves no step.`;
  if (task.onPolicy > 0)
    return `On-policy steps (λ = ${task.onPolicy}) train on the students’ own samples, scored by the teacher as they are made; the pool serves the other steps.`;
  return null;
}

function PoolReadout({ pool, task }: { pool: TeacherPool; task: TextTask }) {
  const measured = useRunStore((s) => languagePreview(s.data)?.pool);
  const perWindow = poolBytesPerWindow(pool, task.context, TEXT_VOCAB.length);
  const stored = `Stores ${bytesText(perWindow)} per window, ${bytesText(perWindow * pool.size)} for the pool.`;
  let mass = '';
  if (truncates(pool, TEXT_VOCAB.length))
    mass = measured
      ? ` Probability outside the top ${pool.k}: ${percent(measured.truncatedMass, 2)} on average over the pool’s ${(measured.windows * task.context).toLocaleString('en-US')} tokens.`
      : ` Probability outside the top ${pool.k}: measured when the pool is filled (Play).`;
  return (
    <p className="field-hint" aria-label="Teacher-output pool readout">
      {stored}
      {mass}
    </p>
  );
}

export function PoolFields() {
  const id = useId();
  const task = useConfigStore((s) => (s.config.task.kind === 'text' ? s.config.task : null));
  const error = useConfigStore((s) => s.errors['task.pool']?.message);
  if (!task) return null;
  const { pool } = task;
  const toggle = (on: boolean) => {
    const { update, config } = useConfigStore.getState();
    if (config.task.kind !== 'text') return;
    // Off removes the section: a config without a pool is one with fresh windows.
    if (on) update('task.pool', DEFAULT_POOL);
    else {
      const { pool: _off, ...fresh } = config.task;
      update('task', fresh);
    }
  };
  const note = pool ? generatedNote(task) : null;
  return (
    <div className="field-group" data-path="task.pool">
      <div className={`field field-toggle${error ? ' field-invalid' : ''}`}>
        <input id={id} type="checkbox" checked={Boolean(pool)} onChange={(e) => toggle(e.target.checked)} />
        <label htmlFor={id}>A fixed pool of windows, teacher outputs computed once</label>
        <FieldNote
          error={error}
          hint="Each step draws its windows from a pool the teacher has already scored, instead of fresh random windows with a teacher pass: faster steps, but a fixed set the student can learn by heart (the chart of pool against held-out agreement shows it)."
        />
      </div>
      {pool ? (
        <>
          <div className="field-grid">
            <NumberField path="task.pool.size" label="Pool windows" hint="Drawn once from the seed" />
            <SelectField path="task.pool.outputs" label="Teacher outputs stored" options={OUTPUTS} />
            {pool.outputs === 'top-k' ? (
              <>
                <NumberField path="task.pool.k" label="Top k" hint={`Of ${TEXT_VOCAB.length} characters`} />
                <SelectField
                  path="task.pool.missingProbability"
                  label="Probability outside the top k"
                  options={MISSING}
                />
              </>
            ) : null}
          </div>
          <LaneChoiceFields
            path="task.pool.lanes"
            legend="Windows per student"
            options={LANE_WINDOWS}
            valueOf={(i) => poolLaneData(pool, i)}
            hint="A student on fresh windows beside one on the pool: the teacher-hacking chart then compares each one’s distance to the teacher on its own windows (proxy) with its distance to the oracle on held-out windows (golden; the oracle is the teacher itself unless a small teacher is distilled first)."
          />
          <PoolReadout pool={pool} task={task} />
          {note ? <p className="field-hint field-warning">{note}</p> : null}
        </>
      ) : null}
    </div>
  );
}
