/**
 * The image task's charts after the shared ones: calibration, explanation agreement (the
 * session's saliency probe) and the per-class gap that gap-aware sampling draws by.
 */
import { useMemo } from 'react';
import { evalColumnName, useRunStore } from '../../../state/run';
import { CalibrationChart } from '../../../ui/charts/CalibrationChart';
import { ClassGapChart } from '../../../ui/charts/ClassGapChart';
import { fmtLoss } from '../../../ui/charts/chart-specs';
import { LiveChart, type LineSpec } from '../../../ui/charts/LiveChart';
import { laneColor } from '../../../ui/palette';
import type { TaskChartProps } from '../../ui-types';
import { CapacityGapView } from './CapacityGapView';
import { SeveralTeachersView } from './SeveralTeachersView';
import { useShortNames } from './common';

function SaliencyChart({ laneNames }: TaskChartProps) {
  useRunStore((s) => s.version); // the series are mutated in place; version says they grew
  const { evals } = useRunStore.getState();
  const lines = useMemo<LineSpec[]>(
    () =>
      laneNames.flatMap((name, i) => [
        { column: evalColumnName(i, 'saliencyCosine'), label: `${name} cosine`, color: laneColor(i) },
        { column: evalColumnName(i, 'saliencySpearman'), label: `${name} Spearman`, color: laneColor(i), dashed: true },
      ]),
    [laneNames],
  );
  return (
    <LiveChart
      title="Explanation agreement with the teacher (saliency over foreground pixels, 32 test images)"
      series={evals}
      length={evals.length}
      lines={lines}
      format={fmtLoss}
    />
  );
}

export function ImageCharts({ laneNames }: TaskChartProps) {
  const shortNames = useShortNames();
  return (
    <>
      <CalibrationChart laneNames={laneNames} />
      <SaliencyChart laneNames={laneNames} />
      <ClassGapChart classNames={shortNames} />
      <CapacityGapView />
      <SeveralTeachersView />
    </>
  );
}
