/** The live numbers, as labelled text (screen readers and tests read these). */
import { useId, type CSSProperties, type ReactNode } from 'react';
import { taskDef } from '../tasks/registry';
import { evalColumnName, lossColumnName, useRunStore } from '../state/run';
import { useShallow } from 'zustand/react/shallow';
import { useConfigStore } from '../state/config';
import { getObjective } from '../objectives';
import { fixed, metricFormat, stepsRate } from './format';
import { laneColor } from './palette';
import { studio } from '../state/studio';
import './readouts.css';

function Readout({
  label,
  value,
  title,
  className,
  style,
  describedBy,
  valueId,
  children,
}: {
  label: string;
  value: string;
  title?: string;
  className?: string;
  style?: CSSProperties;
  /** The element that says whose number this is (the student shown, in a race). */
  describedBy?: string;
  valueId?: string;
  children?: ReactNode;
}) {
  return (
    // Each readout is a named group (tests and screen readers find a number by its label). A
    // <dl> may hold only plain <div>s of <dt>/<dd>, so the explicit roles say the same thing
    // as a group of term and definition, which axe-core accepts.
    <div
      className={className ? `readout ${className}` : 'readout'}
      style={style}
      title={title}
      role="group"
      aria-label={label}
      aria-describedby={describedBy}
    >
      <dt role="term">{label}</dt>
      <dd id={valueId} role="definition">
        {value}
      </dd>
      {children}
    </div>
  );
}

export function Readouts() {
  useRunStore((s) => s.version); // series are mutated in place; version says they changed
  const backend = useRunStore((s) => s.backend);
  const session = useRunStore((s) => s.session);
  const selected = useRunStore((s) => s.lane);
  const { step, stepsPerSecond, evals, numTensors } = useRunStore.getState();
  const lanes = session?.lanes ?? 1;
  const lane = Math.min(selected, lanes - 1);
  const kind = useConfigStore((s) => s.config.task.kind);
  const objective = useConfigStore((s) => s.config.lanes[lane]?.objective);
  const shownId = useId();
  // In a race the student's numbers are those of the student the views show: said in words
  // beside them, and in that student's colour along their top edge.
  const race = lanes > 1;
  const laneStyle = race ? { borderTop: `3px solid ${laneColor(lane)}` } : undefined;
  return (
    <dl className="readouts" role="group" aria-label="Live readouts">
      <Readout label="Step" value={step.toLocaleString('en-US')} />
      {taskDef(kind).teacherMetrics.map((m) => (
        <Readout key={m.id} label={m.label} value={metricFormat(m.format, session?.teacherMetrics[m.id])} />
      ))}
      {race ? (
        <Readout
          label="Student shown"
          value={`Student ${lane + 1}`}
          valueId={shownId}
          className="readout-lane"
          style={laneStyle}
          title="The numbers beside this are this student’s: pick another in the tabs above the maps or in the standings"
        >
          <span className="readout-lane-name">
            <span className="lane-swatch" style={{ background: laneColor(lane) }} aria-hidden="true" />
            {objective ? getObjective(objective).name : ''}
          </span>
        </Readout>
      ) : null}
      {taskDef(kind).laneMetrics.map((m) => (
        <Readout
          key={m.id}
          label={m.label}
          value={metricFormat(m.format, evals.last(evalColumnName(lane, m.id)))}
          title={`On the held-out set${race ? `, student ${lane + 1}` : ''}`}
          style={laneStyle}
          describedBy={race ? shownId : undefined}
        />
      ))}
      <Readout label="Steps/s" value={stepsRate(stepsPerSecond)} />
      <Readout label="Backend" value={backend ? backend.name : '—'} title={backend?.adapter}>
        {backend?.choice === 'auto' ? (
          <button
            type="button"
            className="btn btn-small readout-action"
            title="Forget Auto's choice for this experiment on this device and time every backend again at the next Play (the run starts afresh)"
            onClick={studio.chooseBackendAgain}
          >
            Choose again
          </button>
        ) : null}
      </Readout>
      <Readout
        label="Tensors"
        value={numTensors !== undefined ? String(numTensors) : '—'}
        title="Live tensors in the worker: flat when nothing leaks"
      />
    </dl>
  );
}

/** A race's standings: every lane's latest held-out metrics side by side. */
export function RaceTable() {
  useRunStore((s) => s.version);
  const session = useRunStore((s) => s.session);
  const selected = useRunStore((s) => s.lane);
  const objectives = useConfigStore(useShallow((s) => s.config.lanes.map((l) => l.objective)));
  const { evals, loss } = useRunStore.getState();
  const metrics = taskDef(useConfigStore.getState().config.task.kind).laneMetrics;
  const lanes = Math.min(objectives.length, session?.lanes ?? 0);
  if (lanes < 2) return null;
  const best = (metric: string, higher: boolean) => {
    const values = Array.from({ length: lanes }, (_, i) => evals.last(evalColumnName(i, metric)) ?? NaN);
    const target = higher ? Math.max(...values) : Math.min(...values);
    return values.map((v) => Number.isFinite(v) && v === target);
  };
  const bestAgree = best('agreement', true);
  const bestAcc = best('studentAccuracy', true);
  const bestKl = best('kl', false);
  const bestPpl = best('perplexity', false);
  // A language task's draft metrics: more accepted, more characters per teacher call.
  const bestDraft = Object.fromEntries(
    ['acceptance', 'draftChars', 'greedyDraftChars'].map((id) => [id, best(id, true)] as const),
  );
  return (
    <table className="race-table" aria-label="Race standings">
      <thead>
        <tr>
          <th scope="col">Student</th>
          <th scope="col">Objective</th>
          {metrics.map((m) => (
            <th key={m.id} scope="col">
              {m.label}
            </th>
          ))}
          <th scope="col">Loss</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: lanes }, (_, i) => (
          <tr
            key={i}
            className={i === selected ? 'selected' : undefined}
            onClick={() => useRunStore.getState().selectLane(i)}
          >
            <th scope="row">
              <span className="lane-swatch" style={{ background: laneColor(i) }} aria-hidden="true" /> {i + 1}
            </th>
            <td>{getObjective(objectives[i]!).name}</td>
            {metrics.map((m) => {
              const isBest = {
                agreement: bestAgree,
                studentAccuracy: bestAcc,
                kl: bestKl,
                perplexity: bestPpl,
                ...bestDraft,
              }[m.id]?.[i];
              return (
                <td key={m.id} className={isBest ? 'best' : undefined}>
                  {metricFormat(m.format, evals.last(evalColumnName(i, m.id)))}
                </td>
              );
            })}
            <td>{fixed(loss.last(lossColumnName(i, 'total')), 3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
