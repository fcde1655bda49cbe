/**
 * Teacher hacking on log-log axes: each lane's proxy distance (dashed) and golden distance
 * (solid) against the step, a power law fitted to each (thin), and a readout per lane of the
 * fitted slopes and of where the golden distance turned up. recharts, not a live canvas chart:
 * it changes only at an evaluation and draws at most ROWS log-spaced rows.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fittedAt } from '../../../lib/loglog';
import { useConfigStore } from '../../../state/config';
import { useRunStore } from '../../../state/run';
import { PngButton } from '../../../ui/charts/PngButton';
import { laneColor } from '../../../ui/palette';
import type { TaskChartProps } from '../../ui-types';
import { GOLDEN_COLUMN, hackingLanes, logSpacedIndices, type HackingLane } from '../hacking';
import { laneDataOf, type OracleData } from '../schema';
import { languageTask } from '../../text/language';
import { poolLaneData } from '../../text/pool';
import type { ExperimentConfig } from '../../../config/schema';
import './oracle.css';
import { signed } from '../../../lib/signed';

const ROWS = 120;
/** A log axis's tick: two significant digits, small ones as powers of ten. */
const logTick = (v: number) => (v >= 0.01 ? String(Number(v.toPrecision(2))) : v.toExponential(0));
const TITLE = 'Teacher hacking: proxy KL(teacher‖student) vs golden KL(oracle‖student), log-log';
const positive = (v: number | undefined) => (v !== undefined && v > 0 && Number.isFinite(v) ? v : null);

function chartRows(lanes: HackingLane[]) {
  const steps = lanes[0]?.steps ?? [];
  return logSpacedIndices(steps, ROWS).map((i) => {
    const step = steps[i]!;
    const row: Record<string, number | null> = { step };
    lanes.forEach((l, k) => {
      row[`p${k}`] = positive(l.proxy[i]);
      row[`g${k}`] = positive(l.golden[i]);
      row[`fp${k}`] = l.proxyFit ? fittedAt(l.proxyFit, step) : null;
      row[`fg${k}`] = l.goldenFit ? fittedAt(l.goldenFit, step) : null;
    });
    return row;
  });
}

/** A distance in three significant digits: a proxy falls to 1e-5 and below. */
const sig = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(3)).toString();

const slope = (fit: HackingLane['proxyFit']) => (fit ? signed(fit.slope, 2, { plus: true }) : '—');

function LaneReadout({ lane, name, color }: { lane: HackingLane; name: string; color: string }) {
  const last = lane.steps.length - 1;
  const t = lane.turned;
  return (
    <li className="hacking-lane" data-lane-data={lane.data}>
      <span className="legend-swatch" style={{ borderColor: color }} />
      <strong>{name}</strong> ({lane.data === 'pool' ? 'fixed pool' : 'fresh inputs'}): proxy{' '}
      <span data-testid="proxy">{sig(lane.proxy[last])}</span> (slope {slope(lane.proxyFit)}), golden{' '}
      <span data-testid="golden">{sig(lane.golden[last])}</span> (slope {slope(lane.goldenFit)}).{' '}
      {t ? (
        <span className="hacking-turn" data-testid="turned">
          Golden turned up: {sig(t.min)} at step {t.step.toLocaleString('en-US')}, {sig(t.peak)} at step{' '}
          {t.peakStep.toLocaleString('en-US')} (+{Math.round(t.rise * 100)}%), while the proxy went from{' '}
          {sig(lane.proxyAtTurn)} to {sig(lane.proxyAtPeak)}; now {sig(t.latest)}.
        </span>
      ) : last >= 0 ? (
        <span data-testid="not-turned">Golden has not turned up.</span>
      ) : null}
    </li>
  );
}

/** `value`, passed on at most once per `ms` (and always its last change): the SVG redraws that often. */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, last.current + ms - Date.now());
    const t = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}

/** Each lane's inputs: the oracle task's, or a text pool's lanes (the text variant). */
function laneDataFor(task: ExperimentConfig['task'], lanes: number): OracleData[] {
  if (task.kind === 'oracle') return Array.from({ length: lanes }, (_, i) => laneDataOf(task, i));
  const pool = languageTask(task)?.pool;
  return pool ? Array.from({ length: lanes }, (_, i) => poolLaneData(pool, i)) : [];
}

export function HackingChart({ laneNames }: TaskChartProps) {
  const length = useThrottled(
    useRunStore((s) => s.evals.length),
    1000,
  );
  const task = useConfigStore((s) => s.config.task);
  const distilled = useConfigStore((s) => s.config.teacher.distilled !== undefined);
  const teacherGolden = positive(useRunStore((s) => s.session?.teacherGolden));
  const figure = useRef<HTMLElement>(null);
  const laneData = useMemo(() => laneDataFor(task, laneNames.length), [task, laneNames]);
  // Text with the shipped teacher as the oracle itself: golden is the held-out KL to the teacher.
  const golden = task.kind === 'oracle' || distilled ? GOLDEN_COLUMN : 'kl';
  // `length` stands for the series, which the run store mutates in place.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const lanes = useMemo(() => hackingLanes(useRunStore.getState().evals, laneData, golden), [length, laneData, golden]);
  const rows = useMemo(() => chartRows(lanes), [lanes]);
  const legend = lanes.flatMap((_, k) => [
    { label: `${laneNames[k]} golden`, color: laneColor(k) },
    { label: `${laneNames[k]} proxy (dashed)`, color: laneColor(k) },
  ]);
  return (
    <figure className="chart-card hacking-chart" aria-label="Teacher hacking" ref={figure}>
      <figcaption>
        <span className="chart-title">{TITLE}</span>
        <PngButton title={TITLE} target={figure} legend={legend} />
      </figcaption>
      {rows.length < 2 ? (
        // In a chart body of the chart's height: .chart-empty is placed absolutely, inside it.
        <div className="chart-body" style={{ height: 220 }}>
          <div className="chart-empty">No data yet</div>
        </div>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
            <XAxis dataKey="step" type="number" scale="log" domain={['dataMin', 'dataMax']} tick={{ fontSize: 11 }} />
            <YAxis
              scale="log"
              domain={['auto', 'auto']}
              tick={{ fontSize: 11 }}
              tickFormatter={logTick}
              width={50}
              allowDataOverflow
            />
            {teacherGolden !== null && (
              <ReferenceLine
                y={teacherGolden}
                stroke="#6b7280"
                strokeDasharray="1 3"
                ifOverflow="extendDomain"
                label={{ value: 'teacher', position: 'insideTopRight', fontSize: 11, fill: '#6b7280' }}
              />
            )}
            <Tooltip formatter={(v) => (typeof v === 'number' ? sig(v) : String(v))} isAnimationActive={false} />
            {lanes.flatMap((_, k) => [
              <Line
                key={`g${k}`}
                dataKey={`g${k}`}
                name={`${laneNames[k]} golden`}
                stroke={laneColor(k)}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />,
              <Line
                key={`p${k}`}
                dataKey={`p${k}`}
                name={`${laneNames[k]} proxy`}
                stroke={laneColor(k)}
                strokeDasharray="5 4"
                dot={false}
                isAnimationActive={false}
                connectNulls
              />,
              <Line
                key={`fg${k}`}
                dataKey={`fg${k}`}
                name={`${laneNames[k]} golden fit`}
                stroke={laneColor(k)}
                strokeOpacity={0.35}
                strokeWidth={1}
                dot={false}
                isAnimationActive={false}
                legendType="none"
              />,
              <Line
                key={`fp${k}`}
                dataKey={`fp${k}`}
                name={`${laneNames[k]} proxy fit`}
                stroke={laneColor(k)}
                strokeOpacity={0.35}
                strokeWidth={1}
                strokeDasharray="2 3"
                dot={false}
                isAnimationActive={false}
                legendType="none"
              />,
            ])}
          </LineChart>
        </ResponsiveContainer>
      )}
      <p className="hacking-key">
        Solid: golden KL(oracle‖student) on held-out inputs. Dashed: proxy KL(teacher‖student) on the inputs the student
        trains on (its pool, or fresh draws). Faint: power laws fitted to each.
        {task.kind !== 'oracle' &&
          (distilled
            ? ' Text: the oracle is the shipped transformer, the teacher a small one distilled from it.'
            : ' Text: the oracle is the teacher (the shipped transformer), so golden is KL(teacher‖student) on held-out windows.')}
        {teacherGolden !== null && (
          <>
            {' '}
            Grey dotted: the teacher’s own KL(oracle‖teacher) on held-out inputs,{' '}
            <span data-testid="teacher-golden">{sig(teacherGolden)}</span>.
          </>
        )}
      </p>
      <ul className="hacking-readout" aria-label="Teacher hacking readout">
        {lanes.map((l, k) => (
          <LaneReadout key={k} lane={l} name={laneNames[k]!} color={laneColor(k)} />
        ))}
      </ul>
    </figure>
  );
}
