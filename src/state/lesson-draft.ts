/**
 * The lesson being written in the app. Each "Add a checkpoint here" appends what is on screen
 * (lessons/record.ts). Kept in this browser's localStorage, so a reload loses no work; where
 * storage is refused the draft lives for this page only.
 */
import { create } from 'zustand';
import { addCheckpoint, emptyDraft, type CheckpointInput } from '../lessons/record';
import { parseLesson } from '../lessons/parse';
import type { Lesson } from '../lessons/schema';

const KEY = 'kd-studio.lesson-draft';

function load(): Lesson {
  try {
    const text = localStorage.getItem(KEY);
    if (!text) return emptyDraft();
    const r = parseLesson(JSON.parse(text));
    return r.ok ? r.lesson : emptyDraft();
  } catch {
    return emptyDraft();
  }
}

function save(draft: Lesson): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Private windows and full storage refuse: the draft stays in memory.
  }
}

interface DraftState {
  draft: Lesson;
  add(input: CheckpointInput): void;
  removeLast(): void;
  rename(title: string, summary: string): void;
  replace(draft: Lesson): void;
  clear(): void;
}

export const useDraftStore = create<DraftState>((set, get) => {
  const put = (draft: Lesson) => {
    save(draft);
    set({ draft });
  };
  return {
    draft: load(),
    add: (input) => put(addCheckpoint(get().draft, input)),
    removeLast: () => put({ ...get().draft, steps: get().draft.steps.slice(0, -1) }),
    rename: (title, summary) => put({ ...get().draft, title, summary }),
    replace: (draft) => put(draft),
    clear: () => put(emptyDraft()),
  };
});
