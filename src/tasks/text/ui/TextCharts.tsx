/** The language task's own charts: perplexity, and a teacher-output pool's memorisation gap. */
import type { TaskChartProps } from '../../ui-types';
import { PerplexityChart } from './PerplexityChart';
import { PoolGapChart } from './PoolGapChart';

export function TextCharts(props: TaskChartProps) {
  return (
    <>
      <PerplexityChart {...props} />
      <PoolGapChart {...props} />
    </>
  );
}
