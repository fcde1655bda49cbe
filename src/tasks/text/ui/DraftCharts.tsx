/**
 * Each lane as a draft model for the teacher (DistillSpec): the per-token acceptance α = 1 −
 * TVD(p, q) of speculative sampling, and the characters one teacher call yields with γ = 4
 * drafts, (1 − α^(γ+1)) / (1 − α), for sampling at T = 1 (solid) and for greedy decoding
 * (dashed: α is then the share of tokens whose arg-maxes agree). Held-out windows.
 */
import { useMemo } from 'react';
import { evalColumnName, useRunStore } from '../../../state/run';
import { UNIT, fmtLoss, fmtPercent, perLane } from '../../../ui/charts/chart-specs';
import { LiveChart, type LineSpec } from '../../../ui/charts/LiveChart';
import { laneColor } from '../../../ui/palette';
import { DRAFT_GAMMA } from '../../../metrics/acceptance';
import type { TaskChartProps } from '../../ui-types';

/** From one character per call (every draft rejected) to γ + 1 (every draft accepted). */
const CHARS_DOMAIN: [number, number] = [1, DRAFT_GAMMA + 1];

export function DraftCharts({ laneNames }: TaskChartProps) {
  useRunStore((s) => s.version); // the series are mutated in place; version says they grew
  const measured = useRunStore((s) => s.session?.evalColumns.some((c) => c.id === 'acceptance') ?? false);
  const { evals } = useRunStore.getState();
  const acceptance = useMemo(() => perLane(laneNames, 'acceptance'), [laneNames]);
  const chars = useMemo<LineSpec[]>(
    () =>
      laneNames.flatMap((name, lane) => [
        { column: evalColumnName(lane, 'draftChars'), label: `${name}, sampling`, color: laneColor(lane) },
        {
          column: evalColumnName(lane, 'greedyDraftChars'),
          label: `${name}, greedy`,
          color: laneColor(lane),
          dashed: true,
        },
      ]),
    [laneNames],
  );
  if (!measured) return null;
  return (
    <>
      <LiveChart
        title="Draft acceptance α = 1 − TVD(teacher, student) per token (sampling, T = 1)"
        series={evals}
        length={evals.length}
        lines={acceptance}
        format={fmtPercent}
        yDomain={UNIT}
      />
      <LiveChart
        title={`Characters per teacher call, γ = ${DRAFT_GAMMA}: sampling (solid) vs greedy (dashed)`}
        series={evals}
        length={evals.length}
        lines={chars}
        format={fmtLoss}
        yDomain={CHARS_DOMAIN}
      />
    </>
  );
}
