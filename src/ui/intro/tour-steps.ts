/**
 * The guided first run's four pointers, in order: what each says, what it points at, and what
 * it waits for. A pointer moves on by itself when the thing it waits for happens while it is
 * shown (Tour.tsx); if it had already happened, it says so and waits for Next.
 */
import type { RunStatus } from '../../worker/protocol';

/** What the pointers watch, read from the run store. */
export interface TourWatch {
  status: RunStatus;
  step: number;
  selected: number | null;
}

export interface TourStep {
  id: 'teacher' | 'soft-targets' | 'student-map' | 'agreement';
  title: string;
  body: string;
  /** Said while the pointer waits; absent for a pointer that waits only for Next. */
  waiting?: string;
  /** Said once the awaited thing has happened. */
  happened?: string;
  done?(w: TourWatch): boolean;
  /** The element pointed at, found by what the page already names it. */
  anchor(doc: Document): HTMLElement | null;
}

const closestFigure = (el: Element | null): HTMLElement | null => (el?.closest('figure') as HTMLElement | null) ?? null;

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'teacher',
    title: 'First, the teacher trains',
    body: 'The teacher learns the spiral from its labels alone; the bar here shows how far it has got. Then it is frozen: from now on it only answers.',
    waiting: 'Moves on when the teacher is ready.',
    happened: 'The teacher is trained and frozen; the student is learning from it.',
    done: (w) => w.step > 0 && (w.status === 'running' || w.status === 'paused' || w.status === 'done'),
    anchor: (doc) => doc.querySelector<HTMLElement>('.run-status') ?? doc.querySelector<HTMLElement>('.run-bar'),
  },
  {
    id: 'soft-targets',
    title: 'Soft targets',
    body: 'Click a test point on a map (or focus a map and press an arrow key). Here you see its probabilities: the teacher’s at T = 4 are the soft targets the student is trained to match; at T = 1, what each model predicts.',
    waiting: 'Moves on when you pick a point.',
    happened: 'A point is picked: compare the teacher’s bars at T = 4 and at T = 1.',
    done: (w) => w.selected !== null,
    anchor: (doc) => doc.querySelector<HTMLElement>('[aria-label="Point inspector"]'),
  },
  {
    id: 'student-map',
    title: 'The student’s map',
    body: 'The student, 42 times smaller, draws its own boundaries from those soft targets. Ringed points are where its top class still differs from the teacher’s; watch them go.',
    // The default run's 3,000 steps take about 10 s at its speed (5 steps a frame): long enough to watch.
    waiting: 'Moves on when the run reaches its planned steps.',
    happened: 'The run has reached its planned steps: this is the student’s final map.',
    done: (w) => w.status === 'done',
    anchor: (doc) => closestFigure(doc.querySelector('canvas[aria-label^="Student"]')),
  },
  {
    id: 'agreement',
    title: 'Agreement with the teacher',
    body: 'The share of held-out points where the student’s top class is the teacher’s, at every evaluation. What stays below 100% is what the small student cannot copy. Try another temperature or objective in the settings and compare.',
    anchor: (doc) => closestFigure(doc.querySelector('canvas[aria-label^="Top-1 agreement with the teacher"]')),
  },
];
