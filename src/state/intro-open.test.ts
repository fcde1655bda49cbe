import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { getPreset } from '../config/presets';
import { decodeLink, encodeLink, type LinkFlags } from '../share/link';
import { INTRO_KEY, introDismissed, introOnOpen, isDefaultExperiment, rememberDismissed } from './intro-open';

/** A Storage over a Map; `refuse` makes every call throw, as a sandboxed frame's does. */
function fakeStorage(refuse = false): Storage {
  const m = new Map<string, string>();
  const guard = () => {
    if (refuse) throw new DOMException('refused', 'SecurityError');
  };
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (guard(), m.get(k) ?? null),
    setItem: (k, v) => (guard(), void m.set(k, v)),
    removeItem: (k) => void m.delete(k),
  };
}

const NO_FLAGS: LinkFlags = { play: false, hide: [], present: false };
const plain = { dismissed: false, play: false, flags: NO_FLAGS, notices: 0, config: DEFAULT_CONFIG };

describe('the intro card on opening', () => {
  it('remembers its dismissal, and storage that refuses loses only that memory', () => {
    const store = fakeStorage();
    expect(introDismissed(store)).toBe(false);
    rememberDismissed(store);
    expect(introDismissed(store)).toBe(true);
    expect(store.getItem(INTRO_KEY)).toBe('1');
    const refusing = fakeStorage(true);
    expect(() => rememberDismissed(refusing)).not.toThrow();
    expect(introDismissed(refusing)).toBe(false);
    expect(introDismissed(null)).toBe(false);
  });

  it('opens by itself on a plain first visit, and on a reload of it (the address then holds the default)', () => {
    expect(introOnOpen(plain)).toBe(true);
    const reloaded = decodeLink(encodeLink(DEFAULT_CONFIG, {}));
    expect(reloaded.ok).toBe(true);
    if (reloaded.ok) expect(introOnOpen({ ...plain, config: reloaded.config, flags: reloaded.flags })).toBe(true);
    // The backend is the device's choice, not another experiment.
    expect(isDefaultExperiment({ ...DEFAULT_CONFIG, backend: 'wasm' })).toBe(true);
  });

  it('stays closed once dismissed, and for links that ask for something', () => {
    expect(introOnOpen({ ...plain, dismissed: true })).toBe(false);
    expect(introOnOpen({ ...plain, play: true })).toBe(false);
    expect(introOnOpen({ ...plain, flags: { ...NO_FLAGS, present: true } })).toBe(false);
    expect(introOnOpen({ ...plain, flags: { ...NO_FLAGS, hide: ['data'] } })).toBe(false);
    expect(introOnOpen({ ...plain, flags: { ...NO_FLAGS, hideFields: ['seed'] } })).toBe(false);
    expect(introOnOpen({ ...plain, notices: 1 })).toBe(false);
    const lecture = getPreset('modes')!.config;
    expect(isDefaultExperiment(lecture)).toBe(false);
    expect(introOnOpen({ ...plain, config: lecture })).toBe(false);
    expect(introOnOpen({ ...plain, config: { ...DEFAULT_CONFIG, seed: 7 } })).toBe(false);
  });
});
