/** Student lanes as the defaults and presets write them: an objective with its default parameters. */
import { defaultParams, getObjective } from '../objectives';
import { DEFAULT_SCHEDULE } from '../objectives/schedule';
import type { Lane } from './schema';

/** A lane running the given objective with its default parameters. */
export function laneFor(objectiveId: string): Lane {
  return {
    objective: objectiveId,
    params: defaultParams(getObjective(objectiveId)),
    schedule: { ...DEFAULT_SCHEDULE },
  };
}

/** A lane with some of its objective's parameters set. */
export const lane = (id: string, params: Record<string, number> = {}): Lane => {
  const l = laneFor(id);
  return { ...l, params: { ...l.params, ...params } };
};

/** Forward KL without the Hinton extras (T = 1, no CE, no T²), to compare divergences fairly. */
export const forwardKl = (): Lane => lane('hinton', { T: 1, alpha: 1, t2: 0 });
