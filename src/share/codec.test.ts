import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { TASK_DEFAULTS } from '../config/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { PRESETS } from '../config/presets';
import { CONFIG_VERSION, validateConfig } from '../config/schema';
import { setIn } from '../lib/path';
import { OBJECTIVES } from '../objectives';
import { BASES_V2 } from './bases';
import { decodeLink, encodeLink, encodeV1Link } from './codec';
import { LINK_FORMATS, LINK_LIMITS, linkFormatVersion } from './formats';
import {
  CONSTANT,
  UPGRADED,
  V1_DEFAULT,
  diffLink,
  expectOk,
  protoNames,
  rawLink,
  roundTrip,
  type Obj,
} from './link.fixtures';

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
        // A batch these six students fit in within the memory budget (config/budget.ts).
        batchSize: 64,
        steps: 987654,
        stepsPerFrame: 3,
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
});

// ---------------------------------------------------------------------------------------------
// Version 1

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
    expect(r.notices).toEqual([UPGRADED, 'Learning rate: “fast” is not a number from 0.00001 to 10; using 0.02']);
  });

  it('fill what is missing from an incomplete one with defaults', () => {
    const r = expectOk(decodeLink(encodeV1Link({ seed: 9 })));
    expect(r.config).toEqual({ ...TOY_CONFIG, seed: 9 });
    expect(r.notices).toContain('Training settings are missing; using the defaults');
    expect(r.notices).toContain('Backend is missing; using auto');
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile and broken links

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
    expect(r.notices[0]).toBe('Optimizer: “adam[31m” is not valid — Optimizer must be one of: adam, sgd; using adam');
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
