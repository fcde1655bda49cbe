/**
 * The guided first run: one callout at a time next to the part of the page it is about, with
 * that part ringed. Not modal: the page stays usable (the second pointer asks for a click on a
 * map). Next and Skip tour are buttons; Escape ends the tour; focus moves into each callout and,
 * when the tour ends, goes back where it was before the tour (or to the header's intro button).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useIntroStore } from '../../state/intro';
import { useRunStore } from '../../state/run';
import { INTRO_BUTTON_ID } from './IntroButton';
import { placeCallout, type Box, type Placement } from './placement';
import { TOUR_STEPS, type TourStep, type TourWatch } from './tour-steps';

/** A pointer that moves on by itself stays at least this long, so that it can be read. */
export const MIN_DWELL_MS = 2500;

type RunState = ReturnType<typeof useRunStore.getState>;

function watchOf(s: RunState): TourWatch {
  return { status: s.status, step: s.step, selected: s.selected };
}

const boxOf = (el: HTMLElement | null): Box | null => {
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return r.width || r.height ? { top: r.top, left: r.left, width: r.width, height: r.height } : null;
};

const sameBox = (a: Box | null, b: Box | null) =>
  a === b || (!!a && !!b && a.top === b.top && a.left === b.left && a.width === b.width && a.height === b.height);

const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** Follows the anchor and the callout's own size every frame while shown (the page reflows as charts fill). */
function useFollow(step: TourStep, callout: React.RefObject<HTMLDivElement | null>) {
  const [where, setWhere] = useState<{ ring: Box | null; place: Placement } | null>(null);
  useLayoutEffect(() => {
    let frame = 0;
    let scrolled = false;
    let last: { ring: Box | null; place: Placement } | null = null;
    const tick = () => {
      const anchor = step.anchor(document);
      if (anchor && !scrolled) {
        scrolled = true;
        anchor.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
      }
      const ring = boxOf(anchor);
      const el = callout.current;
      const size = el ? { width: el.offsetWidth, height: el.offsetHeight } : { width: 320, height: 200 };
      const place = placeCallout(ring, size, { width: window.innerWidth, height: window.innerHeight });
      if (
        !last ||
        !sameBox(last.ring, ring) ||
        last.place.top !== place.top ||
        last.place.left !== place.left ||
        last.place.side !== place.side
      ) {
        last = { ring, place };
        setWhere(last);
      }
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(frame);
  }, [step, callout]);
  return where;
}

/** Moves on when the awaited thing happens while this pointer is shown (after MIN_DWELL_MS). */
function useAutoAdvance(step: TourStep, done: boolean, advance: () => void): void {
  const shownAt = useRef(0);
  // Something that had already happened when the pointer appeared does not count: it must happen anew.
  const sawUndone = useRef(false);
  useEffect(() => {
    shownAt.current = performance.now();
  }, []);
  useEffect(() => {
    if (!done) {
      sawUndone.current = true;
      return;
    }
    if (!step.done || !sawUndone.current) return;
    const timer = setTimeout(advance, Math.max(0, shownAt.current + MIN_DWELL_MS - performance.now()));
    return () => clearTimeout(timer);
  }, [step, done, advance]);
}

function TourPointer({ step, index }: { step: TourStep; index: number }) {
  const callout = useRef<HTMLDivElement>(null);
  const done = useRunStore((s) => step.done?.(watchOf(s)) ?? false);
  const advance = useIntroStore((s) => s.advance);
  const next = useCallback(() => advance(TOUR_STEPS.length), [advance]);
  useAutoAdvance(step, done, next);
  const where = useFollow(step, callout);
  useEffect(() => callout.current?.focus({ preventScroll: true }), []);
  const last = index === TOUR_STEPS.length - 1;
  const titleId = `tour-title-${step.id}`;
  const place = where?.place;
  return (
    <>
      {where?.ring ? (
        <div
          className="tour-ring"
          aria-hidden="true"
          style={{
            top: where.ring.top - 4,
            left: where.ring.left - 4,
            width: where.ring.width + 8,
            height: where.ring.height + 8,
          }}
        />
      ) : null}
      <div
        ref={callout}
        className={`tour-callout tour-${place?.side ?? 'bottom'}`}
        role="dialog"
        aria-modal="false"
        aria-labelledby={titleId}
        aria-describedby={`${titleId}-body`}
        tabIndex={-1}
        style={{ top: place?.top ?? -9999, left: place?.left ?? 0 }}
      >
        {place && place.arrow >= 0 ? (
          <span
            className="tour-arrow"
            aria-hidden="true"
            style={place.side === 'below' || place.side === 'above' ? { left: place.arrow } : { top: place.arrow }}
          />
        ) : null}
        <p className="tour-count">
          Guided first run · {index + 1} of {TOUR_STEPS.length}
        </p>
        <h2 id={titleId}>{step.title}</h2>
        <p id={`${titleId}-body`}>{step.body}</p>
        {step.done ? (
          <p className={`tour-wait${done ? ' tour-happened' : ''}`} aria-live="polite">
            {done ? step.happened : step.waiting}
          </p>
        ) : null}
        <div className="tour-actions">
          <button type="button" className="btn btn-small" onClick={() => useIntroStore.getState().endTour()}>
            Skip tour
          </button>
          <button type="button" className="btn btn-small btn-primary" onClick={next}>
            {last ? 'Done' : 'Next'}
          </button>
        </div>
      </div>
    </>
  );
}

/** Where focus goes back to when the tour ends: where it was, if still on the page, else the intro button. */
function useFocusReturn(active: boolean) {
  const returnTo = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (!active) return;
    const before = document.activeElement;
    returnTo.current = before instanceof HTMLElement && before !== document.body ? before : null;
    return () => {
      const back = returnTo.current;
      const target = back?.isConnected && back.offsetParent !== null ? back : document.getElementById(INTRO_BUTTON_ID);
      target?.focus({ preventScroll: true });
    };
  }, [active]);
}

export function Tour() {
  const index = useIntroStore((s) => s.tour);
  const active = index !== null;
  useFocusReturn(active);
  // Escape ends the tour, unless something else used it (a map clearing its point, a modal dialog).
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      useIntroStore.getState().endTour();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
  const step = index === null ? undefined : TOUR_STEPS[index];
  if (!step || index === null) return null;
  return createPortal(<TourPointer key={step.id} step={step} index={index} />, document.body);
}
