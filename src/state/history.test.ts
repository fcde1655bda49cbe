import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { historyFromJson, historyToJson, type SavedRun } from './history';
import { defaultName, runName } from './run-name';

const run = (over: Partial<SavedRun> = {}): SavedRun => ({
  id: '1-abc',
  name: 'Spiral · Forward KL · 14:05',
  createdAt: 1,
  updatedAt: 2,
  config: TOY_CONFIG,
  summary: { task: 'spiral', objectives: ['hinton'], step: 3, agreement: [0.9], accuracy: [NaN] },
  series: {
    loss: { names: ['0:total'], steps: [1, 2, 3], columns: [[3, 2, NaN]] },
    evals: { names: ['0:agreement'], steps: [0], columns: [[0.5]] },
  },
  students: [{ modelJson: { format: 'layers-model' }, weights: new Float32Array([1, 2]).buffer }],
  ...over,
});

describe('history files', () => {
  it('round-trip runs, NaN values and student weights', () => {
    const back = historyFromJson(historyToJson([run()]));
    expect(back.skipped).toEqual([]);
    expect(back.runs).toHaveLength(1);
    const r = back.runs[0]!;
    expect(r.config).toEqual(TOY_CONFIG);
    expect(r.series.loss.columns[0]).toEqual([3, 2, NaN]);
    expect(r.summary.accuracy[0]).toBeNaN();
    expect([...new Float32Array(r.students![0]!.weights)]).toEqual([1, 2]);
  });
  it('upgrade runs saved with a version-1 config and skip invalid runs by name', () => {
    const v1 = {
      ...TOY_CONFIG,
      version: 1,
      lanes: [{ objective: 'hinton', params: {} }],
      train: { ...TOY_CONFIG.train, teacherCache: undefined },
    };
    const file = JSON.parse(
      historyToJson([
        run({ config: v1 as never }),
        run({ id: '2', name: 'broken', config: { version: 2, seed: 'x' } as never }),
      ]),
    );
    const back = historyFromJson(JSON.stringify(file));
    expect(back.runs).toHaveLength(1);
    expect(back.runs[0]!.config.version).toBe(2);
    expect(back.skipped).toEqual(['run 2 (“broken”)']);
  });
  it('reject files that are not history files, with a message', () => {
    expect(() => historyFromJson('not json')).toThrow(/not JSON/);
    expect(() => historyFromJson('{"runs": []}')).toThrow(/not a KD Studio history file/);
  });
});

describe('run names', () => {
  it('say the experiment the run is saved with, unless the person gave one', () => {
    const at = new Date(2026, 10, 23, 14, 5).getTime();
    const base = { config: TOY_CONFIG, createdAt: at };
    expect(defaultName(TOY_CONFIG, new Date(at))).toBe('Spiral · Forward KL · 14:05');
    // An older version's record: named after XOR, saved as a spiral.
    expect(runName({ ...base, name: 'Xor · Forward KL · 14:05' })).toBe('Spiral · Forward KL · 14:05');
    expect(runName({ ...base, name: 'Xor · Forward KL · 14:05', named: true })).toBe('Xor · Forward KL · 14:05');
    expect(runName({ ...base, name: 'moons, reverse check' })).toBe('moons, reverse check');
    expect(runName({ ...base, name: 'Spiral · Forward KL · 14:05 (copy)' })).toBe('Spiral · Forward KL · 14:05 (copy)');
  });
});
