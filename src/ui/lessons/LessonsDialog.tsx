/**
 * Lessons: the shipped ones, a lesson file to open, and the lesson being written here
 * (LessonAuthoring). Choosing one closes the dialog and plays it.
 */
import { useState } from 'react';
import { SHIPPED_LESSONS } from '../../lessons';
import { useLessonStore } from '../../state/lesson';
import { openLessonText } from '../../state/lesson-share';
import { Dialog } from '../Dialog';
import { JsonFileButton } from '../JsonFileButton';
import { LessonAuthoring } from './LessonAuthoring';

export function LessonsDialog({ onClose }: { onClose(): void }) {
  const [problems, setProblems] = useState<string[]>([]);
  return (
    <Dialog title="Lessons" closeLabel="Close lessons" onClose={onClose}>
      <div className="lessons-dialog">
        <ul className="lesson-list" aria-label="Shipped lessons">
          {SHIPPED_LESSONS.map(({ id, lesson }) => (
            <li key={id}>
              <div>
                <strong>{lesson.title}</strong>
                <p className="field-hint">
                  {lesson.summary} ({lesson.steps.length} checkpoints)
                </p>
              </div>
              <button
                type="button"
                className="btn btn-small btn-primary"
                aria-label={`Start “${lesson.title}”`}
                onClick={() => {
                  useLessonStore.getState().start(lesson);
                  onClose();
                }}
              >
                Start
              </button>
            </li>
          ))}
        </ul>
        <p>
          <JsonFileButton
            label="Open a lesson file…"
            fileLabel="Lesson file"
            onText={(text) => {
              const found = openLessonText(text);
              setProblems(found);
              if (!found.length) onClose();
            }}
          />
        </p>
        {problems.length ? (
          <div className="notice notice-error" role="alert" aria-label="Lesson file problem">
            {problems.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        ) : null}
        <LessonAuthoring onPlay={onClose} />
      </div>
    </Dialog>
  );
}
