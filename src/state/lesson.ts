/**
 * The lesson being played, and its runner. Starting a checkpoint applies its experiment (a
 * ready-made one starts afresh, a patch goes through the config store like any edit: live
 * changes keep the students), sets Steps to the checkpoint so the worker stops there exactly, and
 * presses Play; the runner watches the run store and, for a metric condition, pauses when an
 * evaluation crosses the value. Back shows an earlier checkpoint's note and question again
 * without rewinding the run (training cannot go backwards); Next from there returns to the
 * furthest one, and past it runs the next.
 */
import { create } from 'zustand';
import { checkCondition, type Progress } from '../lessons/condition';
import { encodeLessonParam, LESSON_PARAM } from '../lessons/lesson-link';
import { resolveLesson, type ResolvedStep } from '../lessons/resolve';
import type { Lesson } from '../lessons/schema';
import { useConfigStore } from './config';
import { useIntroStore } from './intro';
import { useLinkStore } from './link';
import { useRunStore } from './run';
import { studio } from './studio';

/** 'intro': opened (from a link), not started; 'review': an earlier checkpoint shown again. */
export type LessonPhase = Progress['state'] | 'review' | 'intro';

interface LessonState {
  lesson?: Lesson;
  steps: ResolvedStep[];
  /** The checkpoint shown. */
  index: number;
  /** The furthest checkpoint started. */
  frontier: number;
  phase: LessonPhase;
  /** How the furthest checkpoint ended (reached, capped or stopped), once it has. */
  outcome?: Progress;
  /** The choice made for each question, by checkpoint. */
  answers: Record<number, number>;
  /** What the lesson's experiments needed repairing. */
  notices: string[];
  /** Shows the lesson's title and summary, with Start; nothing runs yet (a lesson link). */
  open(lesson: Lesson, notices?: string[]): void;
  /** Starts `lesson` (the one opened, if none given) at its first checkpoint. */
  start(lesson?: Lesson): void;
  next(): void;
  back(): void;
  answer(index: number, choice: number): void;
  quit(): void;
}

let stopWatching: (() => void) | null = null;

/** While a lesson is open, the address carries it too: a reload or a copied address keeps it. */
function showInAddress(lesson: Lesson): void {
  const encoded = encodeLessonParam(lesson);
  useLinkStore.setState({ extraParams: encoded.ok ? `${LESSON_PARAM}=${encoded.payload}` : undefined });
}

/** A lesson explains itself: the first-visit card makes room for it (not dismissed for good; the header's link still opens it). */
function closeIntroCard(): void {
  useIntroStore.setState({ card: false });
}

export const useLessonStore = create<LessonState>((set, get) => ({
  steps: [],
  index: 0,
  frontier: -1,
  phase: 'running',
  answers: {},
  notices: [],
  open(lesson, extra = []) {
    const { steps, notices } = resolveLesson(lesson);
    set({ lesson, steps, index: 0, frontier: -1, answers: {}, notices: [...extra, ...notices], outcome: undefined });
    set({ phase: 'intro' });
    showInAddress(lesson);
    closeIntroCard();
  },
  start(given) {
    const lesson = given ?? get().lesson;
    if (!lesson) return;
    if (given) {
      const { steps, notices } = resolveLesson(lesson);
      set({ lesson, steps, index: 0, frontier: -1, answers: {}, notices, outcome: undefined });
      showInAddress(lesson);
      closeIntroCard();
    }
    runCheckpoint(0);
  },
  next() {
    const { index, frontier, steps } = get();
    if (index >= steps.length - 1) return;
    if (index + 1 <= frontier) {
      set({ index: index + 1, phase: index + 1 === frontier ? (get().outcome?.state ?? 'running') : 'review' });
      return;
    }
    runCheckpoint(index + 1);
  },
  back() {
    const { index, lesson } = get();
    if (index <= 0) return;
    set({ index: index - 1, phase: 'review' });
    const lane = lesson?.steps[index - 1]?.note.lane;
    if (lane !== undefined) useRunStore.getState().selectLane(lane);
  },
  answer(index, choice) {
    set((s) => ({ answers: { ...s.answers, [index]: choice } }));
  },
  quit() {
    stopWatching?.();
    stopWatching = null;
    useLinkStore.setState({ extraParams: undefined });
    set({ lesson: undefined, steps: [], index: 0, frontier: -1, answers: {}, notices: [], outcome: undefined });
  },
}));

/** Applies checkpoint `i`'s experiment, plays, and watches until its condition holds. */
function runCheckpoint(i: number): void {
  const s = useLessonStore.getState();
  const step = s.lesson?.steps[i];
  const resolved = s.steps[i];
  if (!step || !resolved) return;
  stopWatching?.();
  useLessonStore.setState({ index: i, frontier: i, phase: 'running', outcome: undefined });
  // Paused first, so that the Play below is always seen starting (a run already going would not
  // say "running" again, and its late metrics would be taken for this checkpoint's).
  studio.pause();
  useConfigStore.getState().replace(resolved.config, { fresh: resolved.fresh || i === 0 });
  if (resolved.fresh || i === 0) useRunStore.getState().selectLane(0);
  // Armed once this Play is under way: until then the run store still shows the last run.
  let armed = false;
  let since = 0;
  const check = (run: ReturnType<typeof useRunStore.getState>) => {
    const progress = checkCondition(step.until, run, since);
    if (progress.state === 'running') return;
    // A run that stopped (an error, a divergence) may go on when the person presses Play again.
    if (progress.state === 'stopped') {
      useLessonStore.setState({ phase: 'stopped', outcome: progress });
      return;
    }
    stopWatching?.();
    stopWatching = null;
    // A metric crossed: stop where it did (a step count or a cap stops the worker by itself).
    if (progress.state === 'reached' && 'metric' in step.until && run.status === 'running') studio.pause();
    useLessonStore.setState({ phase: progress.state, outcome: progress });
    if (step.note.lane !== undefined) useRunStore.getState().selectLane(step.note.lane);
  };
  stopWatching = useRunStore.subscribe((run, prev) => {
    const statusEvent = run.status !== prev.status || run.reason !== prev.reason;
    if (!armed) {
      const started = run.status === 'running' && prev.status !== 'running';
      // Play found the run at the checkpoint already, or the run could not start at all.
      const ended = statusEvent && (run.reason?.code === 'planned-steps-reached' || run.status === 'error');
      if (!started && !ended) return;
      armed = true;
      since = run.step;
    }
    check(run);
  });
  studio.play();
}
