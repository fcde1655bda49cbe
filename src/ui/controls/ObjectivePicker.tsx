/**
 * One lane's objective: the picker (objectives the models cannot feed are greyed out with the
 * reason), the paper, the parameters rendered from the objective's metadata, and schedules.
 */
import { useId } from 'react';
import { signalContext } from '../../config/schema';
import { OBJECTIVES, defaultParams, getObjective, unavailableReason } from '../../objectives';
import { TEMPERATURE_SCHEDULES } from '../../objectives/schedule';
import { useConfigStore } from '../../state/config';
import { TopKFields } from './TopKFields';
import { FieldLabel, NumberField, SelectField, SliderField, ToggleField, useControlHidden } from './fields';

const SCHEDULE_LABELS = { constant: 'Constant', linear: 'Linear to final T', cosine: 'Cosine to final T' } as const;

export function ObjectivePicker({ lane }: { lane: number }) {
  const id = useId();
  const objectiveId = useConfigStore((s) => s.config.lanes[lane]?.objective ?? 'hinton');
  const schedule = useConfigStore((s) => s.config.lanes[lane]?.schedule);
  const student = useConfigStore((s) => s.config.student);
  const teacher = useConfigStore((s) => s.config.teacher);
  const train = useConfigStore((s) => s.config.train);
  const task = useConfigStore((s) => s.config.task);
  const error = useConfigStore((s) => (s.errors[`lanes.${lane}`] ?? s.errors[`lanes.${lane}.objective`])?.message);
  const ctx = signalContext({ student, teacher, train, task });
  const def = getObjective(objectiveId);
  const base = `lanes.${lane}`;
  const objectiveHidden = useControlHidden(`${base}.objective`);
  return (
    <div className="objective">
      {objectiveHidden ? null : (
        <div className={`field${error ? ' field-invalid' : ''}`} data-path={`${base}.objective`}>
          <FieldLabel htmlFor={id} label="Objective" />
          <select
            id={id}
            value={objectiveId}
            onChange={(e) => {
              const next = getObjective(e.target.value);
              const { config, update } = useConfigStore.getState();
              update(`${base}`, { ...config.lanes[lane]!, objective: next.id, params: defaultParams(next) });
            }}
          >
            {OBJECTIVES.map((o) => {
              const reason = unavailableReason(o, ctx);
              return (
                <option key={o.id} value={o.id} disabled={reason !== null} title={reason ?? o.description}>
                  {o.name}
                  {reason ? ' (unavailable)' : ''}
                </option>
              );
            })}
          </select>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      )}
      <p className="objective-description">
        {def.description}
        {def.paper ? (
          <cite>
            {def.paper.authors}, “{def.paper.title}”, {def.paper.venue ? `${def.paper.venue} ` : ''}
            {def.paper.year}
          </cite>
        ) : null}
      </p>
      <UnavailableList ctx={ctx} />
      {def.params.map((p) =>
        p.kind === 'toggle' ? (
          <ToggleField key={p.key} path={`${base}.params.${p.key}`} label={p.label} help={p.help} />
        ) : (
          <SliderField
            key={p.key}
            path={`${base}.params.${p.key}`}
            label={p.label}
            min={p.min}
            max={p.max}
            step={p.step}
            help={p.help}
          />
        ),
      )}
      {def.needs.teacher ? <TopKFields lane={lane} /> : null}
      {def.schedulable ? (
        <div className="field-grid schedule">
          {def.schedulable.temperature ? (
            <SelectField
              path={`${base}.schedule.temperature`}
              label="T schedule"
              options={TEMPERATURE_SCHEDULES.map((v) => ({ value: v, label: SCHEDULE_LABELS[v] }))}
            />
          ) : null}
          {def.schedulable.temperature && schedule?.temperature !== 'constant' ? (
            <NumberField path={`${base}.schedule.temperatureEnd`} label="Final T" />
          ) : null}
          {def.schedulable.weight ? <NumberField path={`${base}.schedule.warmup`} label="KD warm-up steps" /> : null}
        </div>
      ) : null}
    </div>
  );
}

/** Names the objectives these models cannot feed, and why (the greyed-out options above). */
function UnavailableList({ ctx }: { ctx: ReturnType<typeof signalContext> }) {
  const blocked = OBJECTIVES.flatMap((o) => {
    const reason = unavailableReason(o, ctx);
    return reason ? [{ name: o.name, reason }] : [];
  });
  if (!blocked.length) return null;
  return (
    <p className="unavailable-note">
      {blocked.map((b) => (
        <span key={b.name}>
          <strong>{b.name}</strong> {b.reason}.{' '}
        </span>
      ))}
    </p>
  );
}
