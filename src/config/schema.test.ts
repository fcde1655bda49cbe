import { describe, expect, it } from 'vitest';
import { classifyChange } from './changes';
import { laneFor } from './defaults';
import { TOY_CONFIG, type ToyExperiment } from '../tasks/toy2d/defaults';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import { validateConfig, type ExperimentConfig } from './schema';

const withPath = (cfg: unknown, path: string, value: unknown): unknown => {
  const copy = structuredClone(cfg) as Record<string, unknown>;
  const keys = path.split('.');
  let o = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys.at(-1)!] = value;
  return copy;
};

describe('config schema', () => {
  it('accepts the default experiment', () => {
    expect(validateConfig(TOY_CONFIG)).toEqual({ ok: true, config: TOY_CONFIG });
  });

  const bad: [string, unknown, RegExp][] = [
    ['train.lr', 0, /Learning rate must be at least 0.00001/],
    ['train.lr', 50, /Learning rate must be at most 10/],
    ['train.lr', Number.NaN, /Learning rate must be a number/],
    ['train.batchSize', 0, /at least 1/],
    ['train.batchSize', 2.5, /Batch size must be a whole number/],
    ['train.optimizer', 'rmsprop', /Optimizer must be one of: adam, sgd/],
    ['task.dataset', 'galaxy', /spiral/],
    ['task.noise', -0.1, /at least 0/],
    ['task.points', 10, /Points must be at least 60/],
    ['task.classes', 12, /Classes must be at most 8/],
    ['seed', -1, /at least 0/],
    ['seed', 'abc', /Seed must be a whole number from 0 to 2147483647/],
    ['task.points', 2.5, /^Points must be a whole number$/],
    ['backend', 'tpu', /Backend must be one of: auto, webgpu, webgl, wasm, cpu/],
    ['student.hidden', [4, 0], /A layer width must be at least 1/],
    ['teacher.lr', 30, /Teacher learning rate must be at most 10/],
    ['lanes', [], /At least one student lane/],
    ['version', 99, /Config version must be 2/],
  ];
  for (const [path, value, message] of bad) {
    it(`rejects ${path} = ${JSON.stringify(value)} with a message on that field`, () => {
      const r = validateConfig(withPath(TOY_CONFIG, path, value));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const err = r.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`));
      expect(err, JSON.stringify(r.errors)).toBeDefined();
      expect(err!.message).toMatch(message);
    });
  }

  it('checks objective parameters against the objective’s own ranges', () => {
    const cfg = { ...TOY_CONFIG, lanes: [{ objective: 'hinton', params: { T: 50, alpha: 0.5 } }] };
    const r = validateConfig(cfg);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        {
          path: 'lanes.0.params.T',
          message: 'Temperature T must be at most 20',
          rule: { rule: 'max', spec: { label: 'Temperature T', min: 0.1, max: 20, whole: false } },
        },
      ]);
  });

  it('rejects an unknown objective by name', () => {
    const r = validateConfig({ ...TOY_CONFIG, lanes: [{ objective: 'magic', params: {} }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/Unknown objective “magic”/);
  });

  it('fills missing objective parameters with defaults and drops unknown ones', () => {
    const r = validateConfig({ ...TOY_CONFIG, lanes: [{ objective: 'hinton', params: { T: 2, bogus: 1 } }] });
    expect(r.ok && r.config.lanes[0]!.params).toEqual({ T: 2, alpha: 0.9, t2: 1 });
  });

  it('fills a missing schedule with the constant default (configs from before schedules existed)', () => {
    const r = validateConfig({ ...TOY_CONFIG, lanes: [{ objective: 'hinton', params: {} }] });
    expect(r.ok && r.config.lanes[0]!.schedule).toEqual({ temperature: 'constant', temperatureEnd: 1, warmup: 0 });
  });

  it('rejects an objective the models cannot feed, naming the reason', () => {
    const r = validateConfig({
      ...TOY_CONFIG,
      student: { ...TOY_CONFIG.student, hidden: [] },
      lanes: [laneFor('features')],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toEqual({
        path: 'lanes.0.objective',
        message: expect.stringMatching(/student has no hidden layer/),
      });
  });

  it('accepts up to six lanes and no more', () => {
    const lanes = (n: number) => Array.from({ length: n }, () => laneFor('hinton'));
    expect(validateConfig({ ...TOY_CONFIG, lanes: lanes(6) }).ok).toBe(true);
    const r = validateConfig({ ...TOY_CONFIG, lanes: lanes(7) });
    expect(!r.ok && r.errors[0]!.message).toBe('At most 6 students in a race');
  });

  it('never throws on garbage', () => {
    for (const junk of [null, undefined, 42, 'x', [], {}, { version: 1 }, { ...TOY_CONFIG, task: null }]) {
      expect(validateConfig(junk).ok).toBe(false);
    }
  });
});

describe('classifyChange', () => {
  const d = TOY_CONFIG;
  const edit = (f: (c: ToyExperiment) => void): ExperimentConfig => {
    const c = structuredClone(d);
    f(c);
    return c;
  };
  it('keeps the loaded corpus and teacher when only how text batches and samples are drawn changes', () => {
    const t = TEXT_CONFIG;
    const withTask = (task: Partial<typeof t.task>): ExperimentConfig => ({ ...t, task: { ...t.task, ...task } });
    expect(classifyChange(t, withTask({ prompt: 'call me ishmael' }))).toBe('live');
    expect(classifyChange(t, withTask({ onPolicy: 0.5, samplingTemperature: 1.2 }))).toBe('live');
    expect(classifyChange(t, withTask({ sequenceKd: true, sampleEvery: 10 }))).toBe('live');
    expect(classifyChange(t, withTask({ context: 32 }))).toBe('rebuild');
    expect(classifyChange(t, withTask({ evalWindows: 16, prompt: 'x' }))).toBe('rebuild');
  });

  it('sorts edits by what they cost', () => {
    expect(classifyChange(d, structuredClone(d))).toBe('none');
    expect(
      classifyChange(
        d,
        edit((c) => (c.train.lr = 0.001)),
      ),
    ).toBe('live');
    expect(
      classifyChange(
        d,
        edit((c) => (c.lanes[0]!.params.T = 2)),
      ),
    ).toBe('live');
    expect(
      classifyChange(
        d,
        edit((c) => (c.student.hidden = [3])),
      ),
    ).toBe('students');
    expect(
      classifyChange(
        d,
        edit((c) => (c.lanes = [laneFor('baseline')])),
      ),
    ).toBe('live');
    expect(
      classifyChange(
        d,
        edit((c) => (c.lanes = [laneFor('hinton'), laneFor('baseline')])),
      ),
    ).toBe('students');
    expect(
      classifyChange(
        d,
        edit((c) => (c.lanes[0]!.schedule.temperature = 'cosine')),
      ),
    ).toBe('live');
    expect(
      classifyChange(
        d,
        edit((c) => (c.task.noise = 0.3)),
      ),
    ).toBe('rebuild');
    expect(
      classifyChange(
        d,
        edit((c) => (c.seed = 1)),
      ),
    ).toBe('rebuild');
    expect(
      classifyChange(
        d,
        edit((c) => (c.backend = 'cpu')),
      ),
    ).toBe('rebuild');
  });
});
