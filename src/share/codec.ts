/**
 * The link codec: an experiment to a link hash and back (the format is described in link.ts).
 * Encoding diffs the config against its format's base and compresses it; decoding caps sizes,
 * refuses prototype keys, applies the diff, migrates, and hands the result to the repair.
 */
import LZString from 'lz-string';
import { migrateConfig } from '../config/migrate';
import { CONFIG_VERSION, type ExperimentConfig } from '../config/schema';
import {
  DROP,
  FORBIDDEN_KEYS,
  diffPaths,
  isObject,
  isUnder,
  ownChild,
  ownHas,
  sanitize,
  setPath,
  type Obj,
} from './diff';
import { parseFlags, withFlags, type LinkFlags } from './flags';
import { LINK_FORMATS, LINK_LIMITS, baseFor, linkFormatVersion, type DiffFormat, type LinkFormat } from './formats';
import { Notices, clip } from './notices';
import { defaultsByKind, repair } from './repair';

export type DecodedLink =
  | { ok: true; config: ExperimentConfig; flags: LinkFlags; notices: string[]; migratedFrom?: number }
  | { ok: false; error: string };

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

// ---------------------------------------------------------------------------------------------
// Decoding

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
    return { ok: true, config: structuredClone(defaultsByKind(undefined)), flags, notices: notices.done() };
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

  // What plays is not what the link asked for: the person reads the notices, then presses Play.
  const held = flags.play && repaired.touched.length > 0;
  if (held) notices.add('The link asks to start training; it waits for Play, since its settings were changed.');

  if (flags.stamp && flags.stamp.seed !== repaired.config.seed)
    notices.add(
      `The reproducibility stamp says seed ${flags.stamp.seed}, but the experiment uses seed ${repaired.config.seed}.`,
    );

  return {
    ok: true,
    config: repaired.config,
    flags: held ? { ...flags, play: false } : flags,
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

/**
 * The payload's paths set on a copy of the base of its task kind. A path whose parent does not
 * exist there (a lane beyond the base's lanes, a made-up section) is dropped with a notice.
 * Returns the config and the paths that were set.
 */
function applyDiff(format: DiffFormat, diff: Obj, notices: Notices): { config: Obj; applied: string[] } {
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
