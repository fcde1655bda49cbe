import { describe, expect, it } from 'vitest';
import { wrapTarget } from './focus-trap';

describe('wrapTarget', () => {
  it('wraps Tab from the last stop to the first, and Shift+Tab from the first to the last', () => {
    expect(wrapTarget(4, 3, false)).toBe(0);
    expect(wrapTarget(4, 0, true)).toBe(3);
  });

  it('leaves the browser its own order inside', () => {
    expect(wrapTarget(4, 1, false)).toBeNull();
    expect(wrapTarget(4, 2, true)).toBeNull();
  });

  it('brings focus in from the surface itself or from outside it', () => {
    expect(wrapTarget(4, -1, false)).toBe(0);
    expect(wrapTarget(4, -1, true)).toBe(3);
    expect(wrapTarget(0, -1, false)).toBeNull();
  });
});
