/**
 * The live charts. Metrics overlay every student lane (a race); the loss parts and the
 * schedules show the lane selected in the views.
 */
import { useMemo } from 'react';
import { getObjective } from '../../objectives';
import { useConfigStore } from '../../state/config';
import { evalColumnName, lossColumnName, useRunStore } from '../../state/run';
import type { LossColumn } from '../../worker/protocol';
import { fixed, percent } from '../format';
import { TEACHER_COLOR, classColor, laneColor } from '../palette';
import { SHORT_NAMES } from '../../tasks/images/ui/common';
import { LiveChart, type LineSpec } from './LiveChart';

const PART_COLORS = ['#f97316', '#0ea5e9', '#a855f7', '#22c55e', '#e11d48'];
const SPS: LineSpec[] = [{ column: 'stepsPerSecond', label: 'Steps/s', color: '#64748b' }];

// Module-level formatters and domains keep the memoised charts from re-rendering needlessly.
const fmtLoss = (v: number) => fixed(v, 2);
const fmtPercent = (v: number) => percent(v, 0);
const fmtRate = (v: number) => fixed(v, Math.abs(v) < 10 ? 1 : 0);
const fmtValue = (v: number) => fixed(v, 3);
const UNIT: [number, number] = [0, 1];
const FROM_ZERO: [number, 'auto'] = [0, 'auto'];

/** One line per lane for a held-out metric. */
function perLane(names: string[], metric: string): LineSpec[] {
  return names.map((name, lane) => ({ column: evalColumnName(lane, metric), label: name, color: laneColor(lane) }));
}

export function ChartsPanel() {
  useRunStore((s) => s.version); // the series are mutated in place; version says they grew
  const session = useRunStore((s) => s.session);
  const selected = useRunStore((s) => s.lane);
  const objectives = useConfigStore((s) => s.config.lanes.map((l) => l.objective).join(','));
  const kind = useConfigStore((s) => s.config.task.kind);
  const { loss, evals, speed, gap } = useRunStore.getState();

  const laneNames = useMemo(
    () => objectives.split(',').map((id, i) => `${i + 1} · ${getObjective(id).name.replace(/ \(.*\)$/, '')}`),
    [objectives],
  );
  const lanes = Math.min(laneNames.length, session?.lanes ?? laneNames.length);
  const lane = Math.min(selected, lanes - 1);
  const columns = session?.lossColumns;
  const totals = useMemo<LineSpec[]>(
    () =>
      laneNames
        .slice(0, lanes)
        .map((name, i) => ({ column: lossColumnName(i, 'total'), label: name, color: laneColor(i) })),
    [laneNames, lanes],
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
  const acc = useMemo(() => perLane(laneNames.slice(0, lanes), 'studentAccuracy'), [laneNames, lanes]);
  const agree = useMemo(() => perLane(laneNames.slice(0, lanes), 'agreement'), [laneNames, lanes]);
  const kl = useMemo(() => perLane(laneNames.slice(0, lanes), 'kl'), [laneNames, lanes]);
  const ece = useMemo(() => perLane(laneNames.slice(0, lanes), 'ece'), [laneNames, lanes]);
  const ppl = useMemo(() => perLane(laneNames.slice(0, lanes), 'perplexity'), [laneNames, lanes]);
  const teacherPpl = session?.teacherMetrics.teacherPerplexity;
  const pplReference = useMemo(
    () =>
      teacherPpl !== undefined
        ? { y: teacherPpl, label: `teacher ${fixed(teacherPpl, 2)}`, color: TEACHER_COLOR }
        : undefined,
    [teacherPpl],
  );
  const text = kind === 'text';
  const saliency = useMemo<LineSpec[]>(
    () =>
      laneNames.slice(0, lanes).flatMap((name, i) => [
        { column: evalColumnName(i, 'saliencyCosine'), label: `${name} cosine`, color: laneColor(i) },
        { column: evalColumnName(i, 'saliencySpearman'), label: `${name} Spearman`, color: laneColor(i), dashed: true },
      ]),
    [laneNames, lanes],
  );
  const gapLines = useMemo<LineSpec[]>(
    () => SHORT_NAMES.map((name, c) => ({ column: `gap:${c}`, label: name, color: classColor(c) })),
    [],
  );
  const teacherEce = session?.teacherMetrics.teacherEce;
  const eceReference = useMemo(
    () =>
      teacherEce !== undefined
        ? { y: teacherEce, label: `teacher ${fixed(teacherEce, 3)}`, color: TEACHER_COLOR }
        : undefined,
    [teacherEce],
  );
  const teacherAcc = session?.teacherMetrics.teacherAccuracy;
  const reference = useMemo(
    () =>
      teacherAcc !== undefined
        ? { y: teacherAcc, label: `teacher ${percent(teacherAcc)}`, color: TEACHER_COLOR }
        : undefined,
    [teacherAcc],
  );
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
        title={text ? 'Next-character accuracy (held-out)' : 'Student accuracy (held-out)'}
        series={evals}
        length={evals.length}
        lines={acc}
        format={fmtPercent}
        yDomain={UNIT}
        reference={reference}
      />
      <LiveChart
        title={text ? 'Token-level top-1 agreement with the teacher' : 'Top-1 agreement with the teacher'}
        series={evals}
        length={evals.length}
        lines={agree}
        format={fmtPercent}
        yDomain={UNIT}
      />
      <LiveChart
        title={text ? 'Per-token KL(teacher‖student) at T = 1, nats' : 'KL(teacher‖student) at T = 1, nats'}
        series={evals}
        length={evals.length}
        lines={kl}
        format={fmtLoss}
        yDomain={FROM_ZERO}
      />
      {text ? (
        <LiveChart
          title="Held-out perplexity (lower is better, log scale)"
          series={evals}
          length={evals.length}
          lines={ppl}
          format={fmtLoss}
          reference={pplReference}
          yScale="log"
        />
      ) : null}
      {kind === 'images' ? (
        <>
          <LiveChart
            title="Calibration error (ECE, 15 bins)"
            series={evals}
            length={evals.length}
            lines={ece}
            format={fmtValue}
            yDomain={FROM_ZERO}
            reference={eceReference}
          />
          <LiveChart
            title="Explanation agreement with the teacher (saliency over foreground pixels, 32 test images)"
            series={evals}
            length={evals.length}
            lines={saliency}
            format={fmtLoss}
          />
          <LiveChart
            title="Per-class gap: KL(teacher‖student), running mean"
            series={gap}
            length={gap.length}
            lines={gapLines}
            format={fmtLoss}
            yDomain={FROM_ZERO}
          />
        </>
      ) : null}
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
