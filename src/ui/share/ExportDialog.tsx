/** Take results out: each student as a tfjs layers model, and the metrics as CSV or JSON. */
import { useState } from 'react';
import { getObjective } from '../../objectives';
import { useConfigStore } from '../../state/config';
import { useRunStore } from '../../state/run';
import { studio } from '../../state/studio';
import { downloadBlob, downloadText } from '../download';
import { metricsCsv, metricsJson } from './metrics-file';
import { Dialog } from '../Dialog';

export function ExportDialog({ onClose }: { onClose(): void }) {
  const lanes = useConfigStore((s) => s.config.lanes);
  const hasSession = useRunStore((s) => Boolean(s.session));
  const [message, setMessage] = useState<string | null>(null);
  const exportStudent = async (lane: number) => {
    const models = await studio.exportStudents();
    const m = models[lane];
    if (!m) return setMessage('Press Play first: there is no trained student yet.');
    if ('error' in m) return setMessage(m.error);
    const base = `student-${lane + 1}-${lanes[lane]?.objective ?? 'kd'}`;
    downloadText(JSON.stringify(m.modelJson), `${base}.json`, 'application/json');
    downloadBlob(new Blob([m.weights], { type: 'application/octet-stream' }), 'weights.bin');
    setMessage(`Saved ${base}.json and weights.bin (a tfjs layers model: tf.loadLayersModel reads it).`);
  };
  return (
    <Dialog title="Export" closeLabel="Close export" narrow onClose={onClose}>
      <h3>Students (tfjs layers models)</h3>
      <div className="dialog-actions">
        {lanes.map((l, i) => (
          <button
            key={i}
            type="button"
            className="btn btn-small"
            disabled={!hasSession}
            onClick={() => void exportStudent(i)}
          >
            Student {i + 1} · {getObjective(l.objective).name.replace(/ \(.*\)$/, '')}
          </button>
        ))}
      </div>
      <h3>Metrics</h3>
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => downloadText(metricsCsv(), 'kd-studio-metrics.csv', 'text/csv')}
        >
          Metrics as CSV
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => downloadText(metricsJson(), 'kd-studio-metrics.json', 'application/json')}
        >
          Metrics as JSON
        </button>
      </div>
      <p className="muted">Each chart has its own PNG button.</p>
      {message ? <p role="status">{message}</p> : null}
    </Dialog>
  );
}
