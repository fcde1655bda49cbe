/** The language task's own charts: perplexity, a teacher-output pool's memorisation gap, teacher hacking, the lanes as draft models. */
import { useConfigStore } from '../../../state/config';
import { HackingChart } from '../../oracle/ui/HackingChart';
import type { TaskChartProps } from '../../ui-types';
import { languageTask } from '../language';
import { DraftCharts } from './DraftCharts';
import { PerplexityChart } from './PerplexityChart';
import { PoolGapChart } from './PoolGapChart';

export function TextCharts(props: TaskChartProps) {
  // Teacher hacking (lanes on the pool and on fresh windows): the oracle task's log-log chart.
  const hacking = useConfigStore((s) => Boolean(languageTask(s.config.task)?.pool?.lanes));
  return (
    <>
      <PerplexityChart {...props} />
      <PoolGapChart {...props} />
      {hacking && <HackingChart {...props} />}
      <DraftCharts {...props} />
    </>
  );
}
