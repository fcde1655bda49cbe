/**
 * A teacher-output pool's memorisation gap: each lane's top-1 agreement with the teacher on
 * the pool's windows (dashed), which it trains on again and again, against the held-out windows
 * (solid), which it never sees. Fresh windows keep the two together; a fixed pool lets the
 * student fit its teacher where it was shown and nowhere else (the gap), which is also how a
 * student learns to hack a teacher. Shown when the session evaluates a pool probe.
 */
import { useMemo } from 'react';
import { evalColumnName, useRunStore } from '../../../state/run';
import { UNIT, fmtPercent } from '../../../ui/charts/chart-specs';
import { LiveChart, type LineSpec } from '../../../ui/charts/LiveChart';
import { laneColor } from '../../../ui/palette';
import type { TaskChartProps } from '../../ui-types';

export function PoolGapChart({ laneNames }: TaskChartProps) {
  useRunStore((s) => s.version); // the series are mutated in place; version says they grew
  const probed = useRunStore((s) => s.session?.evalColumns.some((c) => c.id === 'poolAgreement') ?? false);
  const { evals } = useRunStore.getState();
  const lines = useMemo<LineSpec[]>(
    () =>
      laneNames.flatMap((name, lane) => [
        { column: evalColumnName(lane, 'agreement'), label: `${name}, held-out`, color: laneColor(lane) },
        {
          column: evalColumnName(lane, 'poolAgreement'),
          label: `${name}, pool windows`,
          color: laneColor(lane),
          dashed: true,
        },
      ]),
    [laneNames],
  );
  if (!probed) return null;
  return (
    <LiveChart
      title="Agreement with the teacher: pool windows (dashed) vs held-out (solid)"
      series={evals}
      length={evals.length}
      lines={lines}
      format={fmtPercent}
      yDomain={UNIT}
    />
  );
}
