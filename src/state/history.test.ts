import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { historyFromJson, historyToJson, type SavedRun } from './history';
import { importMessage } from './history-import';
import { defaultName, runName } from './run-name';
import type { StudentSnapshot } from '../worker/protocol';

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

/** A small copy of one student, as the worker takes it (engine/snapshot.ts). */
const snapshot = (over: Partial<StudentSnapshot> = {}): StudentSnapshot => ({
  format: 'kd-studio-students',
  version: 1,
  step: 3,
  teacherHash: 'abc123',
  teacherWeights: new Float32Array([0.5, -1.25]),
  lanes: [
    {
      objective: 'hinton',
      variables: [{ shape: [2, 1], dtype: 'float32', values: new Float32Array([1.5, -2]) }],
      optimizer: {
        kind: 'Adam',
        iterations: 3,
        slots: [
          { name: 'dense/kernel/m', tensor: { shape: [2, 1], dtype: 'float32', values: new Float32Array([0.1, 0.2]) } },
        ],
        powers: [{ shape: [], dtype: 'float32', values: new Float32Array([0.729]) }],
      },
    },
  ],
  ...over,
});

describe('history files carry what Open resumes from (issue 16, item 8)', () => {
  it('round-trip the students’ copy, so an imported run goes on where it stopped', () => {
    const back = historyFromJson(historyToJson([run({ snapshot: snapshot() })]));
    const r = back.runs[0]!;
    expect(r.snapshot).toEqual(snapshot());
    expect(r.snapshot!.lanes[0]!.variables[0]!.values).toBeInstanceOf(Float32Array);
    expect(r.summary.weightsStep).toBe(3);
  });

  it('bring a run in without its copy when the copy is unusable (wrong sizes, NaN, not base64)', () => {
    for (const bad of [
      { ...(JSON.parse(historyToJson([run({ snapshot: snapshot() })])).runs[0].snapshot as object), step: 0 },
      (() => {
        const s = JSON.parse(historyToJson([run({ snapshot: snapshot() })])).runs[0].snapshot;
        s.lanes[0].variables[0].shape = [3, 1];
        return s;
      })(),
      JSON.parse(historyToJson([run({ snapshot: snapshot({ teacherWeights: new Float32Array([Number.NaN]) }) })]))
        .runs[0].snapshot,
      {
        ...(JSON.parse(historyToJson([run({ snapshot: snapshot() })])).runs[0].snapshot as object),
        teacherWeights: '%%%',
      },
    ]) {
      const file = JSON.parse(historyToJson([run()]));
      file.runs[0].snapshot = bad;
      const back = historyFromJson(JSON.stringify(file));
      expect(back.runs).toHaveLength(1);
      expect(back.runs[0]!.snapshot).toBeUndefined();
      expect(back.runs[0]!.summary.weightsStep).toBeUndefined();
    }
  });

  it('leave out runs of no steps, and take a run’s step from its curves', () => {
    const empty = run({
      id: '2',
      summary: { ...run().summary, step: 0 },
      series: { loss: { names: [], steps: [], columns: [] }, evals: run().series.evals },
    });
    const overwritten = run({ id: '3', summary: { ...run().summary, step: 0 } });
    const back = historyFromJson(historyToJson([run(), empty, overwritten]));
    expect(back.runs.map((r) => [r.id, r.summary.step])).toEqual([
      ['1-abc', 3],
      ['3', 3],
    ]);
    expect(back.empty).toBe(1);
  });

  it('keep a name the person gave', () => {
    const back = historyFromJson(historyToJson([run({ name: 'my run', named: true })]));
    expect(back.runs[0]!).toMatchObject({ name: 'my run', named: true });
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

describe('an import’s message', () => {
  it('reports the runs already in History instead of counting them as imported', () => {
    expect(importMessage({ imported: 16, duplicates: 0, skipped: [], empty: 0 })).toBe('Imported 16 runs.');
    expect(importMessage({ imported: 0, duplicates: 16, skipped: [], empty: 0 })).toBe(
      'Nothing imported: all 16 runs in this file are already in History.',
    );
    expect(importMessage({ imported: 0, duplicates: 1, skipped: [], empty: 0 })).toBe(
      'Nothing imported: the run in this file is already in History.',
    );
    expect(importMessage({ imported: 2, duplicates: 14, skipped: ['run 3 (“x”)'], empty: 1 })).toBe(
      'Imported 2 runs; 14 were already in History and are not imported again; skipped as not valid: run 3 (“x”); 1 run of no steps left out.',
    );
    expect(importMessage({ imported: 0, duplicates: 0, skipped: [], empty: 0 })).toBe('Nothing imported.');
  });
});
