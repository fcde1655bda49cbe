/**
 * The first minute: whether the "What is distillation?" card is on screen, and the guided first
 * run (the tour) and its current pointer. When the card opens by itself: intro-open.ts.
 */
import { create } from 'zustand';
import { DEFAULT_CONFIG } from '../config/defaults';
import { introDismissed, introOnOpen, rememberDismissed } from './intro-open';
import { useConfigStore } from './config';
import { useLinkStore } from './link';
import { useRunStore } from './run';
import { studio } from './studio';

interface IntroState {
  /** The card is on screen. */
  card: boolean;
  /** The tour's current pointer (index into TOUR_STEPS), or null when no tour runs. */
  tour: number | null;
  /** Counts the card's openings from the header: the card takes focus on each. */
  opened: number;
  openCard(): void;
  dismissCard(): void;
  startTour(): void;
  /** The next pointer; past the last one the tour ends. */
  advance(steps: number): void;
  endTour(): void;
}

export const useIntroStore = create<IntroState>((set, get) => ({
  card: false,
  tour: null,
  opened: 0,
  openCard: () => set((s) => ({ card: true, opened: s.opened + 1 })),
  dismissCard() {
    rememberDismissed();
    set({ card: false });
  },
  startTour() {
    // The default experiment, afresh, on the backend the person chose (the tour is about
    // distillation, not about their device); the run it replaces stays in History.
    const config = useConfigStore.getState().config;
    useConfigStore.getState().replace({ ...DEFAULT_CONFIG, backend: config.backend }, { fresh: true });
    useRunStore.getState().selectLane(0);
    useRunStore.getState().select(null);
    rememberDismissed();
    set({ card: false, tour: 0 });
    studio.play();
  },
  advance(steps) {
    const next = (get().tour ?? -1) + 1;
    set({ tour: next < steps ? next : null });
  },
  endTour: () => set({ tour: null }),
}));

/** Decides, once the link is read (main.tsx), whether the card opens by itself. */
export function openIntroOnStart(play: boolean): void {
  const { flags, notices } = useLinkStore.getState();
  const show = introOnOpen({
    dismissed: introDismissed(),
    play,
    flags,
    notices: notices.length,
    config: useConfigStore.getState().config,
  });
  useIntroStore.setState({ card: show });
}
