/**
 * The selected test point through both models' eyes: teacher and student probabilities at the
 * distillation temperature T (what the loss compares) and at T = 1 (what they predict).
 */
import { useMemo } from 'react';
import { softmaxRow } from '../../../lib/softmax';
import { laneTemperature } from '../../../objectives';
import { useConfigStore } from '../../../state/config';
import { useRunStore } from '../../../state/run';
import { classColor, classTextColor, TEACHER_COLOR } from '../../../ui/palette';

function Bars({ title, probs, color }: { title: string; probs: Float64Array; color: (c: number) => string }) {
  return (
    <div className="prob-bars">
      <h4>{title}</h4>
      <ol>
        {Array.from(probs, (p, c) => (
          <li key={c}>
            <span className="prob-class" style={{ color: classTextColor(c) }}>
              class {c}
            </span>
            <span className="prob-track">
              <span className="prob-fill" style={{ width: `${(p * 100).toFixed(1)}%`, background: color(c) }} />
            </span>
            <span className="prob-value">{(p * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function PointInspector() {
  const selected = useRunStore((s) => s.selected);
  const data = useRunStore((s) => (s.data?.kind === 'toy2d' ? s.data : undefined));
  const views = useRunStore((s) => s.views);
  const lane = useRunStore((s) => s.lane);
  const laneConfig = useConfigStore((s) => s.config.lanes[Math.min(lane, s.config.lanes.length - 1)]);
  const totalSteps = useConfigStore((s) => s.config.train.steps);
  // The temperature training used at the step these views were read (a schedule moves it).
  const viewStep = views?.step ?? 0;
  const T = useMemo(
    () => (laneConfig ? +laneTemperature(laneConfig, viewStep, totalSteps).toFixed(2) : 1),
    [laneConfig, viewStep, totalSteps],
  );
  if (selected === null || !data) {
    return (
      <aside className="point-inspector empty" aria-label="Point inspector">
        <p>Click a test point to compare the teacher’s and the student’s probabilities for it.</p>
      </aside>
    );
  }
  const k = data.classes;
  const x = data.testX[2 * selected]!;
  const y = data.testX[2 * selected + 1]!;
  const label = data.testY[selected]!;
  const t = views?.teacher.test;
  const s = views?.lanes[Math.min(lane, views.lanes.length - 1)]?.test;
  const who = (views?.lanes.length ?? 1) > 1 ? `Student ${lane + 1}` : 'Student';
  return (
    <aside className="point-inspector" aria-label="Point inspector">
      <header>
        <strong>
          Point #{selected} ({x.toFixed(2)}, {y.toFixed(2)})
        </strong>
        <span>
          true class <span style={{ color: classTextColor(label) }}>{label}</span>
        </span>
        <button type="button" className="btn btn-small" onClick={() => useRunStore.getState().select(null)}>
          Clear
        </button>
      </header>
      {t && s ? (
        <div className="prob-grid">
          <Bars title={`Teacher at T = ${T}`} probs={softmaxRow(t, selected * k, k, T)} color={() => TEACHER_COLOR} />
          <Bars title={`${who} at T = ${T}`} probs={softmaxRow(s, selected * k, k, T)} color={classColor} />
          <Bars title="Teacher at T = 1" probs={softmaxRow(t, selected * k, k, 1)} color={() => TEACHER_COLOR} />
          <Bars title={`${who} at T = 1`} probs={softmaxRow(s, selected * k, k, 1)} color={classColor} />
        </div>
      ) : (
        <p>Train for a step to see the models’ probabilities.</p>
      )}
    </aside>
  );
}
