import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../engine/session';
import { useCpu } from '../test/tf';
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

describe('the mode-covering vs mode-seeking demo (preset "modes")', () => {
  beforeAll(useCpu);
  // What the README and the preset's text promise, on the first 250 of its 2,000 steps (about
  // 4 s on the cpu backend). Measured with this engine in Node (cpu, seed 42): at step 250,
  // forward KL has KL 0.6925 and mean confidence 0.518, reverse KL accuracy 68.9%, confidence
  // 0.933 and KL 2.51; at step 2,000, 0.6915 / 0.512 and 68.5% / 0.974 / 6.00 (its KL keeps
  // rising as it grows surer of its one cut, wrong quadrant included).
  it('forward KL hedges at 50/50 (KL ≈ ln 2), reverse KL commits to one cut (confidence > 0.9)', async () => {
    const preset = PRESETS.find((p) => p.id === 'modes')!;
    const s = await Session.create(preset.config);
    for (let i = 0; i < 250; i++) s.trainStep();
    const { evals } = await s.flush();
    const view = (await s.viewLogits())!;
    const ids = s.evalColumns.map((c) => c.id);
    const last = evals.at(-1)!;
    const metric = (lane: number, id: string) => last.values[lane * ids.length + ids.indexOf(id)]!;
    /** Mean probability of the student's chosen class over the test points (two classes). */
    const confidence = (lane: number) => {
      const z = view.lanes[lane]!.test;
      let sum = 0;
      for (let i = 0; i < z.length; i += 2) sum += 1 / (1 + Math.exp(-Math.abs(z[i]! - z[i + 1]!)));
      return sum / (z.length / 2);
    };
    s.dispose();
    expect(last.step).toBe(250);
    // Student 1, forward KL: mode-covering, a pale 50/50 map.
    expect(Math.abs(metric(0, 'kl') - Math.LN2)).toBeLessThan(0.02);
    expect(confidence(0)).toBeLessThan(0.6);
    // Student 2, reverse KL: mode-seeking, one confident straight cut, right in three quadrants.
    expect(confidence(1)).toBeGreaterThan(0.9);
    expect(metric(1, 'studentAccuracy')).toBeGreaterThan(0.6);
    expect(metric(1, 'studentAccuracy')).toBeLessThan(0.8);
    expect(metric(1, 'kl')).toBeGreaterThan(2);
    // Student 3, JSD at β = 0.5: still pale.
    expect(confidence(2)).toBeLessThan(0.6);
  });
});
