/**
 * Whether the "What is distillation?" card opens by itself, and the memory of its dismissal.
 *
 * Remembered in localStorage: the answer is needed before the first paint, and IndexedDB (the
 * history's store) answers only asynchronously. The card does not open by itself when the page
 * was opened from a link that asks for something: an experiment of its own, Play, hidden
 * controls, presentation mode, or a link that needed repairs. Such a link is someone's setup (a
 * lecturer's, a lesson's), and its own views and notices come first; the header's "What is
 * distillation?" button opens the card there too. Pure: no store, no worker.
 */
import { DEFAULT_CONFIG } from '../config/defaults';
import type { ExperimentConfig } from '../config/schema';
import { deepEqual } from '../lib/equal';
import type { LinkFlags } from '../share/link';

export const INTRO_KEY = 'kd-studio:intro-dismissed';

/** The page's localStorage, or null where it is missing or refused (private windows, sandboxed frames). */
function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function introDismissed(store: Storage | null = storage()): boolean {
  try {
    return store?.getItem(INTRO_KEY) === '1';
  } catch {
    return false;
  }
}

/** Remembers the dismissal; where storage refuses, the card stays closed for this page only. */
export function rememberDismissed(store: Storage | null = storage()): void {
  try {
    store?.setItem(INTRO_KEY, '1');
  } catch {
    // Full or refused storage: nothing to lose but the memory of a closed card.
  }
}

/** The experiment on screen, less the backend (a device's choice, not the experiment's meaning). */
const withoutBackend = (c: ExperimentConfig): unknown => JSON.parse(JSON.stringify({ ...c, backend: null })) as unknown;

export function isDefaultExperiment(config: ExperimentConfig): boolean {
  return deepEqual(withoutBackend(config), withoutBackend(DEFAULT_CONFIG));
}

/** Whether the page, as opened, should show the card by itself (see the file comment). */
export function introOnOpen(opened: {
  dismissed: boolean;
  play: boolean;
  flags: LinkFlags;
  notices: number;
  config: ExperimentConfig;
}): boolean {
  const { dismissed, play, flags, notices, config } = opened;
  if (dismissed || play || flags.present || notices > 0) return false;
  if (flags.hide.length > 0 || (flags.hideFields?.length ?? 0) > 0) return false;
  return isDefaultExperiment(config);
}
