/**
 * Records the running experiment's latest evaluation (lane 0) in the capacity-gap store whenever
 * a new one arrives, for the lab whose `pointOf` places the experiment on its ladder. `pointOf`
 * also checks the session is this experiment's (the config may be edited before the restart
 * builds the new teacher or student), so a point is never filed under the wrong teacher.
 */
import { useEffect } from 'react';
import { useGapStore, type GapPoint } from '../../state/capacity-gap';
import { useConfigStore } from '../../state/config';
import { evalColumnName, useRunStore } from '../../state/run';
import type { ExperimentConfig } from '../../config/schema';
import type { SessionInfo } from '../../worker/protocol';

export type GapPointOf = (config: ExperimentConfig, session: SessionInfo) => GapPoint | null;

export function useRecordGapPoint(pointOf: GapPointOf): void {
  const evalStep = useRunStore((s) => s.evalStep);
  const config = useConfigStore((s) => s.config);
  useEffect(() => {
    const { evals, session } = useRunStore.getState();
    if (!session || evalStep === undefined) return;
    const point = pointOf(config, session);
    if (!point) return;
    const accuracy = evals.last(evalColumnName(0, 'studentAccuracy'));
    const agreement = evals.last(evalColumnName(0, 'agreement'));
    if (accuracy === undefined || agreement === undefined || !Number.isFinite(accuracy)) return;
    useGapStore.getState().record({
      ...point,
      seed: config.seed,
      step: evalStep,
      accuracy,
      agreement,
      teacherAccuracy: session.teacherMetrics.teacherAccuracy ?? NaN,
    });
  }, [evalStep, config, pointOf]);
}
