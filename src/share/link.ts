/**
 * Shareable links: an experiment (and how to open it) in the URL hash. Pure: no tfjs, no DOM.
 *
 * Format 2 (current), e.g. the default experiment: `v=2&c=N4XyA`
 *
 *   v=2                   link format (LINK_FORMATS below)
 *   c=<payload>           lz-string compressToEncodedURIComponent of the JSON of a flat diff,
 *                         { "dotted.path": value }, against the frozen base experiment of the
 *                         config's task kind (bases.ts); "task.kind" picks the base, toy2d if
 *                         absent. Only fields that differ are stored (diff.ts, diffPaths).
 *   play=1                start training when the link opens
 *   mode=present          presentation: views only, read-only
 *   hide=data,teacher     lesson mode: these control sections are hidden (CONTROL_IDS), and
 *   hide=seed,train.lr    single controls, named by their config path (controlPathKnown)
 *   seed_hide=true        the same for one control or section, as TensorFlow Playground writes it
 *   stamp=0.1.0.42.webgpu.3f2a9c01b7de
 *                         reproducibility stamp: app version (may contain dots), seed, backend
 *                         that ran, and optionally the teacher's weight hash; read from the right
 *
 * Format 1 (assumed for the version-1 app, which had config version 1 and no diffing):
 * `v=1&c=<lz-string compressToEncodedURIComponent of the JSON of the full config>`, with the
 * same optional flags. Its payload is migrated (config/migrate.ts) like any old config.
 *
 * decodeLink never throws and never gives up on a link it can partly read: unknown keys are
 * ignored, invalid fields fall back to defaults, and each change is reported as a plain-text
 * notice (never HTML: the UI renders them as text).
 */
import LZString from 'lz-string';
import { TASK_DEFAULTS, laneFor } from '../config/defaults';
import { IMAGE_STUDENTS } from '../tasks/images/defaults';
import { TEXT_STUDENTS } from '../tasks/text/defaults';
import { deepEqual } from '../lib/equal';
import { PRESETS } from '../config/presets';
import { migrateConfig } from '../config/migrate';
import { CONFIG_VERSION, validateConfig, type ExperimentConfig, type FieldError } from '../config/schema';
import { OBJECTIVES, defaultParams, getObjective, hasObjective } from '../objectives';
import { DEFAULT_SCHEDULE } from '../objectives/schedule';
import { BASES_V2, type JsonObject } from './bases';
import {
  DROP,
  FORBIDDEN_KEYS,
  deletePath,
  diffPaths,
  isObject,
  ownChild,
  ownGet,
  ownHas,
  sanitize,
  setPath,
  type Obj,
} from './diff';

/** The control sections a lesson link can hide (the control panel's sections, and the presets). */
export const CONTROL_IDS = ['data', 'teacher', 'student', 'objectives', 'training', 'backend', 'presets'] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

/** Most single controls a link can hide (a hostile link could name thousands). */
const MAX_HIDDEN_FIELDS = 40;

let knownPaths: Set<string> | null = null;
/** Every control's config path: leaves of each task's default, every preset and student kind. */
function controlPaths(): Set<string> {
  if (knownPaths) return knownPaths;
  const paths = new Set<string>();
  const walk = (value: unknown, path: string) => {
    if (isObject(value) && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (path && !/^lanes\./.test(path)) paths.add(path);
  };
  for (const c of [...Object.values(TASK_DEFAULTS), ...PRESETS.map((p) => p.config)]) walk(c, '');
  for (const s of [...Object.values(TEXT_STUDENTS), ...Object.values(IMAGE_STUDENTS)]) walk(s.spec, 'student');
  knownPaths = paths;
  return paths;
}

const LANE_FIELD = /^lanes\.(\d)\.(objective|params\.([A-Za-z]\w{0,30})|schedule\.([A-Za-z]\w{0,30}))$/;

/**
 * Whether `path` names a single control a lesson link can hide: a field of some task's config
 * ("seed", "train.lr", "task.noise", "student.window"), or a lane's objective, parameter or
 * schedule field ("lanes.0.params.T").
 */
export function controlPathKnown(path: string): boolean {
  if (path.length > 80) return false;
  const lane = LANE_FIELD.exec(path);
  if (lane) {
    if (Number(lane[1]) >= MAX_LANES) return false;
    if (lane[3]) return OBJECTIVES.some((o) => o.params.some((p) => p.key === lane[3]));
    if (lane[4]) return Object.hasOwn(DEFAULT_SCHEDULE, lane[4]);
    return true;
  }
  return controlPaths().has(path);
}

/** What produced a result: enough to tell whether a rerun should match it bit for bit. */
export interface ReproStamp {
  appVersion: string;
  seed: number;
  /** The backend that actually ran ('webgpu', not 'auto'). */
  backend: string;
  /** Hash of the teacher's weights (a shipped or imported teacher). */
  teacherHash?: string;
}

export interface LinkFlags {
  /** Start training as soon as the link opens. */
  play: boolean;
  /** Control sections hidden for a lesson, in CONTROL_IDS order. */
  hide: ControlId[];
  /** Single controls hidden for a lesson, by config path (sorted); absent when none. */
  hideFields?: string[];
  /** Presentation mode: views only, nothing editable. */
  present: boolean;
  stamp?: ReproStamp;
}

export type DecodedLink =
  | { ok: true; config: ExperimentConfig; flags: LinkFlags; notices: string[]; migratedFrom?: number }
  | { ok: false; error: string };

type LinkFormat =
  | { kind: 'full' }
  | {
      kind: 'diff';
      /** The config version of the bases (and so of a decoded payload, before migration). */
      configVersion: number;
      bases: Readonly<Record<string, JsonObject>>;
      /** The task kind whose base is used when the payload names none. */
      defaultKind: string;
    };

/**
 * Every link format this app can read, by the number in `v=`. A new config version or new
 * bases get a new entry (and linkFormatVersion moves to it); old entries stay forever.
 */
export const LINK_FORMATS: Readonly<Record<number, LinkFormat>> = {
  1: { kind: 'full' },
  2: { kind: 'diff', configVersion: 2, bases: BASES_V2, defaultKind: 'toy2d' },
};

/** The format encodeLink writes. */
export const linkFormatVersion = 2;

/** Limits that keep a hostile link cheap: real links are a few hundred characters. */
export const LINK_LIMITS = {
  /** The whole hash. */
  hashChars: 12_000,
  /** The compressed payload (lz-string can expand a crafted input quadratically). */
  payloadChars: 8_000,
  /** The decompressed JSON. */
  jsonChars: 20_000,
  /** Object and array levels in the payload (a full config needs 4). */
  depth: 8,
  /** Rounds of "replace every invalid field" before giving up on the link's settings. */
  repairRounds: 12,
  /** Notices returned; the rest are counted in a final one. */
  notices: 20,
} as const;

const MAX_LANES = 6;

// ---------------------------------------------------------------------------------------------
// Encoding

/** The link hash (without '#') for `config` and the given flags. */
export function encodeLink(config: ExperimentConfig, flags: Partial<LinkFlags> = {}): string {
  const format = LINK_FORMATS[linkFormatVersion]!;
  if (format.kind !== 'diff') throw new Error('The current link format must be a diff format');
  const kind = config.task.kind;
  const entries = diffPaths(baseFor(format, kind), config);
  // The decoder picks the base by task.kind, which the diff against that base never contains.
  if (kind !== format.defaultKind && !entries.some(([p]) => p === 'task')) entries.unshift(['task.kind', kind]);
  return withFlags(`v=${linkFormatVersion}&c=${compress(Object.fromEntries(entries))}`, flags);
}

/**
 * A link as the version-1 app is assumed to have made it: the full config (version 1) as JSON,
 * compressed the same way, under `v=1`. For tests of the migration path.
 */
export function encodeV1Link(v1config: unknown, flags: Partial<LinkFlags> = {}): string {
  return withFlags(`v=1&c=${compress(v1config)}`, flags);
}

const compress = (value: unknown) => LZString.compressToEncodedURIComponent(JSON.stringify(value));

function withFlags(head: string, flags: Partial<LinkFlags>): string {
  // Written by hand, not with URLSearchParams: it would escape the payload's '$' and '+'
  // (both safe in a fragment) and the commas of `hide`, making every link longer.
  const parts = [head];
  if (flags.play) parts.push('play=1');
  if (flags.present) parts.push('mode=present');
  const hide: string[] = CONTROL_IDS.filter((id) => flags.hide?.includes(id));
  const fields = [...new Set(flags.hideFields ?? [])].filter(controlPathKnown).sort();
  if (hide.length || fields.length) parts.push(`hide=${[...hide, ...fields].join(',')}`);
  const stamp = flags.stamp && formatStamp(flags.stamp);
  if (stamp) parts.push(`stamp=${stamp}`);
  return parts.join('&');
}

const STAMP_APP = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$/;
const STAMP_SEED = /^(0|[1-9]\d{0,9})$/;
// A backend starts with a letter and a hash has no dots: that keeps the dotted stamp readable
// from the right even though the app version has dots of its own.
const STAMP_BACKEND = /^[a-z][a-z0-9_-]{0,19}$/i;
const STAMP_HASH = /^[0-9A-Za-z_-]{1,64}$/;

/** The stamp's text, or null if a part would not read back (then the link has no stamp). */
function formatStamp(s: ReproStamp): string | null {
  const seed = String(s.seed);
  const ok =
    STAMP_APP.test(s.appVersion) &&
    STAMP_SEED.test(seed) &&
    s.seed <= 2 ** 31 - 1 &&
    STAMP_BACKEND.test(s.backend) &&
    (s.teacherHash === undefined || STAMP_HASH.test(s.teacherHash));
  if (!ok) return null;
  // encodeURIComponent only matters for '+', which URLSearchParams would read as a space.
  const parts = [encodeURIComponent(s.appVersion), seed, s.backend];
  if (s.teacherHash !== undefined) parts.push(s.teacherHash);
  return parts.join('.');
}

function parseStamp(text: string): ReproStamp | null {
  const t = text.split('.');
  const n = t.length;
  const make = (appParts: string[], seed: string, backend: string, teacherHash?: string): ReproStamp | null => {
    const appVersion = appParts.join('.');
    if (!STAMP_APP.test(appVersion) || Number(seed) > 2 ** 31 - 1) return null;
    return { appVersion, seed: Number(seed), backend, ...(teacherHash !== undefined && { teacherHash }) };
  };
  // With a hash, t[n-2] is a backend (starts with a letter); without, it is the seed (digits):
  // at most one reading fits.
  if (n >= 4 && STAMP_SEED.test(t[n - 3]!) && STAMP_BACKEND.test(t[n - 2]!) && STAMP_HASH.test(t[n - 1]!))
    return make(t.slice(0, n - 3), t[n - 3]!, t[n - 2]!, t[n - 1]!);
  if (n >= 3 && STAMP_SEED.test(t[n - 2]!) && STAMP_BACKEND.test(t[n - 1]!))
    return make(t.slice(0, n - 2), t[n - 2]!, t[n - 1]!);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** Collects notices, keeping the first few (a hostile link can produce thousands). */
class Notices {
  readonly list: string[] = [];
  private extra = 0;
  add(text: string) {
    if (this.list.length < LINK_LIMITS.notices) this.list.push(text);
    else this.extra++;
  }
  done(): string[] {
    return this.extra ? [...this.list, `…and ${this.extra} more.`] : this.list;
  }
}

/**
 * Reads a link hash (with or without '#'). Never throws: `ok: false` only when no experiment
 * can be recovered at all (then the caller keeps the current one and shows `error`).
 */
export function decodeLink(hash: string): DecodedLink {
  try {
    return decode(hash);
  } catch {
    // Nothing below is meant to throw; this is the guarantee, not the plan.
    return { ok: false, error: 'This link could not be read.' };
  }
}

function decode(hash: string): DecodedLink {
  if (typeof hash !== 'string') return { ok: false, error: 'This link could not be read.' };
  if (hash.length > LINK_LIMITS.hashChars)
    return { ok: false, error: `This link is too long to be an experiment (${hash.length} characters).` };
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const notices = new Notices();
  const flags = parseFlags(params, notices);
  const v = params.get('v');
  const c = params.get('c');

  if (c === null) {
    if (v === null) return { ok: false, error: 'This is not an experiment link (it has no “v=” or “c=”).' };
    notices.add('The link holds no experiment settings; showing the default experiment.');
    return { ok: true, config: structuredClone(TASK_DEFAULTS.toy2d), flags, notices: notices.done() };
  }

  const format = resolveFormat(v, notices);
  if (c.length > LINK_LIMITS.payloadChars)
    return { ok: false, error: `The experiment in this link is too large (${c.length} characters).` };
  const json = decompress(c);
  if (!json) return { ok: false, error: 'The experiment in this link is damaged (it could not be decompressed).' };
  if (json.length > LINK_LIMITS.jsonChars)
    return { ok: false, error: `The experiment in this link is too large (${Math.ceil(json.length / 1000)} kB).` };
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return { ok: false, error: 'The experiment in this link is damaged (it is not valid JSON).' };
  }
  if (!isObject(payload))
    return { ok: false, error: 'The experiment in this link is damaged (it is not a set of settings).' };

  const onDrop = (path: string, why: 'forbidden' | 'deep') =>
    notices.add(
      why === 'forbidden'
        ? `${clip(path)}: not allowed in a link; ignored`
        : `${clip(path)}: nested too deeply; ignored`,
    );
  const clean = sanitize(payload, LINK_LIMITS.depth, '', onDrop);
  if (clean === DROP || !isObject(clean)) return { ok: false, error: 'The experiment in this link could not be read.' };

  let candidate: Obj;
  let applied: string[] = [];
  if (format.kind === 'diff') {
    ({ config: candidate, applied } = applyDiff(format, clean, notices));
  } else {
    // Format 1 links carried version-1 configs; one without a version is read as one.
    candidate = Object.hasOwn(clean, 'version') ? clean : { ...clean, version: 1 };
  }

  const { config: migrated, migratedFrom } = migrateConfig(candidate);
  if (migratedFrom !== undefined)
    notices.add(
      `This link was made by an older KD Studio (settings version ${migratedFrom}); its settings were upgraded to version ${CONFIG_VERSION}.`,
    );

  const repaired = repair(migrated, notices);
  // Keys this app does not know were stripped by the schema: say so, unless a repair already
  // replaced the part they were in.
  for (const path of applied)
    if (!ownHas(repaired.config, path) && !repaired.touched.some((t) => isUnder(path, t)))
      notices.add(`${clip(path)}: no such setting; ignored`);

  if (flags.stamp && flags.stamp.seed !== repaired.config.seed)
    notices.add(
      `The reproducibility stamp says seed ${flags.stamp.seed}, but the experiment uses seed ${repaired.config.seed}.`,
    );

  return {
    ok: true,
    config: repaired.config,
    flags,
    notices: notices.done(),
    ...(migratedFrom !== undefined && { migratedFrom }),
  };
}

/**
 * lz-string returns null, '' or garbage for most damaged payloads, but throws on some (a
 * TypeError inside _decompress for a corrupt back-reference; the fuzz test found one): all of
 * them mean the same thing here.
 */
function decompress(payload: string): string | null {
  try {
    return LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    return null;
  }
}

function resolveFormat(v: string | null, notices: Notices): LinkFormat {
  const current = LINK_FORMATS[linkFormatVersion]!;
  if (v === null) {
    notices.add(`The link does not say its format; reading it as format ${linkFormatVersion}.`);
    return current;
  }
  const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
  if (Object.hasOwn(LINK_FORMATS, n)) return LINK_FORMATS[n]!;
  notices.add(
    n > linkFormatVersion
      ? `This link was made by a newer KD Studio (link format ${n}); settings it does not know are ignored.`
      : `Unknown link format “${clip(v)}”; reading it as format ${linkFormatVersion}.`,
  );
  return current;
}

function parseFlags(params: URLSearchParams, notices: Notices): LinkFlags {
  const flags: LinkFlags = { play: false, hide: [], present: false };
  const play = params.get('play');
  if (play !== null) {
    if (play === '1' || play === 'true') flags.play = true;
    else if (play !== '0' && play !== 'false') notices.add(`play=“${clip(play)}” is not 1 or 0; not playing.`);
  }
  const mode = params.get('mode');
  if (mode !== null) {
    if (mode === 'present') flags.present = true;
    else if (mode !== 'edit') notices.add(`Unknown mode “${clip(mode)}”; ignored.`);
  }
  // Sections and single controls, from `hide=a,b` and from Playground-style `a_hide=true`.
  const named: string[] = [];
  const hide = params.get('hide');
  if (hide !== null)
    named.push(
      ...hide
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  let playground = 0;
  for (const [key, value] of params) {
    if (!key.endsWith('_hide') || ++playground > MAX_HIDDEN_FIELDS * 2) continue;
    const name = key.slice(0, -'_hide'.length);
    if (value === 'true' || value === '1') named.push(name);
    else if (value !== 'false' && value !== '0')
      notices.add(`${clip(key)}=“${clip(value)}” is not true or false; that control is not hidden.`);
  }
  if (named.length) {
    const sections = new Set<string>(CONTROL_IDS);
    const unknown = named.filter((id) => !sections.has(id) && !controlPathKnown(id));
    if (unknown.length)
      notices.add(
        `Unknown controls to hide ignored: ${[...new Set(unknown)]
          .slice(0, 5)
          .map((id) => clip(id))
          .join(', ')}.`,
      );
    flags.hide = CONTROL_IDS.filter((id) => named.includes(id));
    const fields = [...new Set(named.filter((id) => !sections.has(id) && controlPathKnown(id)))].sort();
    if (fields.length > MAX_HIDDEN_FIELDS)
      notices.add(`Only the first ${MAX_HIDDEN_FIELDS} of ${fields.length} controls to hide are hidden.`);
    if (fields.length) flags.hideFields = fields.slice(0, MAX_HIDDEN_FIELDS);
  }
  const stamp = params.get('stamp');
  if (stamp !== null) {
    const parsed = parseStamp(stamp);
    if (parsed) flags.stamp = parsed;
    else notices.add(`The reproducibility stamp “${clip(stamp)}” is not readable; ignored.`);
  }
  return flags;
}

const baseFor = (format: Extract<LinkFormat, { kind: 'diff' }>, kind: unknown): JsonObject =>
  typeof kind === 'string' && Object.hasOwn(format.bases, kind)
    ? format.bases[kind]!
    : format.bases[format.defaultKind]!;

/**
 * The payload's paths set on a copy of the base of its task kind. A path whose parent does not
 * exist there (a lane beyond the base's lanes, a made-up section) is dropped with a notice.
 * Returns the config and the paths that were set.
 */
function applyDiff(
  format: Extract<LinkFormat, { kind: 'diff' }>,
  diff: Obj,
  notices: Notices,
): { config: Obj; applied: string[] } {
  const task = ownChild(diff, 'task');
  const kind = Object.hasOwn(diff, 'task.kind')
    ? diff['task.kind']
    : isObject(task)
      ? ownChild(task, 'kind')
      : undefined;
  const config = structuredClone(baseFor(format, kind)) as Obj;
  const applied: string[] = [];
  for (const [path, value] of Object.entries(diff)) {
    if (path === '' || path.split('.').some((k) => FORBIDDEN_KEYS.has(k))) {
      notices.add(`${clip(path) || '(empty)'}: not allowed in a link; ignored`);
    } else if (setPath(config, path, value)) {
      applied.push(path);
    } else {
      notices.add(`${clip(path)}: no such setting in this experiment; ignored`);
    }
  }
  return { config, applied };
}

// ---------------------------------------------------------------------------------------------
// Repair: every invalid field goes back to its default, with a notice naming it.

/** `label` names a replacement that is not simply the default (an escalation) in the notice. */
type Fix = { path: string; value: unknown; label?: string } | { path: string; drop: true };

/**
 * Validates `cfg` (edited in place: it is the decoder's own copy), replacing each invalid field by its default and validating again (fixing
 * one field can reveal another: the schema's cross-field checks run only once the types are
 * right). After a bounded number of rounds, the task's default experiment.
 */
function repair(cfg: unknown, notices: Notices): { config: ExperimentConfig; touched: string[] } {
  const touched: string[] = [];
  // The same repair is reported once, however many rounds it takes.
  const said = new Set<string>();
  const note = (text: string) => {
    if (said.has(text)) return;
    said.add(text);
    notices.add(text);
  };
  for (let round = 0; round < LINK_LIMITS.repairRounds && isObject(cfg); round++) {
    const result = validateConfig(cfg);
    if (result.ok) return { config: result.config, touched };
    const defaults = defaultsFor(cfg);
    const done: string[] = [];
    // Outer fields first, so that a replaced section settles the errors inside it.
    const errors = uniqueByPath(result.errors).sort((a, b) => depthOf(a.path) - depthOf(b.path));
    for (const e of errors) {
      if (done.some((d) => isUnder(e.path, d))) continue;
      let fix = fixFor(cfg, e.path, defaults);
      // A default equal to what is there cannot be the fix: the value is fine alone and wrong in
      // this combination (Hinton KD, the default, with a student vocabulary of its own); nor can
      // a lane's default that would be refused in the same place. Escalate.
      if (fix && !('drop' in fix) && (deepEqual(ownGet(cfg, fix.path), fix.value) || stillInvalid(cfg, fix, e.path)))
        fix = escalate(cfg, e.path, defaults);
      if (!fix || fix.path === '') continue;
      const before = ownGet(cfg, e.path);
      const changed = 'drop' in fix ? deletePath(cfg, fix.path) : setPath(cfg, fix.path, structuredClone(fix.value));
      if (!changed) continue;
      note(fixNotice(e, before, fix));
      done.push(fix.path);
    }
    touched.push(...done);
    if (!done.length) break;
  }
  const kind = isObject(cfg) ? ownGet(cfg, 'task.kind') : undefined;
  note('The settings in this link could not be repaired; showing the default experiment instead.');
  return { config: structuredClone(defaultsByKind(kind)), touched: [''] };
}

const defaultsByKind = (kind: unknown): ExperimentConfig =>
  typeof kind === 'string' && Object.hasOwn(TASK_DEFAULTS, kind)
    ? TASK_DEFAULTS[kind as keyof typeof TASK_DEFAULTS]
    : TASK_DEFAULTS.toy2d;

/** Repairs use today's defaults (always valid under today's schema), not the link's base. */
const defaultsFor = (cfg: Obj): ExperimentConfig => defaultsByKind(ownGet(cfg, 'task.kind'));

/**
 * What to put at an invalid `path`: the default's value there; for a lane, the defaults of the
 * lane's own objective; for a union's `kind`, the default of the whole object (its other fields
 * belong to the kind); for an element of a list of numbers, the default list. Where the default
 * has no such path, the nearest enclosing one that it has; an unknown objective parameter is
 * dropped.
 */
function fixFor(cfg: Obj, path: string, defaults: ExperimentConfig): Fix | null {
  const segs = path === '' ? [] : path.split('.');
  if (segs[0] === 'lanes') {
    const lanes = ownChild(cfg, 'lanes');
    const defaultLane = (i: string) => defaults.lanes[Number(i)] ?? defaults.lanes[0]!;
    if (segs.length === 1)
      return Array.isArray(lanes) && lanes.length > MAX_LANES
        ? { path, value: lanes.slice(0, MAX_LANES) }
        : { path, value: defaults.lanes };
    const i = segs[1]!;
    if (segs.length === 2) return { path, value: defaultLane(i) };
    const lane = ownChild(lanes, i);
    const field = segs[2];
    if (field === 'objective') return { path, value: defaultLane(i).objective };
    if (field === 'params') {
      const id = ownChild(lane, 'objective');
      const def = typeof id === 'string' && hasObjective(id) ? getObjective(id) : null;
      if (segs.length === 3) return { path, value: def ? defaultParams(def) : {} };
      const spec = def?.params.find((p) => p.key === segs[3]);
      const paramPath = segs.slice(0, 4).join('.');
      return spec ? { path: paramPath, value: spec.default } : { path: paramPath, drop: true };
    }
    if (field === 'schedule') {
      if (segs.length === 3) return { path, value: DEFAULT_SCHEDULE };
      const key = segs[3]!;
      if (Object.hasOwn(DEFAULT_SCHEDULE, key))
        return { path: segs.slice(0, 4).join('.'), value: DEFAULT_SCHEDULE[key as keyof typeof DEFAULT_SCHEDULE] };
    }
  }
  let p = segs;
  if (p.length > 1 && p.at(-1) === 'kind') p = p.slice(0, -1);
  while (p.length > 1 && Array.isArray(ownGet(cfg, p.slice(0, -1).join('.')))) p = p.slice(0, -1);
  for (; p.length > 0; p = p.slice(0, -1)) {
    const value = ownGet(defaults, p.join('.'));
    if (value !== undefined) return { path: p.join('.'), value };
  }
  return null;
}

/**
 * Objectives in the order a repair tries them for a lane whose objective cannot run with these
 * models: those that distil the teacher's outputs (registry order), then feature matching, then
 * labels only.
 */
const REPAIR_OBJECTIVES = [...OBJECTIVES].sort(
  (a, b) =>
    Number(!a.needs.teacher) * 2 +
    Number(!!a.needs.features) -
    (Number(!b.needs.teacher) * 2 + Number(!!b.needs.features)),
);

/** Whether a lane's fix would leave the same field invalid (checked for lanes only: cheap enough). */
function stillInvalid(cfg: Obj, fix: Extract<Fix, { value: unknown }>, path: string): boolean {
  if (!path.startsWith('lanes.')) return false;
  const trial = structuredClone(cfg);
  setPath(trial, fix.path, structuredClone(fix.value));
  const r = validateConfig(trial);
  return !r.ok && r.errors.some((x) => x.path === path);
}

/**
 * When the default at an invalid path is what is already there. For a lane: the first
 * objective (REPAIR_OBJECTIVES) with which the lane validates, with its default parameters and
 * schedule. Elsewhere: the default of the nearest enclosing section that differs.
 */
function escalate(cfg: Obj, path: string, defaults: ExperimentConfig): Fix | null {
  const segs = path.split('.');
  if (segs[0] === 'lanes' && segs.length >= 2 && /^\d+$/.test(segs[1]!)) {
    const lanePath = `lanes.${segs[1]}`;
    const current = ownGet(cfg, lanePath);
    for (const o of REPAIR_OBJECTIVES) {
      const lane = laneFor(o.id);
      if (deepEqual(current, lane)) continue;
      const trial = structuredClone(cfg);
      setPath(trial, lanePath, lane);
      const r = validateConfig(trial);
      if (r.ok || !r.errors.some((x) => isUnder(x.path, lanePath)))
        return { path: lanePath, value: lane, label: o.name };
    }
    return null;
  }
  for (let p = segs.slice(0, -1); p.length > 0; p = p.slice(0, -1)) {
    const value = ownGet(defaults, p.join('.'));
    if (value !== undefined && !deepEqual(ownGet(cfg, p.join('.')), value)) return { path: p.join('.'), value };
  }
  return null;
}

function fixNotice(e: FieldError, before: unknown, fix: Fix): string {
  const why = clip(e.message, 120);
  const head =
    before === undefined
      ? `${clip(e.path)} is missing (${why})`
      : `${clip(e.path)}: ${show(before)} is not valid (${why})`;
  if ('drop' in fix) return `${head}; ignored`;
  if (fix.label) return `${head}; using ${clip(fix.label)} instead`;
  if (fix.path === 'lanes' && Array.isArray(before) && before.length > MAX_LANES)
    return `lanes: ${before.length} students are too many (${why}); keeping the first ${MAX_LANES}`;
  // Numbers, words and lists of numbers are shown; a whole section is just named.
  const v = fix.value;
  const shown =
    typeof v === 'string'
      ? clip(v)
      : typeof v !== 'object' || (Array.isArray(v) && !v.some((x) => typeof x === 'object'))
        ? clip(JSON.stringify(v), 40)
        : null;
  if (fix.path === e.path) return `${head}; using ${shown ?? 'the default'}`;
  return `${head}; using the default ${fix.path}${shown === null ? '' : `: ${shown}`}`;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const depthOf = (path: string) => (path === '' ? 0 : path.split('.').length);

/** Whether `path` is `outer` or inside it ('' is the root, outside everything). */
const isUnder = (path: string, outer: string) => outer === '' || path === outer || path.startsWith(`${outer}.`);

function uniqueByPath(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.path) && seen.add(e.path));
}

// Control characters and bidirectional overrides could disguise an echoed value.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text for a notice: no control characters, at most `max` characters. */
function clip(text: string, max = 60): string {
  const t = text.replace(UNSAFE_CHARS, '');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function show(value: unknown): string {
  return `“${typeof value === 'string' ? clip(value, 40) : clip(JSON.stringify(value) ?? String(value), 40)}”`;
}
