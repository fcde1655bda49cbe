/** Take results out: each student in the format its kind exports to, and the metrics as CSV or JSON. */
import { useState } from 'react';
import { studentExport, type StudentExport } from '../../config/export';
import { laneName } from '../../objectives';
import { useConfigStore } from '../../state/config';
import { useRunStore } from '../../state/run';
import { studio } from '../../state/studio';
import { downloadBlob, downloadText } from '../download';
import { metricsCsv, metricsJson } from './metrics-file';
import { Dialog } from '../Dialog';
import { ProjectExport } from './ProjectExport';

/** What the files of a format are, and who reads them: said before and after the download. */
function formatNote(plan: StudentExport): string {
  if (plan.format === 'layers-model')
    return 'A TensorFlow.js layers model (model.json and one weight file): tf.loadLayersModel reads it, and so does Import model.';
  if (plan.format === 'kd-studio-transformer')
    return (
      'KD Studio’s own transformer format: a model.json ("format": "kd-studio-transformer", the architecture) and ' +
      'the weights in the TensorFlow.js weights format (tf.io.decodeWeights reads them with the manifest). ' +
      'It is not a layers model: tf.loadLayersModel and Import model do not read it.'
    );
  return plan.reason;
}

export function ExportDialog({ onClose }: { onClose(): void }) {
  const lanes = useConfigStore((s) => s.config.lanes);
  const student = useConfigStore((s) => s.config.student);
  const hasSession = useRunStore((s) => Boolean(s.session));
  const [message, setMessage] = useState<string | null>(null);
  // Every lane trains the same student architecture, so every lane exports to the same format.
  const plan = studentExport(student, __TFJS_LAYERS_VERSION__);
  const stem = (lane: number) => `student-${lane + 1}-${lanes[lane]?.objective ?? 'kd'}`;
  const exportStudent = async (lane: number) => {
    const models = await studio.exportStudents(lanes.map((_, i) => stem(i)));
    const m = models[lane];
    if (!m) return setMessage('Press Play first: there is no trained student yet.');
    if ('error' in m) return setMessage(m.error);
    const base = m.fileStem ?? stem(lane);
    downloadText(JSON.stringify(m.modelJson), `${base}.json`, 'application/json');
    downloadBlob(new Blob([m.weights], { type: 'application/octet-stream' }), m.weightsFile);
    setMessage(
      `Saved ${base}.json and ${m.weightsFile}: keep them side by side, the model.json names ${m.weightsFile}.`,
    );
  };
  const heading =
    plan.format === 'layers-model'
      ? 'Students (TensorFlow.js layers models)'
      : plan.format === 'kd-studio-transformer'
        ? 'Students (KD Studio transformer files)'
        : 'Students (cannot be exported)';
  return (
    <Dialog title="Export" closeLabel="Close export" narrow onClose={onClose}>
      <h3>{heading}</h3>
      <p className={plan.format === null ? 'field-error' : 'muted'} id="export-format-note">
        {formatNote(plan)}
      </p>
      <div className="dialog-actions">
        {lanes.map((l, i) => (
          <button
            key={i}
            type="button"
            className="btn btn-small"
            disabled={!hasSession || plan.format === null}
            aria-describedby="export-format-note"
            title={plan.format === null ? plan.reason : `${stem(i)}-step….json and its .weights.bin`}
            onClick={() => void exportStudent(i)}
          >
            Student {laneName(i, l.objective)}
          </button>
        ))}
      </div>
      {plan.format !== null && !hasSession ? (
        <p className="muted">Press Play first: there is no trained student yet.</p>
      ) : null}
      <ProjectExport />
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
