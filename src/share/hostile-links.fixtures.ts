/**
 * Hostile links, seeded and generated: real links (every preset and task default, the golden
 * links, experiments at the schema's limits) with lesson flags, then damaged or re-encoded
 * with hostile content. The decoder's fuzz test opens 1,000 of them in Node
 * (hostile-links.test.ts), the browser test a seeded 100 (e2e/hostile-links.spec.ts).
 */
import { readFileSync } from 'node:fs';
import LZString from 'lz-string';
import { LARGEST, TEXT_BATCH_1024 } from '../config/budget.fixtures';
import { TASK_DEFAULTS, laneFor } from '../config/defaults';
import { PRESETS } from '../config/presets';
import { createRng, type Rng } from '../lib/rng';
import { encodeLink } from './codec';
import { leafPaths, type Obj } from './link.fixtures';

export interface HostileLink {
  /** Which kind of damage (MUTATIONS). */
  kind: string;
  /** The link hash, without '#'. */
  hash: string;
}

/** Markup and addresses for every string field: none may render, none may be fetched. */
export const MARKUP = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload="window.__pwned=1">',
  "';window.__pwned=1;//",
  'javascript:window.__pwned=1',
  'https://evil.example/model.json',
  'data/../../evil.example/model.json',
  '//evil.example/weights.bin',
];

/** An address no request may ever go to (the browser test watches for it). */
export const EVIL_HOST = 'evil.example';

const LZ_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;

const golden = (
  JSON.parse(readFileSync(new URL('./golden-links.json', import.meta.url), 'utf8')) as {
    fixtures: { link: string }[];
  }
).fixtures.map((f) => f.link.replace(/^#/, ''));

/** Every real link the generator starts from. */
export const REAL_LINKS: readonly string[] = [
  ...PRESETS.map((p) => encodeLink(p.config)),
  ...Object.values(TASK_DEFAULTS).map((c) => encodeLink(c)),
  ...golden,
  ...Object.values(LARGEST).map((c) => encodeLink(c)),
  TEXT_BATCH_1024,
];

const FLAGS = ['play=1', 'mode=present', 'hide=data,teacher', 'hide=seed,train.lr', 'seed_hide=true', 'play=true'];

/** A link's flags replaced by a few lesson flags. */
function withLessonFlags(rng: Rng, link: string): string {
  const params = new URLSearchParams(link);
  const base = `v=${params.get('v') ?? '2'}&c=${params.get('c') ?? ''}`;
  const flags = Array.from({ length: rng.int(3) }, () => pick(rng, FLAGS));
  return [base, ...flags].join('&');
}

const payloadOf = (link: string) => new URLSearchParams(link).get('c') ?? '';
const withPayload = (link: string, c: string) => link.replace(/c=[^&]*/, `c=${c}`);
const compress = (json: string) => LZString.compressToEncodedURIComponent(json);

/** The JSON object of a real link's payload (a diff or a version-1 config). */
function payloadJson(link: string): Obj {
  try {
    const v = JSON.parse(LZString.decompressFromEncodedURIComponent(payloadOf(link)) || '{}') as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};
  } catch {
    // A golden link whose payload is damaged on purpose: start from nothing.
    return {};
  }
}

/** A payload of `entries` (JSON texts), so it can hold what JSON.stringify cannot write. */
const rawPayload = (entries: [string, string][]) =>
  compress(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
const entriesOf = (o: Obj): [string, string][] => Object.entries(o).map(([k, v]) => [k, JSON.stringify(v)]);

/** Paths of every leaf of every shipped experiment, and the string leaves among them. */
const ALL_PATHS = [...new Set(PRESETS.flatMap((p) => leafPaths(p.config)))];
const STRING_PATHS = [
  ...new Set(
    [...PRESETS.map((p) => p.config), ...Object.values(TASK_DEFAULTS)].flatMap((c) =>
      leafPaths(c).filter((p) => typeof p.split('.').reduce<unknown>((o, k) => (o as Obj)?.[k], c) === 'string'),
    ),
  ),
  // Strings a link may name that no shipped experiment has.
  'task.dataset.sample',
  'task.dataset.name',
  'teacher.model.name',
  'student.name',
  'teacher.model.hash',
];
const SIZE_PATHS = [
  'train.batchSize',
  'train.steps',
  'train.stepsPerFrame',
  'task.points',
  'task.trainImages',
  'task.context',
  'task.images',
  'task.characters',
  'task.features',
  'teacher.trainSteps',
  'student.width',
  'student.layers',
];

/** A payload whose student has a million hidden layers; made once (compressing it takes seconds). */
let million: string | undefined;
const millionItems = () => (million ??= compress(`{"student.hidden":[${Array(1_000_000).fill('0').join(',')}]}`));

/** One kind of damage each, applied to a real link. */
const MUTATIONS: [string, (rng: Rng, link: string) => string][] = [
  [
    'flipped characters',
    (rng, link) => {
      const c = [...payloadOf(link)];
      for (let k = 1 + rng.int(4); k > 0 && c.length; k--) c[rng.int(c.length)] = pick(rng, [...LZ_CHARS]);
      return withPayload(link, c.join(''));
    },
  ],
  [
    'inserted characters',
    (rng, link) => {
      const c = [...payloadOf(link)];
      for (let k = 1 + rng.int(4); k > 0; k--)
        c.splice(rng.int(c.length + 1), 0, pick(rng, [...LZ_CHARS, '%', '&', '#']));
      return withPayload(link, c.join(''));
    },
  ],
  [
    'deleted characters',
    (rng, link) => {
      const c = payloadOf(link);
      const at = rng.int(Math.max(1, c.length));
      return withPayload(link, c.slice(0, at) + c.slice(at + 1 + rng.int(8)));
    },
  ],
  [
    'prototype keys',
    (rng, link) => {
      const keys = ['__proto__', 'constructor', 'prototype'];
      const entries = entriesOf(payloadJson(link));
      for (let k = 1 + rng.int(3); k > 0; k--) {
        const roll = rng.int(4);
        if (roll === 0) entries.push([pick(rng, keys), '{"polluted":1,"toString":"x"}']);
        else if (roll === 1) entries.push([`${pick(rng, keys)}.polluted`, '1']);
        else if (roll === 2) entries.push([`${pick(rng, ALL_PATHS)}.${pick(rng, keys)}.polluted`, '1']);
        else entries.push(['constructor.prototype.polluted', '1']);
      }
      return withPayload(link, rawPayload(entries));
    },
  ],
  [
    'nesting 10,000 deep',
    (rng, link) => {
      const n = 10_000;
      const deep = rng.next() < 0.5 ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
      return withPayload(link, rawPayload([...entriesOf(payloadJson(link)), [pick(rng, ALL_PATHS), deep]]));
    },
  ],
  ['a million items', (_, link) => withPayload(link, millionItems())],
  [
    'numbers out of range',
    (rng, link) => {
      const values = [
        '1e308',
        '-1e308',
        '1e999',
        '-1e999',
        '"NaN"',
        '"Infinity"',
        '-1',
        '-0.5',
        '0.5',
        '2.5',
        '"64"',
        '"1e3"',
      ];
      const entries = entriesOf(payloadJson(link));
      for (let k = 1 + rng.int(4); k > 0; k--)
        entries.push([pick(rng, [...SIZE_PATHS, ...ALL_PATHS]), pick(rng, values)]);
      return withPayload(link, rawPayload(entries));
    },
  ],
  [
    'markup in every string field',
    (rng, link) => {
      const entries = entriesOf(payloadJson(link));
      for (const path of STRING_PATHS) entries.push([path, JSON.stringify(pick(rng, MARKUP))]);
      return withPayload(link, rawPayload(entries));
    },
  ],
  [
    'unknown versions',
    (rng, link) =>
      link.replace(/^v=[^&]*/, `v=${pick(rng, ['0', '3', '999999', '-1', '2.5', 'abc', '', '1e3', '%00'])}`),
  ],
  [
    'a hash of 1 MB',
    (rng, link) => {
      const filler = pick(rng, ['A', '%41', '<', '&x=']).repeat(Math.ceil(1_000_000 / 4));
      return rng.next() < 0.5
        ? `${link}&hide=${filler}`.slice(0, 1_000_000)
        : withPayload(link, filler.slice(0, 1_000_000));
    },
  ],
  [
    'sizes meant to exhaust memory',
    (rng, link) => {
      const lane = JSON.stringify(laneFor('hinton'));
      const exhaust: [string, string][] = [
        ['task.points', '1000000000'],
        ['student.hidden', '[100000,100000]'],
        ['teacher.model.hidden', '[100000,100000]'],
        ['lanes', `[${Array(1000).fill(lane).join(',')}]`],
        ['train.steps', '1000000000000'],
        ['train.batchSize', '1000000000'],
        ['task.context', '100000'],
        ['task.images', '1000000000'],
      ];
      const entries = entriesOf(payloadJson(link));
      for (let k = 1 + rng.int(4); k > 0; k--) entries.push(pick(rng, exhaust));
      return withPayload(link, rawPayload(entries));
    },
  ],
];

export const MUTATION_KINDS = MUTATIONS.map(([kind]) => kind);

/** `count` hostile links, each kind of damage in turn, from `seed`. */
export function hostileLinks(count: number, seed = 14): HostileLink[] {
  const rng = createRng(seed, 'hostile-links');
  return Array.from({ length: count }, (_, i) => {
    const [kind, mutate] = MUTATIONS[i % MUTATIONS.length]!;
    return { kind, hash: mutate(rng, withLessonFlags(rng, pick(rng, REAL_LINKS))) };
  });
}
