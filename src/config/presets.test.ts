import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets';
import { validateConfig } from './schema';

describe('presets', () => {
  for (const p of PRESETS) {
    it(`${p.id} is a valid experiment`, () => {
      const r = validateConfig(p.config);
      expect(r.ok ? [] : r.errors).toEqual([]);
      expect(p.lookFor.length).toBeGreaterThan(20);
    });
  }
});
