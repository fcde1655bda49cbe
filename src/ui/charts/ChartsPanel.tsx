/** The live charts: loss and its parts, accuracy, agreement, KL and speed. */
import { useMemo } from 'react';
import { evalColumnName, lossColumnName, useRunStore } from '../../state/run';
import { fixed, percent } from '../format';
import { LANE_COLORS, TEACHER_COLOR } from '../palette';
import { LiveChart, type LineSpec } from './LiveChart';

const PART_COLORS = ['#f97316', '#0ea5e9', '#a855f7', '#22c55e'];

const metricLine = (metric: string, label: string): LineSpec[] => [
  { column: evalColumnName(0, metric), label, color: LANE_COLORS[0] },
];
const ACC = metricLine('studentAccuracy', 'Student');
const AGREE = metricLine('agreement', 'Agreement');
const KL = metricLine('kl', 'KL(teacher‖student)');
const SPS: LineSpec[] = [{ column: 'stepsPerSecond', label: 'Steps/s', color: '#64748b' }];

// Module-level formatters and domains keep the memoised charts from re-rendering needlessly.
const fmtLoss = (v: number) => fixed(v, 2);
const fmtPercent = (v: number) => percent(v, 0);
const fmtInt = (v: number) => fixed(v, 0);
const UNIT: [number, number] = [0, 1];
const FROM_ZERO: [number, 'auto'] = [0, 'auto'];

export function ChartsPanel() {
  useRunStore((s) => s.version); // the series are mutated in place; version says they grew
  const session = useRunStore((s) => s.session);
  const { loss, evals, speed } = useRunStore.getState();

  const lossLines = useMemo<LineSpec[]>(() => {
    if (!session) return [];
    return session.lossColumns
      .filter((c) => c.lane === 0)
      .map((c, i) => ({
        column: lossColumnName(0, c.key),
        label: c.key === 'total' ? 'Total' : c.label,
        color: c.key === 'total' ? LANE_COLORS[0] : PART_COLORS[(i - 1) % PART_COLORS.length]!,
        dashed: c.key !== 'total',
      }));
  }, [session]);
  const teacherAcc = session?.teacher.teacherAccuracy;
  const reference = useMemo(
    () =>
      teacherAcc !== undefined
        ? { y: teacherAcc, label: `teacher ${percent(teacherAcc)}`, color: TEACHER_COLOR }
        : undefined,
    [teacherAcc],
  );

  return (
    <section className="charts" aria-label="Charts">
      <LiveChart title="Loss" series={loss} length={loss.length} lines={lossLines} format={fmtLoss} />
      <LiveChart
        title="Accuracy (held-out)"
        series={evals}
        length={evals.length}
        lines={ACC}
        format={fmtPercent}
        yDomain={UNIT}
        reference={reference}
      />
      <LiveChart
        title="Top-1 agreement with the teacher"
        series={evals}
        length={evals.length}
        lines={AGREE}
        format={fmtPercent}
        yDomain={UNIT}
      />
      <LiveChart
        title="KL(teacher‖student) at T = 1, nats"
        series={evals}
        length={evals.length}
        lines={KL}
        format={fmtLoss}
        yDomain={FROM_ZERO}
      />
      <LiveChart
        title="Steps per second"
        series={speed}
        length={speed.length}
        lines={SPS}
        format={fmtInt}
        yDomain={FROM_ZERO}
      />
    </section>
  );
}
