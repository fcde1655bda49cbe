/**
 * Writing a lesson in the app: "Add a checkpoint here" records the experiment on screen (as a
 * patch against the step before), the run's step as the checkpoint and the note typed; the
 * lesson then plays, downloads as JSON or travels as a link.
 */
import { useId, useState } from 'react';
import { parseLesson } from '../../lessons/parse';
import { LESSON_VIEWS, LESSON_VIEW_IDS, type LessonView } from '../../lessons/views';
import { useConfigStore } from '../../state/config';
import { useDraftStore } from '../../state/lesson-draft';
import { useLessonStore } from '../../state/lesson';
import { lessonFileName, lessonJson, lessonUrl } from '../../state/lesson-share';
import { useRunStore } from '../../state/run';
import { downloadText } from '../download';

/** "no setting changed", "1 setting changed", "3 settings changed" */
const changed = (n: number) => (n === 0 ? 'no setting changed' : `${n} setting${n === 1 ? '' : 's'} changed`);

export function LessonAuthoring({ onPlay }: { onPlay(): void }) {
  const id = useId();
  const draft = useDraftStore((s) => s.draft);
  const step = useRunStore((s) => s.step);
  const [title, setTitle] = useState('');
  const [view, setView] = useState<LessonView>('agreement');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [link, setLink] = useState('');
  const store = useDraftStore.getState();
  const checked = parseLesson(draft);
  const add = () => {
    store.add({ config: useConfigStore.getState().config, step, view, note, title });
    setTitle('');
    setNote('');
    setLink('');
    setMessage(`Checkpoint ${draft.steps.length + 1} added: until step ${step.toLocaleString('en-US')}.`);
  };
  return (
    <section className="lesson-authoring" aria-label="Write a lesson">
      <h3>Write a lesson</h3>
      <div className="lesson-fields">
        <label htmlFor={`${id}-title`}>Lesson title</label>
        <input
          id={`${id}-title`}
          defaultValue={draft.title}
          onBlur={(e) => store.rename(e.target.value.trim() || 'My lesson', draft.summary)}
        />
        <label htmlFor={`${id}-summary`}>Summary</label>
        <input
          id={`${id}-summary`}
          defaultValue={draft.summary}
          onBlur={(e) => store.rename(draft.title, e.target.value.trim() || 'What this lesson shows.')}
        />
        <label htmlFor={`${id}-cp`}>Checkpoint title</label>
        <input id={`${id}-cp`} value={title} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor={`${id}-view`}>Pin the note to</label>
        <select id={`${id}-view`} value={view} onChange={(e) => setView(e.target.value as LessonView)}>
          {LESSON_VIEW_IDS.map((v) => (
            <option key={v} value={v}>
              {LESSON_VIEWS[v]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p>
        <button type="button" className="btn btn-small btn-primary" disabled={step < 1} onClick={add}>
          Add a checkpoint here
        </button>{' '}
        <span className="field-hint">
          {step < 1
            ? 'Run some steps first: a checkpoint plays to the step the run is at.'
            : `Records this experiment, step ${step.toLocaleString('en-US')} and the note.`}
        </span>
      </p>
      {draft.steps.length ? (
        <ol className="lesson-draft" aria-label="Checkpoints written">
          {draft.steps.map((s, i) => (
            <li key={i}>
              <strong>{s.title}</strong>: until step {'steps' in s.until ? s.until.steps.toLocaleString('en-US') : '?'},{' '}
              {changed(Object.keys(s.experiment.patch ?? {}).length)}; note on {LESSON_VIEWS[s.note.view]}
            </li>
          ))}
        </ol>
      ) : null}
      <div className="lesson-draft-actions" role="group" aria-label="Lesson written">
        <button
          type="button"
          className="btn btn-small"
          disabled={!checked.ok}
          onClick={() => {
            if (!checked.ok) return;
            useLessonStore.getState().start(checked.lesson);
            onPlay();
          }}
        >
          Play this lesson
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!checked.ok}
          onClick={() =>
            checked.ok && downloadText(lessonJson(checked.lesson), lessonFileName(checked.lesson), 'application/json')
          }
        >
          Export lesson (.json)
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!checked.ok}
          onClick={() => {
            if (!checked.ok) return;
            const r = lessonUrl(checked.lesson);
            if (!r.ok) {
              setMessage(r.error);
              return;
            }
            setLink(r.url);
            navigator.clipboard
              .writeText(r.url)
              .then(() => setMessage('Lesson link copied.'))
              .catch(() => setMessage('Could not reach the clipboard: select the link and copy it.'));
          }}
        >
          Copy lesson link
        </button>
        <button type="button" className="btn btn-small" disabled={!draft.steps.length} onClick={store.removeLast}>
          Remove last checkpoint
        </button>
      </div>
      {link ? (
        <input
          className="lesson-link"
          readOnly
          value={link}
          aria-label="Lesson link"
          onFocus={(e) => e.target.select()}
        />
      ) : null}
      {message ? (
        <p className="field-hint" aria-live="polite" aria-label="Lesson authoring message">
          {message}
        </p>
      ) : null}
    </section>
  );
}
