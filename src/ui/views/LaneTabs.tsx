/** Tabs that pick which student the views show (a race has up to six); every task's views open with them. */
import { useMemo } from 'react';
import { getObjective } from '../../objectives';
import { useConfigStore } from '../../state/config';
import { useRunStore } from '../../state/run';
import { laneColor } from '../palette';

export function LaneTabs() {
  const objectives = useConfigStore((s) => s.config.lanes.map((l) => l.objective).join(','));
  const lanes = useMemo(() => objectives.split(',').map((id) => getObjective(id).name), [objectives]);
  const lane = Math.min(
    useRunStore((s) => s.lane),
    lanes.length - 1,
  );
  if (lanes.length < 2) return null;
  return (
    <div className="lane-tabs" role="tablist" aria-label="Student shown">
      {lanes.map((name, i) => (
        <button
          key={i}
          type="button"
          role="tab"
          aria-selected={i === lane}
          className={`lane-tab${i === lane ? ' active' : ''}`}
          onClick={() => useRunStore.getState().selectLane(i)}
        >
          <span className="lane-swatch" style={{ background: laneColor(i) }} aria-hidden="true" />
          Student {i + 1}
          <span className="lane-tab-name">{name}</span>
        </button>
      ))}
    </div>
  );
}
