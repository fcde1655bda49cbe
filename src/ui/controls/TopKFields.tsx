/**
 * A lane's top-k teacher (lanes.N.teacherTopK, lanes.N.missingProbability): how many of the
 * teacher's classes it keeps, what becomes of the rest (DistillKit's two handlings), and beside
 * them what that costs to store and how much of the teacher's probability it leaves out (measured
 * on the held-out set when the session loads). Language tasks keep their top k in the
 * teacher-output pool instead (Data), so nothing shows there.
 */
import { truncatesAt, topKBytes, type MissingProbability } from '../../lib/top-k';
import { laneTopKFits } from '../../config/schema';
import { forTask } from '../../tasks/registry';
import { useConfigStore } from '../../state/config';
import { useRunStore } from '../../state/run';
import { bytesText, percent } from '../format';
import { SelectField, SliderField } from './fields';

const MISSING: readonly { value: MissingProbability; label: string }[] = [
  { value: 'zero', label: 'Renormalise the kept k (DistillKit: zero)' },
  { value: 'symmetric_uniform', label: 'Spread the rest uniformly (DistillKit: symmetric_uniform)' },
];

/** The readout's sentence: what the lane keeps, its bytes per example, and the mass it drops. */
export function topKReadout(k: number | undefined, classes: number, tail: readonly number[] | undefined): string {
  const whole = topKBytes(undefined, classes);
  if (!truncatesAt(k, classes)) return `The whole distribution: ${bytesText(whole)} per example.`;
  const mass = tail?.[k];
  return (
    `Keeps ${k} of ${classes} classes: ${bytesText(topKBytes(k, classes))} per example (the whole: ${bytesText(whole)}). ` +
    (mass === undefined
      ? 'The probability it leaves out is measured when the teacher is ready (Play).'
      : `Leaves out ${percent(mass, 2)} of the teacher’s probability on the held-out set (T = 1).`)
  );
}

export function TopKFields({ lane }: { lane: number }) {
  const task = useConfigStore((s) => s.config.task);
  const k = useConfigStore((s) => s.config.lanes[lane]?.teacherTopK);
  const tail = useRunStore((s) => s.session?.teacherTailMass);
  if (!laneTopKFits(task)) return null;
  const classes = forTask(task).classes(task);
  const base = `lanes.${lane}`;
  return (
    <div className="top-k">
      <SliderField
        path={`${base}.teacherTopK`}
        label="Teacher top k"
        min={0}
        max={classes}
        step={1}
        help="The teacher gives this student only its k most probable classes (FIRST; DistillKit stores top-k outputs). 0 or all classes: the whole distribution."
      />
      {truncatesAt(k, classes) ? (
        <SelectField path={`${base}.missingProbability`} label="Missing probability" options={MISSING} />
      ) : null}
      <p className="field-hint" aria-label={`Student ${lane + 1} top-k readout`}>
        {topKReadout(k, classes, tail?.length === classes + 1 ? tail : undefined)}
      </p>
    </div>
  );
}
