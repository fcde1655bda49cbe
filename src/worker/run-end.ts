/** What the worker says when a tick ends the run: a divergence undone (and where to), or the planned steps done. */
import type { ExperimentConfig } from '../config/schema';
import type { FlushResult } from '../engine/session';
import type { EngineEvent } from './protocol';

export function endEvents(
  config: ExperimentConfig,
  diverged: FlushResult['diverged'],
  finished: boolean,
): EngineEvent[] {
  if (diverged) {
    const { step, column, restoredStep } = diverged;
    const hasTemperature = config.lanes[column.lane]?.params.T !== undefined;
    const { lane, label: part } = column;
    return [
      // The UI drops the undone points first.
      { type: 'truncate', step: restoredStep },
      {
        type: 'status',
        status: 'diverged',
        reason: { code: 'diverged', step, lane, part, restoredStep, hasTemperature },
      },
    ];
  }
  const { steps } = config.train;
  return finished ? [{ type: 'status', status: 'done', reason: { code: 'finished', steps } }] : [];
}
