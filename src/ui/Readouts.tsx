/** The live numbers, as labelled text (screen readers and tests read these). */
import { LANE_METRICS, TEACHER_METRICS } from '../metrics';
import { evalColumnName, useRunStore } from '../state/run';
import { metricFormat } from './format';

function Readout({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="readout" title={title}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function Readouts() {
  useRunStore((s) => s.version); // series are mutated in place; version says they changed
  const backend = useRunStore((s) => s.backend);
  const session = useRunStore((s) => s.session);
  const { step, stepsPerSecond, evals, numTensors } = useRunStore.getState();
  return (
    <dl className="readouts" aria-label="Live readouts">
      <Readout label="Step" value={step.toLocaleString('en-US')} />
      {TEACHER_METRICS.map((m) => (
        <Readout key={m.id} label={m.label} value={metricFormat(m.format, session?.teacher[m.id])} />
      ))}
      {LANE_METRICS.map((m) => (
        <Readout
          key={m.id}
          label={m.label}
          value={metricFormat(m.format, evals.last(evalColumnName(0, m.id)))}
          title="On the held-out set"
        />
      ))}
      <Readout label="Steps/s" value={stepsPerSecond ? stepsPerSecond.toFixed(0) : '—'} />
      <Readout label="Backend" value={backend ? backend.name : '—'} title={backend?.adapter} />
      <Readout
        label="Tensors"
        value={numTensors !== undefined ? String(numTensors) : '—'}
        title="Live tensors in the worker: flat when nothing leaks"
      />
    </dl>
  );
}
