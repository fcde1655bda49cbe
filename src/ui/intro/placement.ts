/**
 * Where a tour callout goes next to the element it points at, in viewport coordinates: below
 * it if it fits there, else above, else to its right or left, else along the bottom of the
 * screen (an anchor taller than the screen, or none). Pure, so it is tested without a browser.
 */
export interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

export type Side = 'below' | 'above' | 'right' | 'left' | 'bottom';

export interface Placement {
  top: number;
  left: number;
  side: Side;
  /** The arrow's distance from the callout's left edge (below/above) or top edge (right/left). */
  arrow: number;
}

const GAP = 12;
const MARGIN = 8;

/** v within [lo, hi]; lo wins when the range is empty (a callout wider than the screen). */
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export function placeCallout(
  anchor: Box | null,
  callout: { width: number; height: number },
  viewport: { width: number; height: number },
): Placement {
  const { width: w, height: h } = callout;
  const { width: vw, height: vh } = viewport;
  const bottom = (): Placement => ({
    top: Math.max(MARGIN, vh - h - MARGIN),
    left: clamp((vw - w) / 2, MARGIN, vw - w - MARGIN),
    side: 'bottom',
    arrow: -1,
  });
  if (!anchor) return bottom();
  const cx = anchor.left + anchor.width / 2;
  const cy = anchor.top + anchor.height / 2;
  const horizontal = (side: 'below' | 'above', top: number): Placement => {
    const left = clamp(anchor.left, MARGIN, vw - w - MARGIN);
    return { top, left, side, arrow: clamp(cx - left, 16, w - 16) };
  };
  const vertical = (side: 'right' | 'left', left: number): Placement => {
    const top = clamp(anchor.top, MARGIN, vh - h - MARGIN);
    return { top, left, side, arrow: clamp(cy - top, 16, h - 16) };
  };
  const below = anchor.top + anchor.height + GAP;
  if (below + h <= vh - MARGIN && below >= 0) return horizontal('below', below);
  const above = anchor.top - GAP - h;
  if (above >= MARGIN && anchor.top <= vh) return horizontal('above', above);
  const right = anchor.left + anchor.width + GAP;
  if (right + w <= vw - MARGIN) return vertical('right', right);
  const left = anchor.left - GAP - w;
  if (left >= MARGIN) return vertical('left', left);
  return bottom();
}
