/**
 * The students of a race: up to six lanes, each with its own objective, against the same
 * teacher, data stream and initial weights. Adding or removing a lane restarts the students;
 * changing a lane's objective or parameters takes effect at the next step.
 */
import { MAX_LANES } from '../../config/schema';
import { laneFor } from '../../config/defaults';
import { signalContext } from '../../config/schema';
import { OBJECTIVES, getObjective, unavailableReason } from '../../objectives';
import { useConfigStore } from '../../state/config';
import { useRunStore } from '../../state/run';
import { laneColor } from '../palette';
import { LabelPrefix } from './fields';
import { ObjectivePicker } from './ObjectivePicker';

/** The lane a new student gets: the first objective not yet racing that these models can run. */
function nextLane(used: string[], ctx: ReturnType<typeof signalContext>) {
  const preferred = ['hinton', 'reverse-kl', 'jsd', 'baseline', 'taid', 'dkd', 'uld', ...OBJECTIVES.map((o) => o.id)];
  const id = preferred.find((o) => !used.includes(o) && !unavailableReason(getObjective(o), ctx)) ?? 'hinton';
  return laneFor(id);
}

export function LanesPanel() {
  const lanes = useConfigStore((s) => s.config.lanes);
  // The selection may point past the end for a moment after a lane is removed.
  const selected = Math.min(
    useRunStore((s) => s.lane),
    lanes.length - 1,
  );
  const { replace } = useConfigStore.getState();
  const setLanes = (next: typeof lanes) => {
    const { config } = useConfigStore.getState();
    replace({ ...config, lanes: next });
  };
  return (
    <div className="lanes">
      <p className="lanes-intro">
        {lanes.length === 1
          ? 'Add students to race objectives against each other: same teacher, same data order, same starting weights.'
          : `${lanes.length} students race from identical weights; only their objectives differ.`}
      </p>
      {lanes.map((lane, i) => (
        <div key={i} className={`lane${selected === i ? ' lane-selected' : ''}`}>
          <div className="lane-header">
            <button
              type="button"
              className="lane-title"
              aria-expanded={selected === i}
              onClick={() => useRunStore.getState().selectLane(i)}
            >
              <span className="lane-swatch" style={{ background: laneColor(i) }} aria-hidden="true" />
              <span className="lane-name">
                Student {i + 1} · {getObjective(lane.objective).name}
              </span>
            </button>
            {lanes.length > 1 ? (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={`Remove student ${i + 1}`}
                onClick={() => {
                  setLanes(lanes.filter((_, j) => j !== i));
                  useRunStore.getState().selectLane(Math.max(0, Math.min(selected, lanes.length - 2)));
                }}
              >
                ✕
              </button>
            ) : null}
          </div>
          {selected === i || lanes.length === 1 ? (
            <LabelPrefix.Provider value={lanes.length > 1 ? `Student ${i + 1}` : ''}>
              <ObjectivePicker lane={i} />
            </LabelPrefix.Provider>
          ) : null}
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        disabled={lanes.length >= MAX_LANES}
        onClick={() => {
          const { config } = useConfigStore.getState();
          setLanes([
            ...lanes,
            nextLane(
              lanes.map((l) => l.objective),
              signalContext(config),
            ),
          ]);
          useRunStore.getState().selectLane(lanes.length);
        }}
      >
        + Add student {lanes.length >= MAX_LANES ? `(at most ${MAX_LANES})` : ''}
      </button>
    </div>
  );
}
