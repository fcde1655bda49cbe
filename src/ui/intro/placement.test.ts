import { describe, expect, it } from 'vitest';
import { placeCallout } from './placement';

const callout = { width: 340, height: 200 };
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

describe('where a tour callout goes', () => {
  it('below its anchor when it fits, its arrow under the anchor’s centre', () => {
    const p = placeCallout({ top: 100, left: 500, width: 200, height: 40 }, callout, desktop);
    expect(p).toMatchObject({ side: 'below', top: 152, left: 500 });
    expect(p.arrow).toBe(100);
  });

  it('above when there is no room below, right or left when neither fits', () => {
    expect(placeCallout({ top: 700, left: 500, width: 200, height: 100 }, callout, desktop).side).toBe('above');
    const tall = { top: 50, left: 300, width: 400, height: 800 };
    expect(placeCallout(tall, callout, desktop)).toMatchObject({ side: 'right', left: 712, top: 50 });
    expect(placeCallout({ ...tall, left: 900, width: 500 }, callout, desktop)).toMatchObject({
      side: 'left',
      left: 548,
    });
  });

  it('stays on a phone’s screen, and along the bottom when nothing fits or there is no anchor', () => {
    const p = placeCallout({ top: 100, left: 300, width: 80, height: 40 }, callout, phone);
    expect(p.side).toBe('below');
    expect(p.left).toBe(390 - 340 - 8);
    expect(p.arrow).toBeGreaterThanOrEqual(16);
    expect(p.arrow).toBeLessThanOrEqual(340 - 16);
    const full = placeCallout({ top: 0, left: 0, width: 390, height: 844 }, callout, phone);
    expect(full).toMatchObject({ side: 'bottom', top: 844 - 200 - 8 });
    expect(placeCallout(null, callout, phone).side).toBe('bottom');
  });
});
