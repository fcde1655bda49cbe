/** The text file task's Data fields: the file (drop, pick or the sample), what it holds, and the language task's settings. */
import { useConfigStore } from '../../../state/config';
import { applyDataTask, useDataSummary, useDataTaskRefresh } from '../../../state/data-task';
import { DatasetSource } from '../../../ui/data/DatasetSource';
import { NumberField } from '../../../ui/controls/fields';
import { LanguageFields } from '../../text/ui/LanguageFields';
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
      <LanguageFields
        heldOut={<NumberField path="task.testFraction" label="Held-out fraction" />}
        prompt="a prompt taken from the file"
        source="the file"
      />
    </>
  );
}
