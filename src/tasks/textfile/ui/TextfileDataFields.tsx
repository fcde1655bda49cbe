/** The text file task's Data fields: the file (drop, pick or the sample), what it holds, and the language task's settings. */
import { useConfigStore } from '../../../state/config';
import { applyDataTask, useDataSummary, useDataTaskRefresh } from '../../../state/data-task';
import { DatasetSource } from '../../../ui/data/DatasetSource';
import { NumberField, ToggleField } from '../../../ui/controls/fields';
import { SAMPLE_REF } from '../sample';
import type { TextfileTask } from '../schema';

const SAMPLES = [{ label: 'Moby-Dick, Extracts and chapters 25–31 (59 kB)', ref: SAMPLE_REF }] as const;

export function TextfileDataFields() {
  const task = useConfigStore((s) => (s.config.task.kind === 'textfile' ? s.config.task : null));
  if (!task) return null;
  return <Fields task={task} />;
}

function Fields({ task }: { task: TextfileTask }) {
  useDataTaskRefresh(task);
  const summary = useDataSummary(task);
  return (
    <>
      <DatasetSource
        kind="textfile"
        what="a .txt file (UTF-8, up to 5 MB)"
        accept=".txt,text/plain"
        current={task.dataset}
        samples={SAMPLES}
        use={(ref) => applyDataTask({ ...task, dataset: ref })}
      />
      <p className="field-hint" aria-label="Text file summary">
        {task.characters.toLocaleString('en-US')} characters, {Array.from(task.vocab).length} symbols; a transformer
        teacher is trained on it here, the last {Math.round(task.testFraction * 100)}% held out.
      </p>
      {summary?.notices.length ? (
        <ul className="textfile-notices" aria-label="Notices about the text file">
          {summary.notices.slice(1).map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <div className="field-grid">
        <NumberField path="task.context" label="Context (characters)" />
        <NumberField path="task.testFraction" label="Held-out fraction" />
        <NumberField path="task.evalWindows" label="Held-out windows" hint="Evaluated at every evaluation" />
        <NumberField path="seed" label="Seed" />
        <NumberField
          path="task.onPolicy"
          label="On-policy λ"
          hint="Share of steps on the students’ own samples (GKD): no labels there, so KD has weight 1"
        />
        <NumberField path="task.samplingTemperature" label="Sampling temperature" hint="0 = greedy" />
        <NumberField path="task.sampleEvery" label="Samples every (steps)" />
      </div>
      <ToggleField
        path="task.sequenceKd"
        label="Sequence-level KD (train on teacher samples)"
        help="The other steps train on text the teacher writes from a prompt taken from the file, its draws as labels (Kim & Rush 2016), instead of on the file."
      />
    </>
  );
}
