/** Loads a ready-made experiment; says what to look for in it. */
import { useId, useState } from 'react';
import { PRESETS, getPreset } from '../../config/presets';
import { useConfigStore } from '../../state/config';
import { useRunStore } from '../../state/run';

export function PresetPicker() {
  const id = useId();
  const [chosen, setChosen] = useState('');
  const preset = getPreset(chosen);
  return (
    <div className="preset-picker">
      <label htmlFor={id}>Experiment</label>
      <select
        id={id}
        value={chosen}
        onChange={(e) => {
          const p = getPreset(e.target.value);
          setChosen(e.target.value);
          if (!p) return;
          useConfigStore.getState().replace(p.config, { fresh: true });
          useRunStore.getState().selectLane(0);
        }}
      >
        <option value="">Choose a ready-made experiment…</option>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {preset ? <p className="preset-look-for">{preset.lookFor}</p> : null}
    </div>
  );
}
