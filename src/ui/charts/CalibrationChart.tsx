/** Each lane's expected calibration error at every evaluation, against the teacher's: for tasks that classify. */
import { useMemo } from 'react';
import { useRunStore } from '../../state/run';
import type { TaskChartProps } from '../../tasks/ui-types';
import { FROM_ZERO, fmtValue, perLane, useTeacherReference } from './chart-specs';
import { LiveChart } from './LiveChart';

export function CalibrationChart({ laneNames }: TaskChartProps) {
  useRunStore((s) => s.version); // the series are mutated in place; version says they grew
  const teacherEce = useRunStore((s) => s.session?.teacherMetrics.teacherEce);
  const { evals } = useRunStore.getState();
  const lines = useMemo(() => perLane(laneNames, 'ece'), [laneNames]);
  const reference = useTeacherReference(teacherEce, fmtValue);
  return (
    <LiveChart
      title="Calibration error (ECE, 15 bins)"
      series={evals}
      length={evals.length}
      lines={lines}
      format={fmtValue}
      yDomain={FROM_ZERO}
      reference={reference}
    />
  );
}
