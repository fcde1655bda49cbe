/**
 * The live charts. Metrics overlay every student lane (a race); the loss parts and the
 * schedules show the lane selected in the views.
 */
import { useMemo } from 'react';
import { laneName } from '../../objectives';
import { useConfigStore } from '../../state/config';
import { lossColumnName, useRunStore } from '../../state/run';
import { taskUi } from '../../tasks/ui';
import type { LossColumn } from '../../worker/protocol';
import { percent } from '../format';
import { laneColor } from '../palette';
import { FROM_ZERO, UNIT, fmtLoss, fmtPercent, fmtRate, fmtValue, perLane, useTeacherReference } from './chart-specs';
import { LiveChart, type LineSpec } from './LiveChart';
import { TopKChart } from './TopKChart';

const PART_COLORS = ['#f97316', '#0ea5e9', '#a855f7', '#22c55e', '#e11d48'];
const SPS: LineSpec[] = [{ column: 'stepsPerSecond', label: 'Steps/s', color: '#64748b' }];

export function ChartsPanel() {
  useRunStore((s) => s.version); // the series are mutated in place; version says they grew
  const session = useRunStore((s) => s.session);
  const selected = useRunStore((s) => s.lane);
  const objectives = useConfigStore((s) => s.config.lanes.map((l) => l.objective).join(','));
  const kind = useConfigStore((s) => s.config.task.kind);
  const { loss, evals, speed } = useRunStore.getState();
  // The task titles the shared charts in its own words and adds its own after them.
  const { chartTitles: titles = {}, Charts: TaskCharts } = taskUi(kind);

  const laneNames = useMemo(() => objectives.split(',').map((id, i) => laneName(i, id)), [objectives]);
  const lanes = Math.min(laneNames.length, session?.lanes ?? laneNames.length);
  const lane = Math.min(selected, lanes - 1);
  const columns = session?.lossColumns;
  const shown = useMemo(() => laneNames.slice(0, lanes), [laneNames, lanes]);
  const totals = useMemo<LineSpec[]>(
    () => shown.map((name, i) => ({ column: lossColumnName(i, 'total'), label: name, color: laneColor(i) })),
    [shown],
  );
  const ofLane = (kinds: LossColumn['kind'][]) =>
    (columns ?? [])
      .filter((c) => c.lane === lane && kinds.includes(c.kind))
      .map((c, i) => ({
        column: lossColumnName(c.lane, c.key),
        label: c.label,
        color: PART_COLORS[i % PART_COLORS.length]!,
      }));
  // Strings as memo keys: the column objects are new on every session event.
  const partsKey = JSON.stringify(ofLane(['total', 'part']));
  const stateKey = JSON.stringify(ofLane(['state', 'schedule']));
  const parts = useMemo<LineSpec[]>(() => JSON.parse(partsKey) as LineSpec[], [partsKey]);
  const schedules = useMemo<LineSpec[]>(() => JSON.parse(stateKey) as LineSpec[], [stateKey]);
  const acc = useMemo(() => perLane(shown, 'studentAccuracy'), [shown]);
  const agree = useMemo(() => perLane(shown, 'agreement'), [shown]);
  const kl = useMemo(() => perLane(shown, 'kl'), [shown]);
  const reference = useTeacherReference(session?.teacherMetrics.teacherAccuracy, percent);
  const laneTitle = lanes > 1 ? ` · student ${lane + 1}` : '';

  return (
    <section className="charts" aria-label="Charts">
      <LiveChart
        title={lanes > 1 ? 'Loss (total)' : 'Loss'}
        series={loss}
        length={loss.length}
        lines={lanes > 1 ? totals : parts}
        format={fmtLoss}
      />
      {lanes > 1 ? (
        <LiveChart title={`Loss parts${laneTitle}`} series={loss} length={loss.length} lines={parts} format={fmtLoss} />
      ) : null}
      <LiveChart
        title={titles.accuracy ?? 'Student accuracy (held-out)'}
        series={evals}
        length={evals.length}
        lines={acc}
        format={fmtPercent}
        yDomain={UNIT}
        reference={reference}
      />
      <LiveChart
        title={titles.agreement ?? 'Top-1 agreement with the teacher'}
        series={evals}
        length={evals.length}
        lines={agree}
        format={fmtPercent}
        yDomain={UNIT}
      />
      <LiveChart
        title={titles.kl ?? 'KL(teacher‖student) at T = 1, nats'}
        series={evals}
        length={evals.length}
        lines={kl}
        format={fmtLoss}
        yDomain={FROM_ZERO}
      />
      <TopKChart />
      {TaskCharts ? <TaskCharts laneNames={shown} /> : null}
      {schedules.length ? (
        <LiveChart
          title={`Schedules and state${laneTitle}`}
          series={loss}
          length={loss.length}
          lines={schedules}
          format={fmtValue}
          yDomain={FROM_ZERO}
        />
      ) : null}
      <LiveChart
        title="Steps per second"
        series={speed}
        length={speed.length}
        lines={SPS}
        format={fmtRate}
        yDomain={FROM_ZERO}
      />
    </section>
  );
}
