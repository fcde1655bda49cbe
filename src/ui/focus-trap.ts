/**
 * Keeps the keyboard inside a modal surface (a dialog, the phone's settings drawer) while it is
 * open, closes it on Escape, and gives focus back to whatever had it before it opened.
 *
 * A native modal <dialog> already makes the page behind it inert, but Chromium lets Tab run off
 * its last control into the browser's own UI (and in a headless page, onto nothing), and when a
 * React dialog is unmounted rather than closed nobody puts focus back. Both are done here, once,
 * for every surface that needs them.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

const CANDIDATES =
  'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable="true"]';

/** The elements Tab can reach inside `root`, in document order (tabindex > 0 is not used here). */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(CANDIDATES)).filter(
    (el) =>
      el.tabIndex >= 0 &&
      // :disabled also covers controls inside a disabled <fieldset>.
      !el.matches(':disabled') &&
      !el.closest('[inert]') &&
      // Not rendered: display:none, or inside a closed <details>.
      el.getClientRects().length > 0 &&
      getComputedStyle(el).visibility !== 'hidden',
  );
}

/**
 * Where Tab (or Shift+Tab) must go to stay inside: the other end when it would leave from the
 * first or the last stop (or from the surface itself, or from outside it), else null (the
 * browser's own order is right).
 */
export function wrapTarget(count: number, index: number, back: boolean): number | null {
  if (count === 0) return null;
  if (index < 0) return back ? count - 1 : 0;
  if (back && index === 0) return count - 1;
  if (!back && index === count - 1) return 0;
  return null;
}

/** The open traps, innermost last: only it answers keys (a dialog opened over the drawer). */
const open: object[] = [];

/**
 * While `active`, Tab and Shift+Tab cycle inside `ref`, Escape calls `onEscape`, and on
 * deactivation (or unmount) focus returns to the element that had it at activation, if it is
 * still in the page.
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, active: boolean, onEscape: () => void): void {
  // The latest callback, so that the effect runs once per activation: re-running it would
  // take the opener to be whatever is focused inside the surface by then.
  const escape = useRef(onEscape);
  useEffect(() => {
    escape.current = onEscape;
  });
  // A layout effect, so that the opener is read before the surface (mounted or shown in the
  // same commit) moves focus into itself.
  useLayoutEffect(() => {
    const root = ref.current;
    if (!active || !root) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const me = {};
    open.push(me);
    const onKey = (e: KeyboardEvent) => {
      if (open[open.length - 1] !== me) return;
      if (e.key === 'Escape' && !e.defaultPrevented) {
        // Also stops a native <dialog> from closing itself behind React's back.
        e.preventDefault();
        escape.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const stops = tabbables(root);
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const to = wrapTarget(stops.length, at, e.shiftKey);
      if (to !== null || stops.length === 0) {
        e.preventDefault();
        stops[to ?? 0]?.focus();
      }
    };
    // On the document, in the capture phase: the key is ours whichever element inside has it.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      open.splice(open.indexOf(me), 1);
      // After the commit: until then a modal <dialog> (or the drawer's inert page) still makes
      // the opener unfocusable.
      queueMicrotask(() => {
        if (opener?.isConnected && !opener.closest('[inert]')) opener.focus({ preventScroll: true });
      });
    };
  }, [active, ref]);
}
