/**
 * Held-out perplexity of each lane against the teacher's, on a log axis: it falls from about
 * the vocabulary size (untrained) to about 4 (the teacher), too wide a range for a linear one.
 */
import { useMemo } from 'react';
import { useRunStore } from '../../../state/run';
import { fmtLoss, perLane, useTeacherReference } from '../../../ui/charts/chart-specs';
import { LiveChart } from '../../../ui/charts/LiveChart';
import type { TaskChartProps } from '../../ui-types';

export function PerplexityChart({ laneNames }: TaskChartProps) {
  useRunStore((s) => s.version); // the series are mutated in place; version says they grew
  const teacherPpl = useRunStore((s) => s.session?.teacherMetrics.teacherPerplexity);
  const { evals } = useRunStore.getState();
  const lines = useMemo(() => perLane(laneNames, 'perplexity'), [laneNames]);
  const reference = useTeacherReference(teacherPpl, fmtLoss);
  return (
    <LiveChart
      title="Held-out perplexity (lower is better, log scale)"
      series={evals}
      length={evals.length}
      lines={lines}
      format={fmtLoss}
      reference={reference}
      yScale="log"
    />
  );
}
