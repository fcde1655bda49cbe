/**
 * Where a task on the user's data gets its file: drop it, pick it, or use a shipped sample.
 * Shows the file in use, a busy line while the worker reads it, and a message (the experiment
 * unchanged) when it cannot serve. When the config names a file this browser lacks (an opened
 * link, another browser), it says which file to drop and checks that the dropped one is it.
 */
import { useId, useRef, useState } from 'react';
import { describeDataset, type DatasetRef } from '../../config/dataset';
import { bringFile, useDatasetsStore, type BroughtFile } from '../../state/datasets';
import { useDataTaskStore } from '../../state/data-task';
import { droppedFiles, pickedFiles, type PickedFile } from './dropped-files';

export interface DatasetSourceProps {
  /** The task kind the file is for (the "My data" list says). */
  kind: string;
  /** What the file is, in words: "a CSV or TSV table". */
  what: string;
  /** The file input's accept list, e.g. ".csv,.tsv". */
  accept: string;
  /** The file the config names now. */
  current: DatasetRef | undefined;
  samples?: readonly { label: string; ref: DatasetRef }[];
  /** Packs several files (a dropped folder) into one, or says why it cannot. Absent: one file only. */
  pack?(files: PickedFile[]): Promise<BroughtFile | string>;
  /** Reads the file into the task and applies it; the message for the user on failure, else null. */
  use(ref: DatasetRef): Promise<string | null>;
}

async function toBrought(files: PickedFile[], pack: DatasetSourceProps['pack']): Promise<BroughtFile | string> {
  if (files.length === 0) return 'Nothing was dropped.';
  if (files.length === 1 && !files[0]!.path.includes('/'))
    return { name: files[0]!.file.name, bytes: new Uint8Array(await files[0]!.file.arrayBuffer()) };
  if (!pack) return 'Drop one file.';
  return pack(files);
}

export function DatasetSource(props: DatasetSourceProps) {
  const { current, kind } = props;
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const reading = useDataTaskStore((s) => s.reading);
  const storageNotice = useDatasetsStore((s) => s.storageNotice);
  const missing = useDataTaskStore((s) =>
    s.missing && current && s.missing.sha256 === current.sha256 ? s.missing : null,
  );

  const take = async (files: PickedFile[]) => {
    setError(null);
    try {
      const brought = await toBrought(files, props.pack);
      if (typeof brought === 'string') return setError(brought);
      const kept = await bringFile(brought, kind, missing ?? undefined);
      if (!kept.ok) return setError(kept.error);
      const problem = await props.use(kept.ref);
      if (problem) setError(problem);
    } catch (e) {
      console.error('Bringing a data file failed', e);
      setError('The file could not be read.');
    }
  };

  return (
    <div className="dataset-source" data-path="task.dataset">
      {missing ? (
        <p className="notice notice-error" role="alert" aria-label="Missing data file">
          This experiment uses your file {describeDataset(missing)}, which is not in this browser. Drop that file here
          to continue: its hash is checked.
        </p>
      ) : current ? (
        <p className="field-hint" aria-label="Data file in use">
          Using {describeDataset(current)}
          {current.sample ? ', shipped with the app' : ''}.
        </p>
      ) : null}
      <div
        className={`drop-zone${over ? ' drop-zone-over' : ''}`}
        role="button"
        tabIndex={0}
        aria-label={`Drop or choose ${props.what}`}
        onClick={() => input.current?.click()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            input.current?.click();
          }
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void droppedFiles(e.dataTransfer).then(take);
        }}
      >
        {reading ? `Reading ${reading}…` : `Drop ${props.what} here, or click to choose one`}
      </div>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={props.accept}
        hidden
        aria-label={`Choose ${props.what}`}
        onChange={(e) => {
          const files = e.target.files ? pickedFiles(e.target.files) : [];
          e.target.value = '';
          void take(files);
        }}
      />
      {props.samples?.length ? (
        <div className="dataset-samples">
          {props.samples.map((s) => (
            <button
              key={s.ref.sha256}
              type="button"
              disabled={current?.sha256 === s.ref.sha256}
              onClick={() => {
                setError(null);
                void props.use(s.ref).then(setError);
              }}
            >
              Use the sample: {s.label}
            </button>
          ))}
        </div>
      ) : null}
      {storageNotice && current && !current.sample ? (
        <p className="field-hint field-warning" role="note">
          {storageNotice}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert" aria-label="Data file problem">
          {error}
        </p>
      ) : null}
    </div>
  );
}
