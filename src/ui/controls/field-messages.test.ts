/**
 * Issue 16, item 7: every number and list field of every task's settings, found in the control
 * panel's sources as it is written there (`<NumberField path="…" label="…" scale={…}>`), says
 * what is wrong with a fraction, a value out of range, an empty box or text that is no number,
 * naming the field by the label it shows and saying what it wants; the experiment stays as it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TASK_DEFAULTS, laneFor } from '../../config/defaults';
import { shownNumber, wanted } from '../../config/number-rules';
import { fieldName } from '../../config/field-labels';
import { numberSpecAt } from '../../config/number-spec';
import { PRESETS } from '../../config/presets';
import { validateConfig, type ExperimentConfig } from '../../config/schema';
import { OBJECTIVES } from '../../objectives';
import { getIn } from '../../lib/path';
import { useConfigStore } from '../../state/config';
import { IMAGE_STUDENTS } from '../../tasks/images/defaults';
import { TEXT_STUDENTS } from '../../tasks/text/defaults';
import { TEXTFILE_STUDENTS } from '../../tasks/textfile/defaults';
import { TOY_CONFIG } from '../../tasks/toy2d/defaults';
import { listFieldMessage, numberFieldMessage } from './field-message';
import { parseWidths } from './widths';

const SRC = join(import.meta.dirname, '..', '..');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.tsx') ? [join(dir, d.name)] : [],
  );

interface Written {
  file: string;
  kind: 'NumberField' | 'WidthsField' | 'SelectField' | 'ToggleField' | 'TextField';
  path: string;
  label: string;
  scale: number;
}

/** Each number and widths field with a literal path and label, as the sources write it. */
const WRITTEN: Written[] = sources(SRC).flatMap((file) =>
  [
    ...readFileSync(file, 'utf8').matchAll(/<(NumberField|WidthsField|SelectField|ToggleField|TextField)\s([^]*?)\/>/g),
  ].flatMap((m) => {
    const attrs = m[2]!;
    const path = /\bpath="([^"]+)"/.exec(attrs)?.[1];
    const label = /\blabel="([^"]+)"/.exec(attrs)?.[1];
    if (!path || !label) return [];
    const scale = Number(/\bscale=\{(\d+)\}/.exec(attrs)?.[1] ?? 1);
    return [{ file: file.slice(SRC.length + 1), kind: m[1] as Written['kind'], path, label, scale }];
  }),
);

/** Each task's default with each of its student presets (the student fields differ by kind). */
const STUDENT_PRESETS: ExperimentConfig[] = [
  ...Object.values(TEXT_STUDENTS).map((s) => ({ ...TASK_DEFAULTS.text, student: s.spec })),
  ...Object.values(TEXTFILE_STUDENTS).map((s) => ({ ...TASK_DEFAULTS.textfile, student: s.spec })),
  ...Object.values(IMAGE_STUDENTS).map((s) => ({ ...TASK_DEFAULTS.images, student: s.spec })),
];

/** Components shown only for some models (the panel picks them by the student's kind). */
const SHOWN_FOR: Readonly<Record<string, (c: ExperimentConfig) => boolean>> = {
  'ui/controls/MlpStudentFields.tsx': (c) => c.student.kind === 'mlp',
};

/** The experiments a field may be seen in: a task's folder its own, the shared panel any. */
function configsFor(w: Written): ExperimentConfig[] {
  const all = [...Object.values(TASK_DEFAULTS), ...PRESETS.map((p) => p.config), ...STUDENT_PRESETS];
  const kind = /^tasks\/([^/]+)\//.exec(w.file)?.[1];
  const shown = SHOWN_FOR[w.file] ?? (() => true);
  return all.filter((c) => (!kind || c.task.kind === kind) && getIn(c, w.path) !== undefined && shown(c));
}

const store = useConfigStore.getState;

/** Types `text` (meaning `value`) into the field as the panel does; the message it shows. */
function typeNumber(cfg: ExperimentConfig, w: Pick<Written, 'path' | 'label' | 'scale'>, value: number, text: string) {
  store().replace(cfg);
  expect(store().update(w.path, value, text)).toBe(false);
  expect(store().config).toEqual(validateConfig(cfg).ok && store().config);
  expect(getIn(store().config, w.path)).toEqual(getIn(cfg, w.path));
  return numberFieldMessage(store().errors[w.path]!, w.path, w.label, w.scale);
}

beforeEach(() => store().replace(TOY_CONFIG));

describe('the control panel’s number and list fields', () => {
  it('are found in the sources, in every task', () => {
    expect(WRITTEN.length).toBeGreaterThan(30);
    for (const kind of Object.keys(TASK_DEFAULTS))
      expect(
        WRITTEN.some((w) => w.file.includes(`tasks/${kind}/`)),
        kind,
      );
  });

  it('are labelled as messages elsewhere name them (config/field-labels.ts)', () => {
    for (const w of WRITTEN) {
      const configs = configsFor(w);
      expect(configs.length, `an experiment that shows ${w.path}`).toBeGreaterThan(0);
      for (const cfg of configs)
        expect(fieldName(cfg, w.path), `${w.path} in ${w.file}`).toMatchObject({ label: w.label, scale: w.scale });
    }
  });

  for (const w of WRITTEN.filter((x) => x.kind === 'NumberField')) {
    it(`${w.label} (${w.path}, ${w.file}) says what it wants`, () => {
      const configs = configsFor(w);
      expect(configs.length, 'an experiment that shows this field').toBeGreaterThan(0);
      for (const cfg of configs) {
        const spec = numberSpecAt(cfg, w.path)!;
        expect(spec, `a number field at ${w.path}`).toBeDefined();
        const shown = (v: number) => shownNumber(v, w.scale);
        if (spec.whole)
          expect(typeNumber(cfg, w, spec.min + 0.5, shown(spec.min + 0.5))).toBe(`${w.label} must be a whole number`);
        const below = spec.whole ? spec.min - 1 : spec.min - Math.max(1e-6, Math.abs(spec.min) / 2);
        expect(typeNumber(cfg, w, below, shown(below))).toBe(`${w.label} must be at least ${shown(spec.min)}`);
        const above = spec.whole ? spec.max + 1 : spec.max * 2 + 1;
        expect(typeNumber(cfg, w, above, shown(above))).toBe(`${w.label} must be at most ${shown(spec.max)}`);
        expect(typeNumber(cfg, w, Number.NaN, ' ')).toBe(`${w.label} is empty: enter ${wanted(spec, w.scale)}`);
        expect(typeNumber(cfg, w, Number.NaN, 'abc')).toBe(`${w.label} must be ${wanted(spec, w.scale)}, not “abc”`);
      }
    });
  }

  for (const w of WRITTEN.filter((x) => x.kind === 'WidthsField')) {
    it(`${w.label} (${w.path}, ${w.file}) refuses a malformed list and names itself`, () => {
      const configs = configsFor(w);
      expect(configs.length, 'an experiment that shows this field').toBeGreaterThan(0);
      for (const text of ['48,,48', '48, x', '48,'])
        expect(parseWidths(text, w.label)).toMatchObject({
          ok: false,
          message: expect.stringMatching(`^${w.label}: `),
        });
      for (const cfg of configs) {
        store().replace(cfg);
        expect(store().update(w.path, [100_000], '100000')).toBe(false);
        const message = listFieldMessage(store().errors[w.path]!, w.path, w.label);
        expect(message).toMatch(new RegExp(`^${w.label}: an? [a-z’ ]+ must be at most \\d+$`));
        expect(
          store().update(
            w.path,
            Array.from({ length: 20 }, () => 4),
            '',
          ),
        ).toBe(false);
        expect(listFieldMessage(store().errors[w.path]!, w.path, w.label)).toMatch(
          new RegExp(`^${w.label}: at most \\d \\w+`),
        );
        expect(getIn(store().config, w.path)).toEqual(getIn(cfg, w.path));
      }
    });
  }

  it('name the spiral’s classes “Arms”, as the panel labels them', () => {
    const w = { path: 'task.classes', label: 'Arms', scale: 1 };
    expect(fieldName(TOY_CONFIG, w.path)?.label).toBe('Arms');
    expect(fieldName({ ...TOY_CONFIG, task: { ...TOY_CONFIG.task, dataset: 'blobs' } }, w.path)?.label).toBe('Classes');
    expect(typeNumber(TOY_CONFIG, w, 50, '50')).toBe('Arms must be at most 8');
    expect(typeNumber(TOY_CONFIG, w, 2.5, '2.5')).toBe('Arms must be a whole number');
  });

  it('read a decimal comma as a question, not as “not a number”', () => {
    const w = { path: 'task.noise', label: 'Noise', scale: 1 };
    expect(typeNumber(TOY_CONFIG, w, Number.NaN, '0,5')).toBe(
      'Noise must be a number from 0 to 1, written with a point: 0.5, not 0,5',
    );
  });

  it('hold for every objective parameter (the sliders)', () => {
    for (const o of OBJECTIVES) {
      const cfg = { ...TOY_CONFIG, lanes: [laneFor(o.id)] };
      if (!validateConfig(cfg).ok) continue;
      for (const p of o.params.filter((x) => x.kind !== 'toggle')) {
        const w = { path: `lanes.0.params.${p.key}`, label: p.label, scale: 1 };
        expect(typeNumber(cfg, w, p.max + 1, String(p.max + 1))).toBe(`${p.label} must be at most ${p.max}`);
        expect(typeNumber(cfg, w, Number.NaN, '')).toBe(
          `${p.label} is empty: enter ${wanted({ ...p, whole: p.kind === 'int' })}`,
        );
      }
    }
  });
});
