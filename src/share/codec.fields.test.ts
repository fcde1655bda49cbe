import { describe, expect, it } from 'vitest';
import { laneFor } from '../config/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { IMAGE_CONFIG, IMAGE_STUDENTS } from '../tasks/images/defaults';
import { TEXT_CONFIG, TEXT_STUDENTS } from '../tasks/text/defaults';
import { PRESETS, getPreset } from '../config/presets';
import { ACTIVATIONS, BACKENDS, validateConfig, type ExperimentConfig, type StudentSpec } from '../config/schema';
import { STUDENT_VOCABS } from '../tasks/text/student-vocab';
import { MISSING_PROBABILITY, POOL_OUTPUTS } from '../tasks/text/pool';
import { deepEqual } from '../lib/equal';
import { getIn, setIn } from '../lib/path';
import { createRng, type Rng } from '../lib/rng';
import { OBJECTIVES } from '../objectives';
import { TEMPERATURE_SCHEDULES } from '../objectives/schedule';
import { TOY_DATASETS } from '../tasks/toy2d/datasets';
import { leafPaths, roundTrip } from './link.fixtures';

// ---------------------------------------------------------------------------------------------
// Every field

const ENUMS: Record<string, readonly string[]> = {
  dataset: TOY_DATASETS,
  studentVocab: STUDENT_VOCABS,
  outputs: POOL_OUTPUTS,
  missingProbability: MISSING_PROBABILITY,
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
  // The teacher-output pool is an optional section: its fields exist only where it is on.
  ['the teacher-output pool preset', getPreset('text-pool')!.config, FIXED.textHinton],
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
