/**
 * The experiment in the address bar. On start the hash is decoded (bad or hostile links are
 * repaired with notices, never thrown); from then on every accepted edit rewrites the hash
 * (history.replaceState: no new history entries), so the address is a link to what is on
 * screen. A link that needed notices stays in the address bar as it was opened until the first
 * edit (and in the notice, to copy): the person can see and pass on what was broken. Lesson
 * flags (hidden controls, presentation mode) come from the link and stay.
 */
import { create } from 'zustand';
import { decodeLink, encodeLink, type LinkFlags, type ReproStamp } from '../share/link';
import { experimentPart } from '../sweeps/link';
import { useConfigStore } from './config';
import { useRunStore } from './run';

export const APP_VERSION = __APP_VERSION__;

interface LinkState {
  flags: LinkFlags;
  /** What the opened link needed repairing, or why it could not be read. */
  notices: string[];
  /** The stamp the opened link carried, to compare with this run. */
  openedStamp?: ReproStamp;
  /** The address the page was opened with, when its link needed notices (shown to copy). */
  openedLink?: string;
  /** Parameters the address carries beside the experiment while they apply (a lesson's: state/lesson.ts). */
  extraParams?: string;
  dismiss(): void;
}

export const useLinkStore = create<LinkState>((set) => ({
  flags: { play: false, hide: [], present: false },
  notices: [],
  dismiss: () => set({ notices: [] }),
}));

/** This run's stamp: app version, seed, the backend that really runs, the teacher's weights. */
export function currentStamp(): ReproStamp {
  const config = useConfigStore.getState().config;
  const run = useRunStore.getState();
  return {
    appVersion: APP_VERSION,
    seed: config.seed,
    backend: run.backend?.name ?? config.backend,
    teacherHash: run.session?.teacher.weightsHash,
  };
}

/** A full URL to the current experiment, with the given flags and this run's stamp. */
export function shareUrl(flags: Partial<LinkFlags> = {}): string {
  const hash = encodeLink(useConfigStore.getState().config, { ...flags, stamp: currentStamp() });
  return `${location.href.split('#')[0]}#${hash}`;
}

/** Reads the link the page was opened with; returns whether it asks to start playing. */
export function openLinkFromLocation(): boolean {
  // A sweep's results ride beside the experiment (sweeps/link.ts); they are opened on their own.
  const hash = experimentPart(location.hash.slice(1));
  if (!hash) return false;
  const r = decodeLink(hash);
  if (!r.ok) {
    useLinkStore.setState({
      notices: [`${r.error} The default experiment is shown instead.`],
      openedLink: location.href,
    });
    return false;
  }
  // The decoder already says when it upgraded an older link (one notice, with the versions).
  const notices = [...r.notices];
  useConfigStore.getState().replace(r.config);
  useLinkStore.setState({
    flags: { ...r.flags, play: false },
    notices,
    openedStamp: r.flags.stamp,
    ...(notices.length && { openedLink: location.href }),
  });
  return r.flags.play;
}

/** Writes the config and the lesson flags to the address bar now. */
function writeAddress(): void {
  const { flags, extraParams } = useLinkStore.getState();
  const { hide, hideFields, present } = flags;
  const hash = encodeLink(useConfigStore.getState().config, { hide, hideFields, present });
  history.replaceState(history.state, '', `#${hash}${extraParams ? `&${extraParams}` : ''}`);
}

/**
 * Leaves presentation mode: the settings come back, and the address no longer says
 * mode=present. Any link can ask for that mode, so the way out is always on screen.
 */
export function leavePresentation(): void {
  useLinkStore.setState((s) => ({ flags: { ...s.flags, present: false } }));
  writeAddress();
}

/** Keeps the address bar in step with the config (and the lesson flags the link set). */
export function startLinkSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    writeAddress();
  };
  const unsubscribe = useConfigStore.subscribe((s, prev) => {
    if (s.config === prev.config) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, 150);
  });
  const unsubscribeExtra = useLinkStore.subscribe((s, prev) => {
    if (s.extraParams !== prev.extraParams) write();
  });
  // A link that needed notices stays as it was opened until the first edit.
  if (!useLinkStore.getState().openedLink) write();
  return () => {
    unsubscribe();
    unsubscribeExtra();
    if (timer) clearTimeout(timer);
  };
}
