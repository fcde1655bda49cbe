/**
 * One select per student lane for a list-valued config field with one entry per lane (the
 * oracle task's `task.laneData`, a text pool's `task.pool.lanes`): which inputs each student
 * trains on. An edit writes the whole list, one entry per lane now in the race, so a lane added
 * later can be set too and a lane past the list's end reads as `valueOf` says.
 */
import { useConfigStore } from '../../state/config';
import { FieldNote } from './fields';
import './lane-choice.css';

export interface LaneChoiceOption<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  /** The config path of the per-lane list. */
  path: string;
  /** The group's visible (and accessible) name. */
  legend: string;
  options: readonly LaneChoiceOption<V>[];
  /** Lane i's value as the engine reads it (the list's entry, or its default past the end). */
  valueOf: (lane: number) => V;
  hint?: string;
}

export function LaneChoiceFields<V extends string>({ path, legend, options, valueOf, hint }: Props<V>) {
  const lanes = useConfigStore((s) => s.config.lanes.length);
  const problem = useConfigStore((s) => s.errors[path]);
  const set = (lane: number, value: V) => {
    const next = Array.from({ length: lanes }, (_, i) => (i === lane ? value : valueOf(i)));
    useConfigStore.getState().update(path, next);
  };
  return (
    <fieldset className="field lane-data" data-path={path}>
      <legend>{legend}</legend>
      {Array.from({ length: lanes }, (_, i) => (
        <label key={i} className="lane-data-row">
          <span>Student {i + 1}</span>
          <select value={valueOf(i)} onChange={(e) => set(i, e.target.value as V)}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <FieldNote error={problem?.message} hint={hint} />
    </fieldset>
  );
}
