/**
 * The memory and time budget: every shipped experiment fits with room to spare, the links of
 * issue 14 (a text batch of 1,024, each task at its limits) are refused by name and repaired
 * into experiments that fit, and the message names what to lower and by how much.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../share/codec';
import { CORPUS_CHARACTERS } from '../tasks/text/sizes';
import { BUDGET, budgetIssue, bytesText, macsText } from './budget';
import { LARGEST, TEXT_BATCH_1024 } from './budget.fixtures';
import { TASK_DEFAULTS } from './defaults';
import { estimate } from './estimate';
import { PRESETS } from './presets';
import { validateConfig, type ExperimentConfig } from './schema';
import { getIn, setIn } from '../lib/path';

const TEXT = TASK_DEFAULTS.text;
const withBatch = (cfg: ExperimentConfig, batchSize: number): ExperimentConfig => ({
  ...cfg,
  train: { ...cfg.train, batchSize },
});

describe('the estimate', () => {
  it('grows with the batch, the students and the model, and not with the seed', () => {
    const base = estimate(TEXT);
    expect(estimate(withBatch(TEXT, 64)).bytes.step).toBeCloseTo(2 * base.bytes.step, -6);
    expect(estimate(withBatch(TEXT, 64)).macs.step).toBeCloseTo(2 * base.macs.step, -3);
    const twoLanes = estimate({ ...TEXT, lanes: [...TEXT.lanes, ...TEXT.lanes] });
    expect(twoLanes.bytes.peak).toBeGreaterThan(base.bytes.peak);
    expect(twoLanes.macs.step).toBeGreaterThan(base.macs.step);
    const wider = estimate({ ...TEXT, student: { kind: 'transformer', layers: 2, width: 96, heads: 4 } });
    expect(wider.bytes.step).toBeGreaterThan(base.bytes.step);
    expect(estimate({ ...TEXT, seed: 7 })).toEqual(base);
  });

  it('says what the largest presets need: the text default about 0.55 GB, 1.7 billion multiply-adds a frame', () => {
    const e = estimate(TEXT);
    expect(e.bytes.peak / 2 ** 30).toBeGreaterThan(0.4);
    expect(e.bytes.peak / 2 ** 30).toBeLessThan(0.7);
    expect(e.macs.tick / 1e9).toBeGreaterThan(1.2);
    expect(e.macs.tick / 1e9).toBeLessThan(2.5);
  });

  it('knows the shipped corpus’s length', () => {
    const meta = JSON.parse(readFileSync(new URL('../../public/data/text/meta.json', import.meta.url), 'utf8')) as {
      characters: number;
    };
    expect(CORPUS_CHARACTERS).toBe(meta.characters);
  });
});

describe('the budget', () => {
  it('fits every preset and task default, with room to spare', () => {
    const shipped = [...PRESETS.map((p) => p.config), ...Object.values(TASK_DEFAULTS)];
    for (const cfg of shipped) {
      const e = estimate(cfg);
      expect(budgetIssue(cfg)).toBeNull();
      expect(e.bytes.peak).toBeLessThan(0.6 * BUDGET.memory);
      expect(e.macs.block).toBeLessThan(0.5 * BUDGET.block);
      expect(e.macs.teacher).toBeLessThan(0.2 * BUDGET.teacher);
    }
  });

  it('refuses the 67-character text link’s batch of 1,024 windows by name, with the batch that fits', () => {
    const cfg = withBatch(TEXT, 1024);
    expect(estimate(cfg).bytes.peak / 2 ** 30).toBeGreaterThan(10);
    const v = validateConfig(cfg);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toHaveLength(1);
    const [e] = v.errors;
    expect(e!.path).toBe('train.batchSize');
    expect(e!.overBudget).toBe(true);
    // The field as the panel labels it, the size that fits, and no brackets in brackets (issue 16).
    expect(e!.message).toMatch(
      /^Needs about 1\d GB of memory, over the 1 GB limit: lower “Batch size” to (\d+) or less$/,
    );
    // The batch it names fits; one more does not.
    const fits = Number(/to (\d+) or less/.exec(e!.message)![1]);
    expect(fits).toBeGreaterThan(TEXT.train.batchSize);
    expect(validateConfig(withBatch(TEXT, fits)).ok).toBe(true);
    expect(validateConfig(withBatch(TEXT, fits + 1)).ok).toBe(false);
  });

  it('repairs that link to the default batch, says why, and does not start it', () => {
    const r = decodeLink(TEXT_BATCH_1024);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toEqual(TEXT);
    expect(r.notices[0]).toMatch(
      /^Batch size: “1024” is not valid — Needs about 1\d GB of memory, over the 1 GB limit: lower “Batch size” to \d+ or less; using 32$/,
    );
    expect(r.notices).toContain('The link asks to start training; it waits for Play, since its settings were changed.');
    expect(r.flags.play).toBe(false);
  });

  for (const [kind, cfg] of Object.entries(LARGEST))
    it(`refuses ${kind} at the schema’s limits, and its link opens as an experiment that fits`, () => {
      // Every value is valid on its own: only the budget refuses it.
      const v = validateConfig(cfg);
      expect(v.ok).toBe(false);
      if (v.ok) return;
      expect(v.errors.every((e) => e.overBudget)).toBe(true);
      const message = v.errors[0]!.message;
      expect(message).toMatch(/^(Needs about|The worker would run|The teacher needs).*: (lower|raise|choose|remove) /);
      // A field is named as the panel labels it, never by its path; no brackets inside brackets.
      expect(message).not.toMatch(/[a-z]\.[a-z]/i);
      expect(message).not.toMatch(/\([^)]*\(/);
      const r = decodeLink(encodeLink(cfg, { play: true }));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(validateConfig(r.config).ok).toBe(true);
      expect(budgetIssue(r.config)).toBeNull();
      expect(r.config.task.kind).toBe(cfg.task.kind);
      expect(r.flags.play).toBe(false);
      expect(r.notices.some((n) => /over the [^:]+ limit: (lower|raise|choose|remove) /.test(n))).toBe(true);
    });

  it('names what costs too much: memory, work without a break (a frame, a teacher chunk), or the teacher', () => {
    const toy = TASK_DEFAULTS.toy2d;
    const frame = { ...toy, train: { ...toy.train, stepsPerFrame: 500, batchSize: 1024 } };
    frame.student = { kind: 'mlp', hidden: [512, 512, 512], activation: 'relu' };
    expect(budgetIssue(frame)?.message).toMatch(
      /^The worker would run .* multiply-adds without a break, over the 40 billion limit: /,
    );
    // Twenty steps of a 6×256 transformer teacher: a trillion in all, but ten of them between read-backs.
    const file = TASK_DEFAULTS.textfile;
    const chunk = setIn(
      setIn(file, 'teacher.model', { kind: 'transformer', layers: 6, width: 256, heads: 8 }),
      'teacher.trainSteps',
      20,
    );
    const c = estimate(chunk);
    expect(c.macs.teacher).toBeLessThan(BUDGET.teacher);
    expect(c.macs.block).toBeGreaterThan(BUDGET.block);
    // (It needs too much memory too; that is said first.)
    expect(budgetIssue(chunk)?.message).toMatch(/^Needs about/);
    expect(budgetIssue(chunk, { ...BUDGET, memory: Infinity })?.message).toMatch(
      /^The worker would run .* without a break.*: lower “Teacher › /,
    );
    const teacher = setIn(toy, 'teacher', {
      model: { kind: 'mlp', hidden: [512, 512, 512, 512], activation: 'relu' },
      trainSteps: 20_000,
      lr: 0.01,
    });
    const t = budgetIssue(teacher);
    expect(t?.message).toMatch(
      /^The teacher needs about .* trillion multiply-adds, over the 1 trillion limit: lower “Teacher › /,
    );
    expect(['teacher.trainSteps', 'teacher.model.hidden']).toContain(t!.path.join('.'));
  });

  it('suggests the batch before the students, and a student only when nothing gentler fits', () => {
    const race = { ...withBatch(TEXT, 128), lanes: [...TEXT.lanes, ...TEXT.lanes, ...TEXT.lanes] };
    expect(budgetIssue(race)?.path).toEqual(['train', 'batchSize']);
    const wide = { ...TEXT, student: { kind: 'transformer' as const, layers: 6, width: 256, heads: 8 } };
    const issue = budgetIssue(wide)!;
    expect(issue.message).toMatch(/lower “Student › (Layers|Width)” to \d+ or less$/);
    expect(getIn(TEXT, issue.path.join('.'))).not.toEqual(getIn(wide, issue.path.join('.')));
  });

  it('writes sizes as people read them', () => {
    expect(bytesText(15.2 * 2 ** 30)).toBe('15 GB');
    expect(bytesText(2 ** 30)).toBe('1 GB');
    expect(bytesText(1.14 * 2 ** 30)).toBe('1.1 GB');
    expect(bytesText(540 * 2 ** 20)).toBe('540 MB');
    expect(macsText(46.3e9)).toBe('46 billion');
    expect(macsText(1.23e12)).toBe('1.2 trillion');
  });
});
