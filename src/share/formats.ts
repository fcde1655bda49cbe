/**
 * The link formats this app can read and the limits every link is read under. Plain data (and
 * the lookup of a format's base): the codec, the flags and the repair all read these, so they
 * sit below all three.
 */
import { BASES_V2, type JsonObject } from './bases';

export type LinkFormat =
  | { kind: 'full' }
  | {
      kind: 'diff';
      /** The config version of the bases (and so of a decoded payload, before migration). */
      configVersion: number;
      bases: Readonly<Record<string, JsonObject>>;
      /** The task kind whose base is used when the payload names none. */
      defaultKind: string;
    };

export type DiffFormat = Extract<LinkFormat, { kind: 'diff' }>;

/**
 * Every link format this app can read, by the number in `v=`. A new config version or new
 * bases get a new entry (and linkFormatVersion moves to it); old entries stay forever.
 */
export const LINK_FORMATS: Readonly<Record<number, LinkFormat>> = {
  1: { kind: 'full' },
  // A v2 link without a task kind means the first of its bases (frozen with them).
  2: { kind: 'diff', configVersion: 2, bases: BASES_V2, defaultKind: Object.keys(BASES_V2)[0]! },
};

/** The format encodeLink writes. */
export const linkFormatVersion = 2;

/** The base a diff of task kind `kind` is applied to: the format's default kind's when unknown. */
export const baseFor = (format: DiffFormat, kind: unknown): JsonObject =>
  typeof kind === 'string' && Object.hasOwn(format.bases, kind)
    ? format.bases[kind]!
    : format.bases[format.defaultKind]!;

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

export { MAX_LANES } from '../config/schema';
