/** The language task's own charts: perplexity, a teacher-output pool's memorisation gap, the lanes as draft models. */
import type { TaskChartProps } from '../../ui-types';
import { DraftCharts } from './DraftCharts';
import { PerplexityChart } from './PerplexityChart';
import { PoolGapChart } from './PoolGapChart';

export function TextCharts(props: TaskChartProps) {
  return (
    <>
      <PerplexityChart {...props} />
      <PoolGapChart {...props} />
      <DraftCharts {...props} />
    </>
  );
}
