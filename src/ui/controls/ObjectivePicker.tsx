/** Picks a lane's objective and renders its parameters from the objective's own metadata. */
import { laneFor } from '../../config/defaults';
import { OBJECTIVES, getObjective } from '../../objectives';
import { useConfigStore } from '../../state/config';
import { SliderField, ToggleField } from './fields';
import { useId } from 'react';

export function ObjectivePicker({ lane }: { lane: number }) {
  const id = useId();
  const objectiveId = useConfigStore((s) => s.config.lanes[lane]?.objective ?? 'hinton');
  const def = getObjective(objectiveId);
  return (
    <div className="objective">
      <div className="field">
        <label htmlFor={id}>Objective</label>
        <select
          id={id}
          value={objectiveId}
          onChange={(e) => {
            const { config, replace } = useConfigStore.getState();
            const lanes = config.lanes.map((l, i) => (i === lane ? laneFor(e.target.value) : l));
            replace({ ...config, lanes });
          }}
        >
          {OBJECTIVES.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <p className="objective-description">
        {def.description}
        {def.paper ? (
          <>
            {' '}
            <cite>
              {def.paper.authors}, “{def.paper.title}” ({def.paper.year})
            </cite>
          </>
        ) : null}
      </p>
      {def.params.map((p) =>
        p.kind === 'toggle' ? (
          <ToggleField key={p.key} path={`lanes.${lane}.params.${p.key}`} label={p.label} help={p.help} />
        ) : (
          <SliderField
            key={p.key}
            path={`lanes.${lane}.params.${p.key}`}
            label={p.label}
            min={p.min}
            max={p.max}
            step={p.step}
            help={p.help}
          />
        ),
      )}
    </div>
  );
}
