import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { TASK_DEFAULTS, laneFor } from '../config/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { validateConfig, type ExperimentConfig } from '../config/schema';
import { getIn, setIn } from '../lib/path';
import { decodeLink } from './codec';
import { CONSTANT, diffLink, expectOk, type Obj } from './link.fixtures';

// ---------------------------------------------------------------------------------------------
// Unknown and bad values

describe('links with unknown or bad settings', () => {
  it('ignore unknown keys (the schema strips them)', () => {
    const r = expectOk(
      decodeLink(
        diffLink({
          'train.foo': 1,
          colour: 'red',
          'lanes.0.params.bogus': 2,
          student: { kind: 'mlp', hidden: [10], activation: 'tanh', extra: true },
        }),
      ),
    );
    expect(r.config).toEqual(TOY_CONFIG);
    expect(r.notices).toEqual([
      'train.foo: no such setting; ignored',
      'colour: no such setting; ignored',
      'lanes.0.params.bogus: no such setting; ignored',
    ]);
  });

  it('converge when the default is itself what is invalid: a text student with its own vocabulary and the default objective', () => {
    // The exact link from the audit: Hinton KD (the text default) needs a shared vocabulary.
    const link = 'v=2&c=N4IgLghgzg1gdDAlgOwCYgFzgKYA8wgA0408UYArqtsmAGoD2AxhAEaYhMMQBOU2IAL5A';
    expect(LZString.decompressFromEncodedURIComponent(link.slice('v=2&c='.length))).toBe(
      JSON.stringify({ 'task.kind': 'text', 'task.studentVocab': 'coarse' }),
    );
    const r = expectOk(decodeLink(link));
    // Repaired, not thrown away: the link's text task and vocabulary stay, the lane becomes the
    // first objective that can distil across vocabularies.
    expect(r.config.task).toEqual({ ...TASK_DEFAULTS.text.task, studentVocab: 'coarse' });
    expect(r.config.lanes).toEqual([laneFor('uld')]);
    expect(validateConfig(r.config).ok).toBe(true);
    expect(r.notices).toEqual([
      'Student 1 › Objective: “hinton” is not valid — Forward KL (Hinton KD) compares teacher and student character ' +
        'by character: it needs a shared vocabulary (ULD does not); using ULD (universal logit distillation) instead',
    ]);
    // Every lane that cannot run is moved, each named once.
    const race = expectOk(
      decodeLink(
        diffLink({
          'task.kind': 'text',
          'task.studentVocab': 'coarse',
          lanes: [laneFor('hinton'), laneFor('baseline'), laneFor('reverse-kl')],
        }),
      ),
    );
    expect(race.config.lanes.map((l) => l.objective)).toEqual(['uld', 'baseline', 'uld']);
    expect(race.notices).toHaveLength(2);
    expect(new Set(race.notices).size).toBe(2);
  });

  it('drop paths the default does not have (a lane beyond the default’s lanes)', () => {
    const r = expectOk(decodeLink(diffLink({ 'lanes.3.params.T': 2, 'nothing.here': 1, 'train.lr': 0.5 })));
    expect(r.config).toEqual(setIn(TOY_CONFIG, 'train.lr', 0.5));
    expect(r.notices).toEqual([
      'lanes.3.params.T: no such setting in this experiment; ignored',
      'nothing.here: no such setting in this experiment; ignored',
    ]);
  });

  const cases: { diff: Obj; path: string; expected: unknown; notice: string | RegExp; base?: ExperimentConfig }[] = [
    {
      diff: { 'train.lr': 'abc' },
      path: 'train.lr',
      expected: 0.02,
      notice: 'Learning rate: “abc” is not a number from 0.00001 to 10; using 0.02',
    },
    {
      diff: { 'train.lr': 'NaN' },
      path: 'train.lr',
      expected: 0.02,
      notice: 'Learning rate: “NaN” is not a number from 0.00001 to 10; using 0.02',
    },
    {
      diff: { 'task.dataset': 'galaxy' },
      path: 'task.dataset',
      expected: 'spiral',
      notice: /^Data set: “galaxy” is not valid — Data set must be one of: .*; using spiral$/,
    },
    {
      diff: { seed: -1 },
      path: 'seed',
      expected: 42,
      notice: 'Seed: “-1” is below 0; using 42',
    },
    {
      diff: { 'lanes.0.params.T': 99 },
      path: 'lanes.0.params.T',
      expected: 4,
      notice: 'Student 1 › Temperature T: “99” is above 20; using 4',
    },
    {
      diff: { 'lanes.0.objective': 'magic' },
      path: 'lanes.0.objective',
      expected: 'hinton',
      notice: /^Student 1 › Objective: “magic” is not valid — Unknown objective “magic”; .*; using hinton$/,
    },
    {
      diff: { 'lanes.0.schedule.temperature': 'zigzag' },
      path: 'lanes.0.schedule',
      expected: CONSTANT,
      notice: /^Student 1 › T schedule: “zigzag” is not valid — .*; using constant$/,
    },
    {
      diff: { 'lanes.0.params.bogus': 'x' },
      path: 'lanes.0.params',
      expected: { T: 4, alpha: 0.9, t2: 1 },
      notice: 'lanes.0.params.bogus: “x” is not valid — Objective parameters are numbers; ignored',
    },
    {
      diff: { 'student.hidden': [4, 0] },
      path: 'student.hidden',
      expected: [10],
      notice: 'Student › Hidden widths, entry 2: “0” is below 1; using the default Student › Hidden widths: [10]',
    },
    {
      diff: { 'teacher.model': { kind: 'pretrained', id: 'fashion-cnn' } },
      path: 'teacher.model',
      expected: TOY_CONFIG.teacher.model,
      notice:
        'Teacher › Model: “pretrained” is not valid — Toy 2D tasks train an MLP teacher or use an imported one; using the default Teacher settings',
    },
    {
      diff: { 'student.hidden': [], 'lanes.0.objective': 'features' },
      path: 'lanes.0.objective',
      expected: 'hinton',
      notice: /^Student 1 › Objective: “features” is not valid — .*FitNets.* needs hidden features, .*; using hinton$/,
    },
    {
      diff: { lanes: Array.from({ length: 8 }, () => laneFor('jsd')) },
      path: 'lanes',
      expected: Array.from({ length: 6 }, () => laneFor('jsd')),
      notice: '8 students are too many (at most 6); keeping the first 6',
    },
    {
      diff: { lanes: 'many' },
      path: 'lanes',
      expected: TOY_CONFIG.lanes,
      notice:
        /^Students and objectives settings: “many” is not valid — Expected a list, not words; using the defaults$/,
    },
    {
      diff: { 'task.kind': 'images', 'teacher.model': { kind: 'mlp', hidden: [8], activation: 'relu' } },
      base: IMAGE_CONFIG,
      path: 'teacher.model',
      expected: IMAGE_CONFIG.teacher.model,
      notice: /^Teacher › Model: “mlp” is not valid — Image tasks use the pretrained CNN teacher/,
    },
    {
      diff: { 'task.kind': 'speech', 'task.rate': 16000, 'train.lr': 0.5 },
      path: 'task',
      expected: TOY_CONFIG.task,
      notice: 'Task: “speech” is not valid — Unknown task kind; using the default Data settings',
    },
  ];
  for (const { diff, path, expected, notice, base = TOY_CONFIG } of cases) {
    it(`replace ${JSON.stringify(diff).slice(0, 70)} by the default, naming the field`, () => {
      const r = expectOk(decodeLink(diffLink(diff)));
      expect(validateConfig(r.config)).toEqual({ ok: true, config: r.config });
      expect(getIn(r.config, path)).toEqual(expected);
      if (typeof notice === 'string') expect(r.notices).toContain(notice);
      else
        expect(
          r.notices.some((n) => notice.test(n)),
          JSON.stringify(r.notices),
        ).toBe(true);
      // Everything else in the link is kept.
      const others = Object.keys(diff).filter((p) => !p.startsWith(path.split('.')[0]!) && p !== 'task.kind');
      for (const p of others) expect(getIn(r.config, p)).toEqual(diff[p]);
      if (!others.length && path !== 'task') expect(setIn(r.config, path, getIn(base, path))).toEqual(base);
    });
  }
});

describe('links naming files', () => {
  it('cannot point a shipped sample outside the app’s data folder', () => {
    for (const sample of [
      'data/../../evil.example/model.json',
      'data//evil.example/x',
      'data/./x',
      'https://evil.example/data/x.csv',
      'data/x/../../y',
    ]) {
      const r = expectOk(decodeLink(diffLink({ 'task.kind': 'table', 'task.dataset.sample': sample })));
      expect((r.config.task as { dataset: { sample?: string } }).dataset.sample, sample).toBe(
        'data/penguins/penguins.csv',
      );
      expect(r.notices[0], sample).toMatch(
        /^task\.dataset\.sample: .* is not valid — A sample lives under data\/ in the app/,
      );
    }
    for (const task of Object.values(TASK_DEFAULTS).map((c) => c.task as { dataset?: { sample?: string } }))
      if (typeof task.dataset === 'object' && task.dataset.sample)
        expect(validateConfig(TASK_DEFAULTS[(task as { kind: keyof typeof TASK_DEFAULTS }).kind]).ok).toBe(true);
  });
});
