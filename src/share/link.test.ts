import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { TASK_DEFAULTS, laneFor } from '../config/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { IMAGE_CONFIG, IMAGE_STUDENTS } from '../tasks/images/defaults';
import { TEXT_CONFIG, TEXT_STUDENTS } from '../tasks/text/defaults';
import { PRESETS, getPreset } from '../config/presets';
import {
  ACTIVATIONS,
  BACKENDS,
  CONFIG_VERSION,
  validateConfig,
  type ExperimentConfig,
  type StudentSpec,
} from '../config/schema';
import { STUDENT_VOCABS } from '../tasks/text/student-vocab';
import { deepEqual } from '../lib/equal';
import { getIn, setIn } from '../lib/path';
import { createRng, type Rng } from '../lib/rng';
import { OBJECTIVES } from '../objectives';
import { TEMPERATURE_SCHEDULES } from '../objectives/schedule';
import { TOY_DATASETS } from '../tasks/toy2d/datasets';
import { BASES_V2 } from './bases';
import {
  CONTROL_IDS,
  LINK_FORMATS,
  controlPathKnown,
  LINK_LIMITS,
  decodeLink,
  encodeLink,
  encodeV1Link,
  linkFormatVersion,
  type DecodedLink,
  type LinkFlags,
} from './link';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (prefix: string, k: string | number) => (prefix ? `${prefix}.${k}` : String(k));

/** A link whose payload is exactly `json` (text, so it can hold what JSON.stringify cannot). */
const rawLink = (json: string, v: string | number = linkFormatVersion) =>
  `v=${v}&c=${LZString.compressToEncodedURIComponent(json)}`;
const diffLink = (diff: unknown) => rawLink(JSON.stringify(diff));

function expectOk(r: DecodedLink): Extract<DecodedLink, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r;
}

const roundTrip = (config: ExperimentConfig, flags?: Partial<LinkFlags>) =>
  expectOk(decodeLink(encodeLink(config, flags)));

// ---------------------------------------------------------------------------------------------
// Every field

/** Leaf paths: primitives and lists of primitives; lists of objects (lanes) are walked into. */
function leafPaths(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v) && v.length && v.every(isObj)) return v.flatMap((x, i) => leafPaths(x, join(prefix, i)));
  if (isObj(v)) return Object.entries(v).flatMap(([k, x]) => leafPaths(x, join(prefix, k)));
  return [prefix];
}

const ENUMS: Record<string, readonly string[]> = {
  dataset: TOY_DATASETS,
  studentVocab: STUDENT_VOCABS,
  activation: ACTIVATIONS,
  optimizer: ['adam', 'sgd'],
  backend: BACKENDS,
  temperature: TEMPERATURE_SCHEDULES,
  objective: OBJECTIVES.map((o) => o.id),
};

/** Candidate edits of one leaf, as [path to set, value]; the first valid one that changes it wins. */
function candidateEdits(path: string, v: unknown): [string, unknown][] {
  const key = path.split('.').at(-1)!;
  const at = (vals: unknown[]) => vals.map((x): [string, unknown] => [path, x]);
  if (path === 'student.kind') {
    const other: Record<string, StudentSpec> = {
      cnn: IMAGE_STUDENTS.smallMlp.spec,
      transformer: TEXT_STUDENTS.windowMlp.spec,
      'window-mlp': TEXT_STUDENTS.tinyTransformer.spec,
      imported: IMAGE_STUDENTS.smallMlp.spec,
    };
    return [['student', other[v as string] ?? IMAGE_STUDENTS.smallCnn.spec]];
  }
  if (typeof v === 'boolean') return at([!v]);
  if (typeof v === 'number') return at([v * 2, v / 2, v + 1, v - 1, v + 0.5, v - 0.01, v + 0.01, 0, 1, 0.5]);
  // Free text: an imported model's hash and name, the text prompt.
  if (key === 'hash') return at(['0123456789ab', 'abcdefabcdef']);
  if (key === 'name' || key === 'prompt') return at([`${v as string}s`, 'call me ishmael']);
  if (typeof v === 'string') return at([...(ENUMS[key] ?? [])]);
  if (Array.isArray(v))
    return at([[...v, 8], v.slice(0, -1), v.map((x: number) => x + 1), [3], [4, 4]].filter((a) => !deepEqual(a, v)));
  return [];
}

/** The config with `path` changed to another valid value (normalised as the store would), or null. */
function changed(base: ExperimentConfig, path: string, rng?: Rng): ExperimentConfig | null {
  const edits = candidateEdits(path, getIn(base, path));
  const order = rng
    ? edits.map((e) => [rng.next(), e] as const).sort((a, b) => a[0] - b[0])
    : edits.map((e) => [0, e] as const);
  for (const [, [p, value]] of order) {
    const r = validateConfig(setIn(base, p, value));
    if (r.ok && !deepEqual(getIn(r.config, path), getIn(base, path))) return r.config;
  }
  return null;
}

/** Fields with a single valid value in that experiment (nothing to change them to). */
const FIXED = {
  toy2d: ['version', 'task.kind', 'teacher.model.kind', 'student.kind'],
  images: ['version', 'task.kind', 'task.dataset', 'teacher.model.kind', 'teacher.model.id'],
  text: ['version', 'task.kind', 'task.dataset', 'teacher.model.kind', 'teacher.model.id'],
  // With Hinton KD (the text default) the student must share the teacher's vocabulary; the
  // own-vocabulary preset (ULD) is where task.studentVocab changes and round-trips.
  textHinton: ['version', 'task.kind', 'task.dataset', 'task.studentVocab', 'teacher.model.kind', 'teacher.model.id'],
  imported: ['version', 'task.kind', 'teacher.model.kind'],
};

const CNN_IMAGE_CONFIG = getPreset('augment')!.config;
/** A teacher and a student imported into this browser (known by hash) on the toy task. */
const IMPORTED_CONFIG: ExperimentConfig = {
  ...TOY_CONFIG,
  teacher: {
    ...TOY_CONFIG.teacher,
    model: { kind: 'imported', hash: '3f2a9c01b7de', name: 'my spiral teacher', featureDim: 48, params: 2643 },
  },
  student: { kind: 'imported', hash: '0a1b2c3d4e5f', name: 'my student', featureDim: 10, params: 63 },
};
const FIELD_BASES: [string, ExperimentConfig, string[]][] = [
  ['TOY_CONFIG', TOY_CONFIG, FIXED.toy2d],
  ['IMAGE_CONFIG', IMAGE_CONFIG, FIXED.images],
  ['the CNN-student image preset', CNN_IMAGE_CONFIG, FIXED.images],
  ['TEXT_CONFIG', TEXT_CONFIG, FIXED.textHinton],
  ['the own-vocabulary text preset', getPreset('text-vocab')!.config, FIXED.text],
  ['the window-MLP text student', { ...TEXT_CONFIG, student: TEXT_STUDENTS.windowMlp.spec }, FIXED.textHinton],
  ['imported teacher and student', IMPORTED_CONFIG, FIXED.imported],
];

describe('link round trip of every field', () => {
  for (const [name, base, fixed] of FIELD_BASES) {
    const paths = leafPaths(base);

    it(`${name}: only the single-valued fields cannot change`, () => {
      expect(paths.filter((p) => changed(base, p) === null)).toEqual(fixed);
    });

    for (const path of paths.filter((p) => !fixed.includes(p))) {
      it(`${name}: ${path}`, () => {
        const edited = changed(base, path)!;
        const r = roundTrip(edited);
        expect(r.config).toEqual(edited);
        expect(r.notices).toEqual([]);
        expect(r.migratedFrom).toBeUndefined();
      });
    }
  }

  it('round-trips every preset, without notices', () => {
    for (const p of PRESETS) {
      const r = roundTrip(p.config);
      expect(r.config, p.id).toEqual(validateConfig(p.config).ok && p.config);
      expect(r.notices, p.id).toEqual([]);
    }
  });

  it('round-trips 300 random experiments (several edits, lanes added and removed)', () => {
    const rng = createRng(7, 'link-random-configs');
    for (let n = 0; n < 300; n++) {
      let cfg = PRESETS[rng.int(PRESETS.length)]!.config;
      for (let k = 1 + rng.int(6); k > 0; k--) {
        const roll = rng.next();
        if (roll < 0.1 && cfg.lanes.length < 6) {
          const lane = laneFor(OBJECTIVES[rng.int(OBJECTIVES.length)]!.id);
          const r = validateConfig({ ...cfg, lanes: [...cfg.lanes, lane] });
          if (r.ok) cfg = r.config;
        } else if (roll < 0.2 && cfg.lanes.length > 1) {
          const drop = rng.int(cfg.lanes.length);
          cfg = { ...cfg, lanes: cfg.lanes.filter((_, i) => i !== drop) };
        } else {
          const paths = leafPaths(cfg);
          cfg = changed(cfg, paths[rng.int(paths.length)]!, rng) ?? cfg;
        }
      }
      const r = roundTrip(cfg);
      expect(r.config).toEqual(cfg);
      expect(r.notices).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Format

describe('link format', () => {
  it('keeps the default experiment’s link short', () => {
    const link = encodeLink(TOY_CONFIG);
    expect(link).toBe('v=2&c=N4XyA');
    expect(link.length).toBeLessThanOrEqual(24);
    expect(encodeLink(IMAGE_CONFIG).length).toBeLessThanOrEqual(60);
  });

  it('stores only what differs from the default', () => {
    const cfg = setIn(TOY_CONFIG, 'lanes.0.params.T', 2);
    const c = new URLSearchParams(encodeLink(cfg)).get('c')!;
    expect(JSON.parse(LZString.decompressFromEncodedURIComponent(c))).toEqual({ 'lanes.0.params.T': 2 });
    const img = new URLSearchParams(encodeLink(IMAGE_CONFIG)).get('c')!;
    expect(JSON.parse(LZString.decompressFromEncodedURIComponent(img))).toEqual({ 'task.kind': 'images' });
  });

  it('keeps every preset’s link under 600 characters', () => {
    for (const p of PRESETS) expect(encodeLink(p.config).length, p.id).toBeLessThan(600);
  });

  it('fits the largest experiment well within the hostile-input limits', () => {
    // Six lanes of different objectives, every parameter and every other field changed.
    const lanes = OBJECTIVES.slice(0, 6).map((o) => ({
      objective: o.id,
      params: Object.fromEntries(
        o.params.map((p) => [
          p.key,
          p.kind === 'toggle'
            ? 1 - p.default
            : p.kind === 'int'
              ? Math.round((p.min + p.max) / 3)
              : p.min + (p.max - p.min) * 0.123456789,
        ]),
      ),
      schedule: { temperature: 'cosine', temperatureEnd: 2.345678, warmup: 1234 },
    }));
    const v = validateConfig({
      ...IMAGE_CONFIG,
      seed: 123456789,
      task: {
        ...IMAGE_CONFIG.task,
        trainImages: 11111,
        testImages: 1999,
        labelledFraction: 0.0123456,
        augment: { shift: 3, flip: true, noise: 0.123456 },
        mixup: 1.23456,
        gapSampling: true,
      },
      student: { kind: 'cnn', filters: [16, 32, 64], hidden: [128, 64], activation: 'gelu' },
      lanes,
      train: {
        optimizer: 'sgd',
        lr: 0.00123456,
        momentum: 0.95432,
        batchSize: 1000,
        steps: 987654,
        stepsPerFrame: 333,
        evalEvery: 777,
        teacherCache: false,
      },
      backend: 'webgpu',
    });
    expect(v.ok ? [] : v.errors).toEqual([]);
    if (!v.ok) return;
    const link = encodeLink(v.config);
    const c = new URLSearchParams(link).get('c')!;
    expect(c.length).toBeLessThan(LINK_LIMITS.payloadChars / 4);
    expect(LZString.decompressFromEncodedURIComponent(c).length).toBeLessThan(LINK_LIMITS.jsonChars / 4);
    expect(roundTrip(v.config).config).toEqual(v.config);
  });

  it('still decodes links made today the same way (frozen bases, not live defaults)', () => {
    // Made with this version of the app. If a default changes, these must still open as before.
    const t2 = expectOk(decodeLink('v=2&c=N4IgNghgdgpgzgOgAwIA4QE4QLaICogBcATAL5A'));
    expect(t2.config).toEqual(setIn(BASES_V2.toy2d, 'lanes.0.params.T', 2));
    const images = expectOk(decodeLink('#v=2&c=N4IgLghgzg1gdDAlgOwCYgFwkQWwgcwFMoQBfIA'));
    expect(images.config).toEqual(BASES_V2.images);
  });

  it('writes the current format, whose bases match today’s config version and task kinds', () => {
    const format = LINK_FORMATS[linkFormatVersion]!;
    expect(format.kind).toBe('diff');
    if (format.kind !== 'diff') return;
    // A new config version needs a new link format (bases.ts explains).
    expect(format.configVersion).toBe(CONFIG_VERSION);
    // A new task kind needs its default experiment frozen in bases.ts.
    expect(Object.keys(format.bases).sort()).toEqual(Object.keys(TASK_DEFAULTS).sort());
    for (const [kind, base] of Object.entries(format.bases)) {
      expect(validateConfig(base).ok, kind).toBe(true);
      expect(Object.isFrozen(base)).toBe(true);
    }
  });

  it('round-trips flags', () => {
    const cases: [Partial<LinkFlags>, LinkFlags][] = [
      [{}, { play: false, hide: [], present: false }],
      [{ play: true }, { play: true, hide: [], present: false }],
      [{ present: true }, { play: false, hide: [], present: true }],
      [
        { hide: ['presets', 'data', 'teacher', 'data'] },
        { play: false, hide: ['data', 'teacher', 'presets'], present: false },
      ],
      [{ hide: [...CONTROL_IDS] }, { play: false, hide: [...CONTROL_IDS], present: false }],
      [
        { play: true, present: true, stamp: { appVersion: '0.1.0', seed: 42, backend: 'webgpu' } },
        { play: true, hide: [], present: true, stamp: { appVersion: '0.1.0', seed: 42, backend: 'webgpu' } },
      ],
      [
        { stamp: { appVersion: '1.2.3-beta.4+build.5', seed: 42, backend: 'wasm', teacherHash: '3f2a9c01b7de' } },
        {
          play: false,
          hide: [],
          present: false,
          stamp: { appVersion: '1.2.3-beta.4+build.5', seed: 42, backend: 'wasm', teacherHash: '3f2a9c01b7de' },
        },
      ],
      // A stamp that would not read back is left out rather than written wrong.
      [{ stamp: { appVersion: '1.0', seed: 42, backend: 'web.gpu' } }, { play: false, hide: [], present: false }],
      [{ stamp: { appVersion: '', seed: 42, backend: 'cpu' } }, { play: false, hide: [], present: false }],
      [{ stamp: { appVersion: '1', seed: -1, backend: 'cpu' } }, { play: false, hide: [], present: false }],
    ];
    for (const [flags, expected] of cases) {
      const r = roundTrip(TOY_CONFIG, flags);
      expect(r.flags).toEqual(expected);
      expect(r.notices).toEqual([]);
    }
  });

  it('writes readable flags', () => {
    const link = encodeLink(TOY_CONFIG, {
      play: true,
      present: true,
      hide: ['teacher', 'data'],
      stamp: { appVersion: '0.1.0', seed: 42, backend: 'webgpu', teacherHash: 'abc123' },
    });
    expect(link).toBe('v=2&c=N4XyA&play=1&mode=present&hide=data,teacher&stamp=0.1.0.42.webgpu.abc123');
  });

  it('reads flags leniently, with notices for what it drops', () => {
    const r = expectOk(decodeLink('v=2&c=N4XyA&play=yes&mode=lecture&hide=data,%3Cb%3E,,teacher&stamp=nope'));
    expect(r.flags).toEqual({ play: false, hide: ['data', 'teacher'], present: false });
    expect(r.notices).toEqual([
      'play=“yes” is not 1 or 0; not playing.',
      'Unknown mode “lecture”; ignored.',
      'Unknown controls to hide ignored: <b>.',
      'The reproducibility stamp “nope” is not readable; ignored.',
    ]);
    const s = expectOk(decodeLink('v=2&c=N4XyA&stamp=0.1.0.7.cpu'));
    expect(s.notices).toEqual(['The reproducibility stamp says seed 7, but the experiment uses seed 42.']);
  });
});

describe('single controls to hide (lesson mode, TensorFlow Playground style)', () => {
  it('reads config paths in hide= next to sections, and writes them back sorted after the sections', () => {
    const r = expectOk(decodeLink('v=2&c=N4XyA&hide=train.lr,data,seed,lanes.0.params.T,seed'));
    expect(r.flags).toEqual({
      play: false,
      hide: ['data'],
      hideFields: ['lanes.0.params.T', 'seed', 'train.lr'],
      present: false,
    });
    expect(r.notices).toEqual([]);
    const link = encodeLink(TOY_CONFIG, r.flags);
    expect(link).toBe('v=2&c=N4XyA&hide=data,lanes.0.params.T,seed,train.lr');
    expect(roundTrip(TOY_CONFIG, r.flags).flags).toEqual(r.flags);
  });

  it('reads <control>_hide=true for controls and sections, as TensorFlow Playground writes them', () => {
    const r = expectOk(
      decodeLink('v=2&c=N4XyA&seed_hide=true&train.lr_hide=1&teacher_hide=true&task.noise_hide=false'),
    );
    expect(r.flags).toEqual({ play: false, hide: ['teacher'], hideFields: ['seed', 'train.lr'], present: false });
    expect(r.notices).toEqual([]);
    // Both spellings together, the same control twice: once.
    const both = expectOk(decodeLink('v=2&c=N4XyA&hide=seed&seed_hide=true'));
    expect(both.flags.hideFields).toEqual(['seed']);
  });

  it('knows every control of every task, lane parameters and schedules, and nothing else', () => {
    for (const path of [
      'seed',
      'backend',
      'task.kind',
      'task.noise',
      'task.points',
      'task.augment.flip',
      'task.context',
      'task.studentVocab',
      'teacher.trainSteps',
      'teacher.model.hidden',
      'student.hidden',
      'student.window',
      'student.heads',
      'student.filters',
      'train.lr',
      'train.stepsPerFrame',
      'lanes.0.objective',
      'lanes.5.params.beta',
      'lanes.1.schedule.temperatureEnd',
    ])
      expect(controlPathKnown(path), path).toBe(true);
    for (const path of [
      '',
      'train',
      'task',
      'lanes.0',
      'lanes.6.objective',
      'lanes.0.params.nope',
      '__proto__',
      'constructor',
      'train.__proto__',
      'seed.toString',
      'x'.repeat(200),
    ])
      expect(controlPathKnown(path), path).toBe(false);
  });

  it('drops what it cannot read, with notices, and caps how many controls a link hides', () => {
    const r = expectOk(decodeLink('v=2&c=N4XyA&hide=seed,%3Cimg%3E,train&__proto___hide=true&seed_hide=maybe'));
    expect(r.flags).toEqual({ play: false, hide: [], hideFields: ['seed'], present: false });
    expect(r.notices).toEqual([
      'seed_hide=“maybe” is not true or false; that control is not hidden.',
      'Unknown controls to hide ignored: <img>, train, __proto__.',
    ]);
    const many = Array.from({ length: 6 }, (_, l) =>
      [
        'objective',
        'params.T',
        'params.alpha',
        'params.beta',
        'schedule.warmup',
        'schedule.temperatureEnd',
        'params.t2',
      ]
        .map((f) => `lanes.${l}.${f}`)
        .join(','),
    ).join(',');
    const capped = expectOk(decodeLink(`v=2&c=N4XyA&hide=${many}`));
    expect(capped.flags.hideFields).toHaveLength(40);
    expect(capped.notices).toEqual(['Only the first 40 of 42 controls to hide are hidden.']);
  });
});

// ---------------------------------------------------------------------------------------------
// Version 1

/** TOY_CONFIG of version 1 (git show 7607288:src/config/defaults.ts), as data. */
const V1_DEFAULT = {
  version: 1,
  seed: 42,
  task: { kind: 'toy2d', dataset: 'spiral', classes: 3, noise: 0.15, points: 900, testFraction: 0.3 },
  teacher: { model: { kind: 'mlp', hidden: [48, 48], activation: 'relu' }, trainSteps: 600, lr: 0.01 },
  student: { kind: 'mlp', hidden: [10], activation: 'tanh' },
  lanes: [{ objective: 'hinton', params: { T: 4, alpha: 0.9, t2: 1 } }],
  train: { optimizer: 'adam', lr: 0.02, momentum: 0.9, batchSize: 64, steps: 3000, stepsPerFrame: 5, evalEvery: 10 },
  backend: 'auto',
};

const CONSTANT = { temperature: 'constant', temperatureEnd: 1, warmup: 0 };
const UPGRADED =
  'This link was made by an older KD Studio (settings version 1); its settings were upgraded to version 2.';

describe('version-1 links', () => {
  it('open the version-1 default as the version-2 default', () => {
    const r = expectOk(decodeLink(encodeV1Link(V1_DEFAULT, { play: true })));
    expect(r.migratedFrom).toBe(1);
    expect(r.config).toEqual({
      version: 2,
      seed: 42,
      task: { kind: 'toy2d', dataset: 'spiral', classes: 3, noise: 0.15, points: 900, testFraction: 0.3 },
      teacher: { model: { kind: 'mlp', hidden: [48, 48], activation: 'relu' }, trainSteps: 600, lr: 0.01 },
      student: { kind: 'mlp', hidden: [10], activation: 'tanh' },
      lanes: [{ objective: 'hinton', params: { T: 4, alpha: 0.9, t2: 1 }, schedule: CONSTANT }],
      train: {
        optimizer: 'adam',
        lr: 0.02,
        momentum: 0.9,
        batchSize: 64,
        steps: 3000,
        stepsPerFrame: 5,
        evalEvery: 10,
        teacherCache: true,
      },
      backend: 'auto',
    });
    expect(r.config).toEqual(TOY_CONFIG);
    expect(r.flags.play).toBe(true);
    expect(r.notices).toEqual([UPGRADED]);
  });

  it('keep their edits, and get defaults for what version 1 did not have', () => {
    const v1 = {
      ...V1_DEFAULT,
      seed: 7,
      task: { ...V1_DEFAULT.task, dataset: 'xor', classes: 2 },
      student: { kind: 'mlp', hidden: [], activation: 'tanh' },
      lanes: [
        { objective: 'hinton', params: { T: 2, alpha: 0.5, t2: 0 } },
        { objective: 'baseline', params: {} },
      ],
      train: { ...V1_DEFAULT.train, optimizer: 'sgd', lr: 0.1 },
    };
    const r = expectOk(decodeLink(encodeV1Link(v1)));
    expect(r.migratedFrom).toBe(1);
    expect(r.notices).toEqual([UPGRADED]);
    expect(r.config).toEqual({
      ...TOY_CONFIG,
      seed: 7,
      task: { kind: 'toy2d', dataset: 'xor', classes: 2, noise: 0.15, points: 900, testFraction: 0.3 },
      student: { kind: 'mlp', hidden: [], activation: 'tanh' },
      lanes: [
        { objective: 'hinton', params: { T: 2, alpha: 0.5, t2: 0 }, schedule: CONSTANT },
        { objective: 'baseline', params: {}, schedule: CONSTANT },
      ],
      train: { ...TOY_CONFIG.train, optimizer: 'sgd', lr: 0.1 },
    });
  });

  it('repair what is invalid in them like any link', () => {
    const r = expectOk(decodeLink(encodeV1Link({ ...V1_DEFAULT, train: { ...V1_DEFAULT.train, lr: 'fast' } })));
    expect(r.config).toEqual(TOY_CONFIG);
    expect(r.notices).toEqual([UPGRADED, 'train.lr: “fast” is not valid (Learning rate must be a number); using 0.02']);
  });

  it('fill what is missing from an incomplete one with defaults', () => {
    const r = expectOk(decodeLink(encodeV1Link({ seed: 9 })));
    expect(r.config).toEqual({ ...TOY_CONFIG, seed: 9 });
    expect(r.notices).toContain(
      'train is missing (Invalid input: expected object, received undefined); using the default',
    );
    expect(r.notices).toContain(
      'backend is missing (Backend must be one of: auto, webgpu, webgl, wasm, cpu); using auto',
    );
  });
});

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
      'lanes.0.objective: “hinton” is not valid (Forward KL (Hinton KD) compares teacher and student character ' +
        'by character: it needs a shared vocabulary (ULD does not)); using ULD (universal logit distillation) instead',
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
      notice: 'train.lr: “abc” is not valid (Learning rate must be a number); using 0.02',
    },
    {
      diff: { 'train.lr': 'NaN' },
      path: 'train.lr',
      expected: 0.02,
      notice: 'train.lr: “NaN” is not valid (Learning rate must be a number); using 0.02',
    },
    {
      diff: { 'task.dataset': 'galaxy' },
      path: 'task.dataset',
      expected: 'spiral',
      notice: /^task\.dataset: “galaxy” is not valid \(Data set must be one of: .*\); using spiral$/,
    },
    {
      diff: { seed: -1 },
      path: 'seed',
      expected: 42,
      notice: 'seed: “-1” is not valid (Seed must be at least 0); using 42',
    },
    {
      diff: { 'lanes.0.params.T': 99 },
      path: 'lanes.0.params.T',
      expected: 4,
      notice: 'lanes.0.params.T: “99” is not valid (Temperature T must be between 0.1 and 20); using 4',
    },
    {
      diff: { 'lanes.0.objective': 'magic' },
      path: 'lanes.0.objective',
      expected: 'hinton',
      notice: /^lanes\.0\.objective: “magic” is not valid \(Unknown objective “magic”; .*\); using hinton$/,
    },
    {
      diff: { 'lanes.0.schedule.temperature': 'zigzag' },
      path: 'lanes.0.schedule',
      expected: CONSTANT,
      notice: /^lanes\.0\.schedule\.temperature: “zigzag” is not valid .*; using constant$/,
    },
    {
      diff: { 'lanes.0.params.bogus': 'x' },
      path: 'lanes.0.params',
      expected: { T: 4, alpha: 0.9, t2: 1 },
      notice: 'lanes.0.params.bogus: “x” is not valid (Objective parameters are numbers); ignored',
    },
    {
      diff: { 'student.hidden': [4, 0] },
      path: 'student.hidden',
      expected: [10],
      notice:
        'student.hidden.1: “0” is not valid (A layer width must be at least 1); using the default student.hidden: [10]',
    },
    {
      diff: { 'teacher.model': { kind: 'pretrained', id: 'fashion-cnn' } },
      path: 'teacher.model',
      expected: TOY_CONFIG.teacher.model,
      notice:
        'teacher.model.kind: “pretrained” is not valid (Toy 2D tasks train an MLP teacher or use an imported one); using the default teacher.model',
    },
    {
      diff: { 'student.hidden': [], 'lanes.0.objective': 'features' },
      path: 'lanes.0.objective',
      expected: 'hinton',
      notice: /^lanes\.0\.objective: “features” is not valid \(.*FitNets.* needs hidden features, .*\); using hinton$/,
    },
    {
      diff: { lanes: Array.from({ length: 8 }, () => laneFor('jsd')) },
      path: 'lanes',
      expected: Array.from({ length: 6 }, () => laneFor('jsd')),
      notice: 'lanes: 8 students are too many (At most 6 students in a race); keeping the first 6',
    },
    {
      diff: { lanes: 'many' },
      path: 'lanes',
      expected: TOY_CONFIG.lanes,
      notice: /^lanes: “many” is not valid \(.*\); using the default$/,
    },
    {
      diff: { 'task.kind': 'images', 'teacher.model': { kind: 'mlp', hidden: [8], activation: 'relu' } },
      base: IMAGE_CONFIG,
      path: 'teacher.model',
      expected: IMAGE_CONFIG.teacher.model,
      notice: /^teacher\.model\.kind: “mlp” is not valid \(Image tasks use the pretrained CNN teacher/,
    },
    {
      diff: { 'task.kind': 'speech', 'task.rate': 16000, 'train.lr': 0.5 },
      path: 'task',
      expected: TOY_CONFIG.task,
      notice: 'task.kind: “speech” is not valid (Unknown task kind); using the default task',
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

// ---------------------------------------------------------------------------------------------
// Hostile and broken links

const protoNames = () =>
  [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort());

describe('hostile and broken links', () => {
  it('refuse __proto__, prototype and constructor anywhere, and pollute nothing', () => {
    const before = protoNames();
    const json =
      '{"__proto__":{"polluted":1},"__proto__.polluted":1,"constructor.prototype.polluted":1,' +
      '"lanes.0.__proto__.polluted":1,"train.constructor":1,"train.lr":0.5,' +
      '"student":{"kind":"mlp","hidden":[10],"activation":"tanh","__proto__":{"polluted":1},"prototype":1}}';
    const r = expectOk(decodeLink(rawLink(json)));
    expect(r.config).toEqual(setIn(TOY_CONFIG, 'train.lr', 0.5));
    expect(r.notices).toEqual([
      '__proto__: not allowed in a link; ignored',
      'student.__proto__: not allowed in a link; ignored',
      'student.prototype: not allowed in a link; ignored',
      '__proto__.polluted: not allowed in a link; ignored',
      'constructor.prototype.polluted: not allowed in a link; ignored',
      'lanes.0.__proto__.polluted: not allowed in a link; ignored',
      'train.constructor: not allowed in a link; ignored',
    ]);
    const v1 = expectOk(decodeLink(rawLink('{"version":1,"__proto__":{"polluted":1},"seed":3}', 1)));
    expect(v1.config.seed).toBe(3);
    expect(({} as Obj).polluted).toBeUndefined();
    expect(protoNames()).toEqual(before);
  });

  it('ignore deep nesting and keep the rest', () => {
    const deep = '['.repeat(2000) + ']'.repeat(2000);
    const r = expectOk(decodeLink(rawLink(`{"train.lr":${deep},"seed":5}`)));
    expect(r.config).toEqual({ ...TOY_CONFIG, seed: 5 });
    expect(r.notices[0]).toMatch(/^train\.lr(\.0)+…?: nested too deeply; ignored$/);
  });

  it('clip huge strings in notices', () => {
    const r = expectOk(decodeLink(diffLink({ 'lanes.0.objective': 'x'.repeat(15_000) })));
    expect(r.config).toEqual(TOY_CONFIG);
    expect(r.notices.length).toBe(1);
    expect(r.notices[0]!.length).toBeLessThan(300);
  });

  it('strip control and bidirectional characters from echoed values', () => {
    const r = expectOk(decodeLink(diffLink({ 'train.optimizer': 'ad\u202eam\u0000\u001b[31m' })));
    expect(r.notices[0]).toBe(
      'train.optimizer: “adam[31m” is not valid (Optimizer must be one of: adam, sgd); using adam',
    );
  });

  it('cap the number of notices', () => {
    const diff = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x${i}.y`, i]));
    const r = expectOk(decodeLink(diffLink(diff)));
    expect(r.notices.length).toBe(LINK_LIMITS.notices + 1);
    expect(r.notices.at(-1)).toBe('…and 480 more.');
  });

  const failures: [string, string, RegExp][] = [
    ['an empty hash', '', /not an experiment link/],
    ['a page anchor', '#results', /not an experiment link/],
    ['an undecompressible payload', 'v=2&c=%%%', /could not be decompressed/],
    ['an empty payload', 'v=2&c=', /could not be decompressed/],
    // lz-string throws a TypeError on this one (found by the fuzz test below).
    [
      'a payload that makes lz-string throw',
      'v=2&c=y$q5WQV8TTh2zkk2RYRLZEO-urFiNOpiE6DExtGu6C7eLLTq-5Wdv2-0hiKHYNmBLGly0BmM-SW',
      /could not be decompressed/,
    ],
    ['a payload that is not JSON', `v=2&c=${LZString.compressToEncodedURIComponent('{"train.lr":')}`, /not valid JSON/],
    ['a payload that is a number', `v=2&c=${LZString.compressToEncodedURIComponent('42')}`, /not a set of settings/],
    ['a payload that is a list', `v=2&c=${LZString.compressToEncodedURIComponent('[1,2]')}`, /not a set of settings/],
    ['a payload over 20 kB', diffLink({ 'train.note': 'ab'.repeat(11_000) }), /too large \(23 kB\)/],
    ['a hash over the length limit', `v=2&c=${'A'.repeat(LINK_LIMITS.hashChars)}`, /too long/],
    ['a compressed payload over its limit', `v=2&c=${'A'.repeat(LINK_LIMITS.payloadChars + 1)}`, /too large/],
  ];
  for (const [name, hash, error] of failures) {
    it(`give a clear error for ${name}`, () => {
      const r = decodeLink(hash);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(error);
    });
  }

  it('read a link without a format as the current one, and one from a newer app as best it can', () => {
    const c = new URLSearchParams(encodeLink(setIn(TOY_CONFIG, 'seed', 3))).get('c');
    const noV = expectOk(decodeLink(`c=${c}`));
    expect(noV.config.seed).toBe(3);
    expect(noV.notices).toEqual(['The link does not say its format; reading it as format 2.']);
    const newer = expectOk(decodeLink(`v=9&c=${c}`));
    expect(newer.config.seed).toBe(3);
    expect(newer.notices[0]).toMatch(/newer KD Studio \(link format 9\)/);
    const bare = expectOk(decodeLink('v=2&play=1'));
    expect(bare.config).toEqual(TOY_CONFIG);
    expect(bare.flags.play).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzz

const URL_CHARS =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$=&#%.,_~!*()[]{}"\' é€\u0000\ud800\u202e';
const LZ_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'length', ''];

function randomString(rng: Rng, alphabet: string, max: number): string {
  let s = '';
  for (let n = rng.int(max + 1); n > 0; n--) s += alphabet[rng.int(alphabet.length)];
  return s;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;

/** JSON texts of the wrong kind, or the right kind out of range (some JSON.stringify cannot make). */
const ATOMS = [
  '"NaN"',
  '"Infinity"',
  '"-Infinity"',
  '1e999',
  '-1e999',
  '-0',
  '1e-400',
  'null',
  'true',
  'false',
  '""',
  '"0x10"',
  '" 1 "',
  '"1e3"',
  '-1',
  '2147483648',
  '0.5',
  '3',
  '"hinton"',
  '"cnn"',
  '"pretrained"',
  '"images"',
  '"__proto__"',
  '"<img src=x onerror=alert(1)>"',
  '{}',
  '[]',
];

function hostileValueJson(rng: Rng, depth = 0): string {
  const roll = rng.int(20);
  if (depth > 2 || roll < 12) return pick(rng, ATOMS);
  if (roll === 12) return JSON.stringify('x'.repeat(rng.int(30_000)));
  if (roll === 13) return `[${Array.from({ length: rng.int(6000) }, () => pick(rng, ATOMS)).join(',')}]`;
  if (roll < 17) return `[${Array.from({ length: rng.int(5) }, () => hostileValueJson(rng, depth + 1)).join(',')}]`;
  const entries = Array.from(
    { length: rng.int(5) },
    () => `${JSON.stringify(randomKey(rng))}:${hostileValueJson(rng, depth + 1)}`,
  );
  return `{${entries.join(',')}}`;
}

const ALL_PATHS = [
  ...new Set([...PRESETS.flatMap((p) => leafPaths(p.config)), 'lanes', 'task', 'student', 'teacher.model']),
];

function randomKey(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.5) return pick(rng, ALL_PATHS);
  if (roll < 0.7) return pick(rng, HOSTILE_KEYS);
  if (roll < 0.85) {
    const p = pick(rng, ALL_PATHS).split('.');
    p.splice(rng.int(p.length + 1), 0, pick(rng, HOSTILE_KEYS));
    return p.join('.');
  }
  return randomString(rng, 'abcxyz.0123_', 12);
}

const lzLink = (json: string, rng: Rng) =>
  `v=${pick(rng, ['1', '2', '2', '2', '3', 'x'])}&c=${LZString.compressToEncodedURIComponent(json)}`;

/** One malformed link of each kind in turn. */
const GENERATORS: [string, (rng: Rng) => string][] = [
  ['random text', (rng) => (rng.next() < 0.5 ? 'v=2&c=' : '') + randomString(rng, URL_CHARS, 200)],
  ['random payload', (rng) => `v=2&c=${randomString(rng, LZ_CHARS, 400)}`],
  [
    'truncated payload',
    (rng) => {
      const link = encodeLink(pick(rng, PRESETS).config);
      return link.slice(0, 6 + rng.int(link.length - 6));
    },
  ],
  [
    'bit-flipped payload',
    (rng) => {
      const chars = [...encodeLink(pick(rng, PRESETS).config)];
      for (let k = 1 + rng.int(4); k > 0; k--) chars[6 + rng.int(chars.length - 6)] = pick(rng, [...LZ_CHARS]);
      return chars.join('');
    },
  ],
  [
    'wrong types at random paths',
    (rng) => {
      const entries = Array.from(
        { length: 1 + rng.int(4) },
        () => `${JSON.stringify(pick(rng, ALL_PATHS))}:${hostileValueJson(rng)}`,
      );
      const kind = rng.next() < 0.3 ? '"task.kind":"images",' : '';
      return lzLink(`{${kind}${entries.join(',')}}`, rng);
    },
  ],
  [
    'hostile keys and nesting',
    (rng) => {
      const entries = Array.from(
        { length: rng.int(6) },
        () => `${JSON.stringify(randomKey(rng))}:${hostileValueJson(rng)}`,
      );
      const n = rng.int(3000);
      if (rng.next() < 0.3) entries.push(`"train.lr":${'['.repeat(n)}${']'.repeat(n)}`);
      if (rng.next() < 0.2)
        entries.push(`"student.hidden":[${Array.from({ length: rng.int(5000) }, () => rng.int(600)).join(',')}]`);
      return lzLink(`{${entries.join(',')}}`, rng);
    },
  ],
  [
    'full configs with damage',
    (rng) => {
      const original = pick(rng, [V1_DEFAULT, ...PRESETS.map((p) => p.config)]);
      const paths = [...leafPaths(original), 'lanes', 'task', 'student', 'train', 'lanes.0'];
      let cfg: unknown = original;
      for (let k = 1 + rng.int(3); k > 0; k--) {
        try {
          cfg = setIn(cfg, pick(rng, paths), JSON.parse(hostileValueJson(rng)));
        } catch {
          // An earlier edit removed the path's parent: that edit is damage enough.
        }
      }
      return rawLink(JSON.stringify(cfg), 1);
    },
  ],
  [
    'garbage flags',
    (rng) =>
      `${encodeLink(TOY_CONFIG)}&play=${randomString(rng, URL_CHARS, 5)}&hide=${randomString(rng, 'abdeintr,%', 40)}` +
      `&mode=${randomString(rng, 'present%', 8)}&stamp=${randomString(rng, '0123456789.abcwebgpu+%', 30)}`,
  ],
];

describe('fuzz', () => {
  it('decodes 1,600 malformed links without throwing: each is a valid config or a clear error', () => {
    const before = protoNames();
    const rng = createRng(20240521, 'link-fuzz');
    const tally: Record<string, { ok: number; error: number }> = {};
    for (let n = 0; n < 1600; n++) {
      const [name, gen] = GENERATORS[n % GENERATORS.length]!;
      const hash = gen(rng);
      const r = decodeLink(hash);
      const t = (tally[name] ??= { ok: 0, error: 0 });
      if (r.ok) {
        t.ok++;
        const v = validateConfig(r.config);
        expect(v.ok, hash).toBe(true);
        expect(v.ok && v.config, hash).toEqual(r.config);
        expect(r.notices.every((s) => typeof s === 'string' && s.length < 400)).toBe(true);
        expect(r.flags.hide.every((id) => CONTROL_IDS.includes(id))).toBe(true);
      } else {
        t.error++;
        expect(typeof r.error === 'string' && r.error.length > 0, hash).toBe(true);
        // decodeLink's catch-all is a safety net: no input should actually need it.
        expect(r.error, hash).not.toBe('This link could not be read.');
      }
    }
    expect(({} as Obj).polluted).toBeUndefined();
    expect(protoNames()).toEqual(before);
    // Each kind of damage exercised both outcomes where it can (text is rarely a link).
    expect(tally['wrong types at random paths']!.ok).toBeGreaterThan(100);
    expect(tally['truncated payload']!.error).toBeGreaterThan(20);
    expect(tally['full configs with damage']!.ok).toBeGreaterThan(100);
  });
});
