/**
 * A sweep's results, live while it runs: progress with an estimate and Cancel, the lab's own
 * chart when the sweep names one, the verdict when it is one, the generic chart and the table
 * of one metric, CSV of every run, and a link that reopens exactly these results.
 */
import { useMemo, useState } from 'react';
import { cancelSweep, closeSweepResults, useSweepStore, type RunningSweep } from '../../state/sweep';
import { encodeSweepLink } from '../../sweeps/link';
import { laneMetrics, laneNames, summarizePoints, sweepCsv } from '../../sweeps/table';
import { sweepTitle } from '../../sweeps/title';
import type { SweepResult } from '../../sweeps/types';
import { Dialog } from '../Dialog';
import { downloadText } from '../download';
import { durationText } from './duration';
import { LabChartView } from './lab-charts';
import { SweepHeatmap, SweepLineChart } from './SweepChart';
import { SweepTable } from './SweepTable';
import { VerdictPanel } from './VerdictPanel';

function Progress({ running }: { running: RunningSweep }) {
  const { done, total, msPerRun } = running.progress;
  const left = total > 0 && done > 0 ? durationText((total - done) * msPerRun) : null;
  return (
    <div className="sweep-progress">
      <progress aria-label="Sweep progress" max={Math.max(total, 1)} value={done} />
      <span role="status">
        {total === 0 ? 'Starting…' : `${done} of ${total} runs`}
        {left ? ` · about ${left} left` : total ? ' · timing the first run…' : ''}
      </span>
      <button type="button" className="btn btn-small" onClick={cancelSweep}>
        Cancel sweep
      </button>
    </div>
  );
}

function ResultLink({ result }: { result: SweepResult }) {
  const [copied, setCopied] = useState(false);
  const url = useMemo(() => `${location.href.split('#')[0]}#${encodeSweepLink(result)}`, [result]);
  return (
    <div className="sweep-link">
      <label>
        Link to these results
        <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

export function SweepResults({ result }: { result: SweepResult }) {
  const running = useSweepStore((s) => s.running);
  const error = useSweepStore((s) => s.error);
  const savedId = useSweepStore((s) => s.savedId);
  const metrics = laneMetrics(result);
  const [metricId, setMetricId] = useState('studentAccuracy');
  const metric = metrics.find((m) => m.id === metricId) ?? metrics[0];
  const lanes = laneNames(result);
  const [laneIndex, setLaneIndex] = useState(0);
  const rows = metric ? summarizePoints(result, metric.id) : [];
  const anyRun = result.points.some((p) => p.runs.length > 0);
  const { axes } = result.spec;
  return (
    <Dialog title={sweepTitle(result.spec)} closeLabel="Close sweep results" onClose={closeSweepResults}>
      {running ? <Progress running={running} /> : null}
      {error ? (
        <p className="sweep-error" role="alert">
          {error}
          {anyRun ? ' The runs that finished are shown.' : ''}
        </p>
      ) : null}
      {!running && anyRun ? (
        <p className="sweep-meta">
          {result.complete ? 'Finished' : 'Stopped early'}: {result.points.reduce((n, p) => n + p.runs.length, 0)} runs
          of {result.spec.steps} steps on {result.backend || 'this device'}
          {result.ms ? ` in ${durationText(result.ms)}` : ''}.{savedId ? ' Saved in History.' : ''}
        </p>
      ) : null}
      {anyRun ? <LabChartView result={result} /> : null}
      {result.spec.verdict && anyRun ? <VerdictPanel result={result} /> : null}
      {metric && anyRun ? (
        <>
          <div className="sweep-controls">
            <label>
              Metric{' '}
              <select value={metric.id} onChange={(e) => setMetricId(e.target.value)}>
                {metrics.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </select>
            </label>
            {axes.length === 2 && lanes.length > 1 ? (
              <label>
                Student{' '}
                <select value={laneIndex} onChange={(e) => setLaneIndex(Number(e.target.value))}>
                  {lanes.map((l, i) => (
                    <option key={l} value={i}>
                      {l}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          {axes.length === 1 ? <SweepLineChart axis={axes[0]!} lanes={lanes} metric={metric} rows={rows} /> : null}
          {axes.length === 2 ? (
            <SweepHeatmap axes={axes} lane={lanes[laneIndex] ?? ''} laneIndex={laneIndex} metric={metric} rows={rows} />
          ) : null}
          <SweepTable axes={axes} lanes={lanes} metric={metric} rows={rows} />
          <div className="sweep-actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => downloadText(sweepCsv(result), 'kd-studio-sweep.csv', 'text/csv')}
            >
              Download CSV
            </button>
          </div>
          {!running ? <ResultLink result={result} /> : null}
        </>
      ) : null}
    </Dialog>
  );
}
