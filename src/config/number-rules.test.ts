import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { brokenRule, ruleMessage, wanted, type NumberSpec } from './number-rules';
import { validateConfig } from './schema';
import { setIn } from '../lib/path';

const points: NumberSpec = { label: 'Points', min: 60, max: 5000, whole: true };

describe('number rules', () => {
  it('say a fraction must be whole before saying it is out of range (issue 16, item 7)', () => {
    expect(brokenRule(2.5, points)).toBe('whole');
    expect(brokenRule(6000.5, points)).toBe('whole');
    expect(brokenRule(50, points)).toBe('min');
    expect(brokenRule(6000, points)).toBe('max');
    expect(brokenRule(100, points)).toBeNull();
    for (const v of [Number.NaN, Infinity, '60', undefined, null]) expect(brokenRule(v, points)).toBe('number');
  });

  it('word each rule with the field’s label and in its units', () => {
    expect(ruleMessage({ rule: 'whole', spec: points })).toBe('Points must be a whole number');
    expect(ruleMessage({ rule: 'min', spec: points })).toBe('Points must be at least 60');
    expect(ruleMessage({ rule: 'number', spec: points })).toBe('Points must be a whole number from 60 to 5000');
    const test = { label: 'Test fraction', min: 0.1, max: 0.6, whole: false };
    expect(ruleMessage({ rule: 'max', spec: test }, 'Test %', 100)).toBe('Test % must be at most 60');
    expect(wanted(test, 100)).toBe('a number from 10 to 60');
    expect(wanted({ label: 'Seed', min: 0, max: 2 ** 31 - 1, whole: true })).toBe(
      'a whole number from 0 to 2147483647',
    );
    expect(wanted({ label: 'Learning rate', min: 1e-5, max: 10, whole: false })).toBe('a number from 0.00001 to 10');
  });

  it('come from the schema with the rule and range, one issue per field', () => {
    const r = validateConfig(setIn(TOY_CONFIG, 'task.points', 2.5));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { path: 'task.points', message: 'Points must be a whole number', rule: { rule: 'whole', spec: points } },
    ]);
  });

  it('name a missing number field with what it wants, not zod’s words', () => {
    const { points: _gone, ...task } = TOY_CONFIG.task;
    const r = validateConfig({ ...TOY_CONFIG, task });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message)).toEqual(['Points must be a whole number from 60 to 5000']);
  });

  it('hold for an objective’s parameters too', () => {
    const lane = { ...TOY_CONFIG.lanes[0]!, params: { ...TOY_CONFIG.lanes[0]!.params, T: Number.NaN } };
    const r = validateConfig({ ...TOY_CONFIG, lanes: [lane] });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => [e.path, e.message])).toEqual([
        ['lanes.0.params.T', 'Temperature T must be a number from 0.1 to 20'],
      ]);
  });
});
