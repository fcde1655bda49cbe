/**
 * A lesson's note, pinned next to the view it is about: placed right after the view in the page
 * (beside it in the charts' grid, under it elsewhere), so it moves with the view on any screen
 * and a screen reader meets it there; the view is outlined while the note is up. The view may
 * mount later (a chart appears with its first data), so it is looked for until it is there.
 * When the view is not on the page at all, the note shows in the lesson panel instead.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { LESSON_VIEWS, type LessonView } from '../../lessons/views';
import { findView } from './view-targets';

const LOOK_EVERY_MS = 250;

export function PinnedNote({ view, text, onPlaced }: { view: LessonView; text: string; onPlaced(ok: boolean): void }) {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => {
    let target: HTMLElement | null = null;
    let box: HTMLElement | null = null;
    let scrolled = false;
    const place = () => {
      // One note at a time: whatever an earlier note left behind (a view re-created under it)
      // goes.
      for (const old of document.querySelectorAll('.lesson-note-slot')) if (old !== box) old.remove();
      for (const old of document.querySelectorAll('.lesson-target')) if (old !== target) unmark(old);
      const found = findView(view);
      if (found === target && (!box || box.isConnected)) return;
      unplace();
      target = found;
      if (!target) {
        onPlaced(false);
        return;
      }
      target.classList.add('lesson-target');
      target.setAttribute('data-lesson-target', view);
      box = document.createElement('div');
      box.className = 'lesson-note-slot';
      target.insertAdjacentElement('afterend', box);
      setSlot(box);
      onPlaced(true);
      if (!scrolled) {
        scrolled = true;
        target.scrollIntoView({ block: 'center', inline: 'nearest' });
      }
    };
    const unplace = () => {
      if (target) unmark(target);
      box?.remove();
      box = null;
      setSlot(null);
    };
    place();
    const timer = setInterval(place, LOOK_EVERY_MS);
    return () => {
      clearInterval(timer);
      unplace();
    };
  }, [view, onPlaced]);
  if (!slot) return null;
  return createPortal(<NoteCard view={view} text={text} />, slot);
}

function unmark(element: Element): void {
  element.classList.remove('lesson-target');
  element.removeAttribute('data-lesson-target');
}

export function NoteCard({ view, text }: { view: LessonView; text: string }) {
  return (
    <aside className="lesson-note" role="note" aria-label="Lesson note">
      <p className="lesson-note-about">Lesson · about {LESSON_VIEWS[view]}</p>
      <p>{text}</p>
    </aside>
  );
}
