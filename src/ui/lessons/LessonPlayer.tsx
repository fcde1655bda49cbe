/**
 * The lesson being played: which checkpoint, what the run is doing, the note (pinned next to its
 * view), the question, and Back / Next. Keyboard: every control is a button or a radio button
 * in reading order; the status line is announced as it changes.
 */
import { useCallback, useState } from 'react';
import { useLessonStore } from '../../state/lesson';
import { useRunStore } from '../../state/run';
import { lessonStatus } from './lesson-status';
import { LessonQuestion } from './LessonQuestion';
import { NoteCard, PinnedNote } from './PinnedNote';
import './lessons.css';

export function LessonPlayer() {
  const lesson = useLessonStore((s) => s.lesson);
  const index = useLessonStore((s) => s.index);
  const frontier = useLessonStore((s) => s.frontier);
  const phase = useLessonStore((s) => s.phase);
  const outcome = useLessonStore((s) => s.outcome);
  const answers = useLessonStore((s) => s.answers);
  const notices = useLessonStore((s) => s.notices);
  const step = useRunStore((s) => s.step);
  const [placed, setPlaced] = useState(true);
  const onPlaced = useCallback((ok: boolean) => setPlaced(ok), []);
  if (!lesson) return null;
  const store = useLessonStore.getState();
  const checkpoint = lesson.steps[index]!;
  const last = index === lesson.steps.length - 1;
  const shown = phase === 'reached' || phase === 'capped' || phase === 'review';
  const finished = last && index === frontier && (phase === 'reached' || phase === 'capped');
  const canGoOn = !last && (index < frontier || shown);
  return (
    <section className="lesson-player card" aria-label="Lesson">
      <header className="lesson-head">
        <h2>{lesson.title}</h2>
        <button type="button" className="btn btn-small" onClick={store.quit}>
          Close lesson
        </button>
      </header>
      {notices.length ? (
        <ul className="lesson-notices" aria-label="Lesson notices">
          {notices.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      {phase === 'intro' ? (
        <>
          <p>{lesson.summary}</p>
          <p className="field-hint">
            {lesson.steps.length} checkpoints. Each applies an experiment, plays it to a point and pauses there.
          </p>
          <button type="button" className="btn btn-primary" onClick={() => store.start()}>
            Start lesson
          </button>
        </>
      ) : (
        <>
          <p className="lesson-progress">
            Checkpoint {index + 1} of {lesson.steps.length}: <strong>{checkpoint.title}</strong>
          </p>
          <p className="lesson-status" aria-live="polite" aria-label="Lesson status">
            {lessonStatus(checkpoint.until, phase, outcome, step)}
          </p>
          {shown ? (
            <>
              <PinnedNote
                key={`note-${index}`}
                view={checkpoint.note.view}
                text={checkpoint.note.text}
                onPlaced={onPlaced}
              />
              {placed ? null : <NoteCard view={checkpoint.note.view} text={checkpoint.note.text} />}
              {checkpoint.question ? (
                <LessonQuestion
                  key={`question-${index}`}
                  question={checkpoint.question}
                  chosen={answers[index]}
                  onChoose={(c) => store.answer(index, c)}
                />
              ) : null}
            </>
          ) : null}
          {finished ? <p className="lesson-done">Lesson complete.</p> : null}
          <div className="lesson-nav" role="group" aria-label="Lesson navigation">
            <button type="button" className="btn btn-small" disabled={index === 0} onClick={store.back}>
              Back
            </button>
            {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page
                while the next checkpoint plays, and the person would have to find their way back. */}
            <button
              type="button"
              className="btn btn-small btn-primary"
              aria-disabled={!canGoOn}
              onClick={() => canGoOn && store.next()}
            >
              Next checkpoint
            </button>
          </div>
        </>
      )}
    </section>
  );
}
