/**
 * The one breakpoint where the layout changes (styles.css repeats the number in its
 * `@media (max-width: 900px)` block): at or below it the settings leave the page for a drawer
 * and the run controls become a bar fixed to the bottom of the screen, so that a phone shows
 * the charts first and never scrolls sideways.
 */
import { useEffect, useSyncExternalStore, type RefObject } from 'react';

export const DRAWER_QUERY = '(max-width: 900px)';

const query = () => (typeof window === 'undefined' ? null : window.matchMedia(DRAWER_QUERY));

function subscribe(onChange: () => void): () => void {
  const q = query();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}

/** Whether the page is at the drawer's width now (follows resizes and rotation). */
export function useDrawerLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => query()?.matches ?? false,
    () => false,
  );
}

/**
 * Keeps `--header-height` on `app` equal to the header's height: the sticky sidebar starts
 * below the sticky header, and the header grows a row when its toolbar wraps (a small laptop)
 * or the status says more.
 */
export function useHeaderHeight(app: RefObject<HTMLElement | null>, header: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const a = app.current;
    const h = header.current;
    if (!a || !h) return;
    const ro = new ResizeObserver(() => a.style.setProperty('--header-height', `${Math.ceil(h.offsetHeight)}px`));
    ro.observe(h);
    return () => ro.disconnect();
  }, [app, header]);
}
