/**
 * Records the golden link fixtures, src/share/golden-links.json: links exactly as this code
 * writes them, and exactly what decodeLink makes of them (config, flags, notices).
 *
 *   npx tsx scripts/golden-links.ts
 *
 * The fixtures pin today's link format so that a refactor of the link code cannot change what
 * an old link opens to without a test failing. They were recorded from commit 986d127 (before
 * the refactor of src/share). Re-running this script after a change to the link code would
 * record the new behaviour and guard nothing: run it only to add cases, from code whose links
 * are known to be right, and review the diff of the JSON (existing entries must not change).
 *
 * Deterministic: every input is fixed here or drawn from a seeded generator (src/lib/rng), so
 * re-running on the same code writes a byte-identical file.
 */
import { V1_DEFAULT } from '../src/config/v1-default.fixtures';
import { writeFileSync } from 'node:fs';
import LZString from 'lz-string';
import * as prettier from 'prettier';
import { TASK_DEFAULTS, laneFor } from '../src/config/defaults';
import { TOY_CONFIG } from '../src/tasks/toy2d/defaults';
import { IMAGE_CONFIG } from '../src/tasks/images/defaults';
import { TEXT_CONFIG } from '../src/tasks/text/defaults';
import { PRESETS } from '../src/config/presets';
import { validateConfig, type ExperimentConfig } from '../src/config/schema';
import { createRng } from '../src/lib/rng';
import { OBJECTIVES } from '../src/objectives';
import { decodeLink, encodeLink, encodeV1Link, type LinkFlags } from '../src/share/link';

const OUT = 'src/share/golden-links.json';

/** How a fixture's link was made; the test makes it again the same way where it can. */
type Made =
  | { by: 'encodeLink'; config: ExperimentConfig; flags: Partial<LinkFlags> }
  | { by: 'encodeV1Link'; config: unknown; flags: Partial<LinkFlags> }
  /** Typed by hand (flags the encoder never writes, damaged or hostile payloads). */
  | { by: 'hand' };

interface Case {
  name: string;
  made: Made;
  link: string;
}

const cases: Case[] = [];
const encoded = (name: string, config: ExperimentConfig, flags: Partial<LinkFlags> = {}) =>
  cases.push({ name, made: { by: 'encodeLink', config, flags }, link: encodeLink(config, flags) });
const v1 = (name: string, config: unknown, flags: Partial<LinkFlags> = {}) =>
  cases.push({ name, made: { by: 'encodeV1Link', config, flags }, link: encodeV1Link(config, flags) });
const hand = (name: string, link: string) => cases.push({ name, made: { by: 'hand' }, link });

/** A format-2 link whose payload is exactly `diff` (what a hand-edited or old link may hold). */
const diffLink = (diff: unknown, v: string | number = 2) =>
  `v=${v}&c=${LZString.compressToEncodedURIComponent(JSON.stringify(diff))}`;

/** The config as the store keeps it (validated and normalised); throws if it is not valid. */
function valid(config: unknown): ExperimentConfig {
  const r = validateConfig(config);
  if (!r.ok) throw new Error(`not a valid config: ${JSON.stringify(r.errors)}`);
  return r.config;
}

// ---------------------------------------------------------------------------------------------
// Every shipped preset and task default, as the share button writes them.

for (const p of PRESETS) encoded(`preset ${p.id}`, p.config);
for (const [kind, config] of Object.entries(TASK_DEFAULTS)) encoded(`task default ${kind}`, config);
// What the share button adds: a reproducibility stamp, with and without a teacher hash.
encoded('default with stamp', TOY_CONFIG, { stamp: { appVersion: '0.1.0', seed: 42, backend: 'webgpu' } });
encoded('images with stamp and teacher hash', IMAGE_CONFIG, {
  stamp: { appVersion: '0.1.0-beta.2', seed: 42, backend: 'wasm', teacherHash: '3f2a9c01b7de' },
});
encoded('text with play', TEXT_CONFIG, { play: true });

// ---------------------------------------------------------------------------------------------
// Lesson flags.

encoded('hide two sections', TOY_CONFIG, { hide: ['data', 'teacher'] });
encoded('hide every section', TOY_CONFIG, {
  hide: ['presets', 'backend', 'training', 'objectives', 'student', 'teacher', 'data'],
});
encoded('hide single controls', TOY_CONFIG, { hideFields: ['train.lr', 'seed'] });
encoded('hide lane controls', getPreset('race'), {
  hideFields: ['lanes.0.params.T', 'lanes.1.objective', 'lanes.0.schedule.temperature'],
});
encoded('hide text controls', TEXT_CONFIG, { hideFields: ['task.prompt', 'student.width'] });
encoded('hide sections and controls, present, play', getPreset('objectives'), {
  hide: ['objectives', 'data'],
  hideFields: ['seed', 'train.lr'],
  present: true,
  play: true,
});
encoded('hide with unknown controls dropped by the encoder', TOY_CONFIG, {
  hideFields: ['seed', 'not.a.control', 'lanes.9.objective'],
});
encoded('present mode', getPreset('modes'), { present: true });
encoded('present mode with stamp', TOY_CONFIG, {
  present: true,
  stamp: { appVersion: '0.1.0', seed: 42, backend: 'cpu', teacherHash: 'abc_DEF-123' },
});
hand('playground-style seed_hide', 'v=2&c=N4XyA&seed_hide=true');
hand('playground-style section and control hides', 'v=2&c=N4XyA&data_hide=1&train.lr_hide=true&teacher_hide=false');
hand('hide= and playground-style together', 'v=2&c=N4XyA&hide=training,seed&student_hide=true&seed_hide=1');
hand('hide names unknown controls', 'v=2&c=N4XyA&hide=data,colour,train.nope&wings_hide=true');
hand('playground-style hide that is not true or false', 'v=2&c=N4XyA&seed_hide=maybe');
hand('play=true and mode=edit', 'v=2&c=N4XyA&play=true&mode=edit');
hand('play=0', 'v=2&c=N4XyA&play=0');
hand('bad play and mode values', 'v=2&c=N4XyA&play=soon&mode=kiosk');
hand('stamp whose seed differs from the config', 'v=2&c=N4XyA&stamp=0.1.0.7.webgl');
hand('stamp with a dotted app version and a hash', 'v=2&c=N4XyA&stamp=1.2.3-rc.1.42.webgpu.3f2a9c01b7de');
hand('unreadable stamp', 'v=2&c=N4XyA&stamp=not-a-stamp');
hand('leading hash sign', '#v=2&c=N4XyA&mode=present');

// ---------------------------------------------------------------------------------------------
// Imported models (known by a 12-hex hash of their weights and a name).

const importedTeacher = {
  kind: 'imported',
  hash: '3f2a9c01b7de',
  name: 'my spiral teacher',
  featureDim: 48,
  params: 2643,
} as const;
const importedStudent = {
  kind: 'imported',
  hash: '0a1b2c3d4e5f',
  name: 'my student',
  featureDim: 10,
  params: 63,
} as const;
encoded(
  'imported teacher and student (toy2d)',
  valid({
    ...TOY_CONFIG,
    teacher: { ...TOY_CONFIG.teacher, model: importedTeacher },
    student: importedStudent,
  }),
);
encoded(
  'imported teacher only, with stamp',
  valid({ ...TOY_CONFIG, teacher: { ...TOY_CONFIG.teacher, model: importedTeacher } }),
  { stamp: { appVersion: '0.1.0', seed: 42, backend: 'webgl', teacherHash: importedTeacher.hash } },
);
encoded(
  'imported teacher and student (images), name with unicode',
  valid({
    ...IMAGE_CONFIG,
    teacher: {
      ...IMAGE_CONFIG.teacher,
      model: {
        kind: 'imported',
        hash: 'deadbeef0042',
        name: 'Fashion “big” CNN — v2',
        featureDim: 128,
        params: 421_642,
      },
    },
    student: { kind: 'imported', hash: '00000000ffff', name: 'tiny & fast', featureDim: 0, params: 7_850 },
  }),
  { hideFields: ['student.name', 'seed'] },
);
hand(
  'imported student with a bad hash (repaired)',
  diffLink({ student: { ...importedStudent, hash: 'XYZ' }, 'teacher.model': importedTeacher }),
);

// ---------------------------------------------------------------------------------------------
// Version-1 links (full version-1 config, migrated on open).

v1('v1 default with play', V1_DEFAULT, { play: true });
v1(
  'v1 with edits and two lanes, hidden sections',
  {
    ...V1_DEFAULT,
    seed: 7,
    task: { ...V1_DEFAULT.task, dataset: 'xor', classes: 2 },
    student: { kind: 'mlp', hidden: [], activation: 'tanh' },
    lanes: [
      { objective: 'hinton', params: { T: 2, alpha: 0.5, t2: 0 } },
      { objective: 'baseline', params: {} },
    ],
    train: { ...V1_DEFAULT.train, optimizer: 'sgd', lr: 0.1 },
  },
  { hide: ['teacher'], hideFields: ['seed'] },
);
v1('v1 with an invalid field (repaired)', { ...V1_DEFAULT, train: { ...V1_DEFAULT.train, lr: 'fast' } });
v1('v1 incomplete (filled with defaults)', { seed: 9 });
hand('v1 without a version field', `v=1&c=${LZString.compressToEncodedURIComponent(JSON.stringify({ seed: 3 }))}`);

// ---------------------------------------------------------------------------------------------
// Links that need repair: invalid fields replaced (or dropped) with a notice each.

const transformerStudent = { kind: 'transformer', layers: 1, width: 32, heads: 2 };

hand('repair: learning rate not a number', diffLink({ 'train.lr': 'fast' }));
hand('repair: unknown objective', diffLink({ 'lanes.0.objective': 'magic' }));
hand('repair: temperature out of range', diffLink({ 'lanes.0.params.T': 99, seed: 5 }));
hand('repair: unknown schedule', diffLink({ 'lanes.0.schedule.temperature': 'zigzag' }));
hand('repair: unknown dataset and bad layer width', diffLink({ 'task.dataset': 'galaxy', 'student.hidden': [4, 0] }));
hand('repair: image teacher on the toy task', diffLink({ 'teacher.model': { kind: 'pretrained', id: 'fashion-cnn' } }));
hand(
  'repair: features objective with a linear student',
  diffLink({ 'student.hidden': [], 'lanes.0.objective': 'features' }),
);
hand('repair: too many lanes', diffLink({ lanes: Array.from({ length: 8 }, () => laneFor('jsd')) }));
hand(
  'repair: text student vocabulary escalates the objective to ULD',
  diffLink({ 'task.kind': 'text', 'task.studentVocab': 'coarse' }),
);
hand('repair: unknown task kind', diffLink({ 'task.kind': 'speech', 'task.rate': 16000, 'train.lr': 0.5 }));
hand(
  'repair: MLP teacher on images',
  diffLink({ 'task.kind': 'images', 'teacher.model': { kind: 'mlp', hidden: [8], activation: 'relu' } }),
);
hand(
  'unknown keys ignored',
  diffLink({ 'train.foo': 1, colour: 'red', 'lanes.0.params.bogus': 2, 'lanes.3.params.T': 2, 'nothing.here': 1 }),
);
hand(
  'forbidden keys ignored',
  `v=2&c=${LZString.compressToEncodedURIComponent('{"__proto__":{"polluted":1},"seed":3,"constructor.x":1}')}`,
);
hand('repair: whole sections of the wrong type', diffLink({ lanes: 'many', train: 3, task: [] }));
hand('repair: a newer config version', diffLink({ version: 3, seed: 8 }));
hand(
  'repair: lane schedule and parameter of the wrong type',
  diffLink({ lanes: [{ objective: 'hinton', params: { T: 'x' }, schedule: 5 }] }),
);
hand('repair: a partial text task filled field by field', diffLink({ task: { kind: 'text' } }));
hand('repair: a transformer student on images', diffLink({ 'task.kind': 'images', student: transformerStudent }));
hand('empty path ignored', diffLink({ '': 1, seed: 4 }));

// ---------------------------------------------------------------------------------------------
// Formats and links that cannot be read.

hand('no format number', `c=${LZString.compressToEncodedURIComponent(JSON.stringify({ seed: 11 }))}`);
hand('newer format number', diffLink({ seed: 12, 'train.lr': 0.05 }, 9));
hand('unknown format text', diffLink({ seed: 13 }, 'two'));
hand('no settings', 'v=2&play=1');
hand('not an experiment link', 'foo=bar');
hand('empty', '');
hand('damaged payload', 'v=2&c=%%%');
hand('payload not JSON', `v=2&c=${LZString.compressToEncodedURIComponent('{not json')}`);
hand('payload not an object', `v=2&c=${LZString.compressToEncodedURIComponent('[1,2]')}`);

// ---------------------------------------------------------------------------------------------
// Seeded variants: random valid edits of each task default, so that the fixtures also pin
// combinations nobody thought to write down.

const rng = createRng(986, 'golden-links');
const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)]!;
for (const [kind, base] of Object.entries(TASK_DEFAULTS)) {
  let made = 0;
  for (let attempt = 0; made < 3 && attempt < 100; attempt++) {
    const lanes = Array.from({ length: 1 + rng.int(3) }, () => {
      const o = pick(OBJECTIVES);
      const lane = laneFor(o.id);
      const p = o.params.length ? pick(o.params) : null;
      // One parameter moved off its default: a toggle flipped, a number to the middle of its
      // range (rounded for whole-number parameters). Configs the schema refuses are skipped.
      if (p)
        lane.params[p.key] =
          p.kind === 'toggle'
            ? 1 - p.default
            : p.kind === 'int'
              ? Math.round((p.min + p.max) / 2)
              : (p.min + p.max) / 2;
      return lane;
    });
    const r = validateConfig({
      ...base,
      seed: rng.int(2 ** 31),
      lanes,
      train: {
        ...base.train,
        lr: pick([0.001, 0.005, 0.03, 0.1]),
        steps: 100 + rng.int(5000),
        batchSize: pick([16, 32, 128]),
      },
    });
    if (!r.ok) continue;
    made++;
    encoded(
      `seeded ${kind} variant ${made}`,
      r.config,
      pick([{}, { play: true }, { hide: ['data'] }, { present: true }]),
    );
  }
}

function getPreset(id: string): ExperimentConfig {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.config;
}

// ---------------------------------------------------------------------------------------------

const names = new Set(cases.map((c) => c.name));
if (names.size !== cases.length) throw new Error('fixture names must be unique');

const fixtures = cases.map((c) => ({ ...c, decoded: decodeLink(c.link) }));
const file = {
  about:
    'Golden link fixtures recorded by scripts/golden-links.ts from commit 986d127. Do not regenerate to make a test pass: each link must keep opening to `decoded`.',
  fixtures,
};
const text = await prettier.format(JSON.stringify(file), { ...(await prettier.resolveConfig(OUT)), filepath: OUT });
writeFileSync(OUT, text);
console.log(`${OUT}: ${fixtures.length} fixtures`);
