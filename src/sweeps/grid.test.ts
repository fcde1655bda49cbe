import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { finalEvalEvery, gridPoints, parseValues, plannedRuns, runConfig, seedsFrom, specProblem } from './grid';
import { sweepFields } from './fields';
import type { SweepSpec } from './types';

describe('axis values', () => {
  it('reads lists and ranges, and says what is wrong', () => {
    expect(parseValues('0.5, 1, 2')).toEqual({ ok: true, values: [0.5, 1, 2] });
    expect(parseValues('1..4')).toEqual({ ok: true, values: [1, 2, 3, 4] });
    expect(parseValues('0.1..0.5 step 0.1')).toEqual({ ok: true, values: [0.1, 0.2, 0.3, 0.4, 0.5] });
    expect(parseValues('2 4 4 8')).toEqual({ ok: true, values: [2, 4, 8] });
    expect(parseValues('1, x')).toEqual({ ok: false, error: '“x” is not a number.' });
    expect(parseValues('5..1').ok).toBe(false);
    expect(parseValues('1..8 step 0').ok).toBe(false);
    expect(parseValues('').ok).toBe(false);
  });
});

describe('the grid', () => {
  const spec: SweepSpec = {
    axes: [
      { path: 'lanes.0.params.T', values: [1, 4] },
      { path: 'lanes.0.params.alpha', values: [0.5, 0.9, 1] },
    ],
    seeds: seedsFrom(7, 2),
    steps: 120,
  };

  it('is the cartesian product, the first axis slowest, each point on every seed', () => {
    expect(gridPoints(spec)).toEqual([
      [1, 0.5],
      [1, 0.9],
      [1, 1],
      [4, 0.5],
      [4, 0.9],
      [4, 1],
    ]);
    const runs = plannedRuns(spec);
    expect(runs).toHaveLength(12);
    expect(runs.slice(0, 3)).toEqual([
      { point: 0, values: [1, 0.5], seed: 7 },
      { point: 0, values: [1, 0.5], seed: 8 },
      { point: 1, values: [1, 0.9], seed: 7 },
    ]);
    expect(gridPoints({ axes: [] })).toEqual([[]]);
  });

  it('a run is the base with the point’s values, its seed and the budget, the base untouched', () => {
    const cfg = runConfig(TOY_CONFIG, spec, [1, 0.5], 8);
    expect(cfg.lanes[0]!.params.T).toBe(1);
    expect(cfg.lanes[0]!.params.alpha).toBe(0.5);
    expect(cfg.seed).toBe(8);
    expect(cfg.train.steps).toBe(120);
    expect(120 % cfg.train.evalEvery).toBe(0);
    expect(TOY_CONFIG.lanes[0]!.params.T).not.toBe(1);
    expect(() =>
      runConfig(TOY_CONFIG, { ...spec, axes: [{ path: 'lanes.5.params.T', values: [1] }] }, [1], 1),
    ).toThrow();
  });

  it('evaluates on the last step, within the schema’s interval', () => {
    expect(finalEvalEvery(300)).toBe(300);
    expect(finalEvalEvery(3000)).toBe(1000);
    expect(finalEvalEvery(1009)).toBe(1);
  });

  it('refuses specs that cannot run', () => {
    expect(specProblem(spec)).toBeNull();
    expect(specProblem({ ...spec, seeds: [] })).toMatch(/seed/);
    expect(specProblem({ ...spec, seeds: seedsFrom(0, 100) })).toMatch(/600 runs/);
  });
});

describe('sweepable settings', () => {
  it('are the experiment’s numeric fields with the panel’s labels, not the seed or the budget', () => {
    const fields = sweepFields(TOY_CONFIG);
    const paths = fields.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['lanes.0.params.T', 'lanes.0.params.alpha', 'student.hidden.0', 'train.lr']),
    );
    expect(paths).not.toContain('seed');
    expect(paths).not.toContain('train.steps');
    expect(fields.find((f) => f.path === 'student.hidden.0')!.label).toBe('Student › Hidden widths, layer 1');
    expect(fields.find((f) => f.path === 'lanes.0.params.T')!.label).toMatch(/^Student 1 › /);
  });
});
