/**
 * Shared by the link tests (codec, fields, flags, repair, fuzz): links built by hand, the
 * decoded result checked, and the version-1 default as data.
 */
import LZString from 'lz-string';
import type { ExperimentConfig } from '../config/schema';
import { decodeLink, encodeLink, type DecodedLink } from './codec';
import type { LinkFlags } from './flags';
import { linkFormatVersion } from './formats';

export type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (prefix: string, k: string | number) => (prefix ? `${prefix}.${k}` : String(k));

/** A link whose payload is exactly `json` (text, so it can hold what JSON.stringify cannot). */
export const rawLink = (json: string, v: string | number = linkFormatVersion) =>
  `v=${v}&c=${LZString.compressToEncodedURIComponent(json)}`;
export const diffLink = (diff: unknown) => rawLink(JSON.stringify(diff));

export function expectOk(r: DecodedLink): Extract<DecodedLink, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r;
}

export const roundTrip = (config: ExperimentConfig, flags?: Partial<LinkFlags>) =>
  expectOk(decodeLink(encodeLink(config, flags)));

/** Leaf paths: primitives and lists of primitives; lists of objects (lanes) are walked into. */
export function leafPaths(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v) && v.length && v.every(isObj)) return v.flatMap((x, i) => leafPaths(x, join(prefix, i)));
  if (isObj(v)) return Object.entries(v).flatMap(([k, x]) => leafPaths(x, join(prefix, k)));
  return [prefix];
}

export { V1_DEFAULT } from '../config/v1-default.fixtures';

export const CONSTANT = { temperature: 'constant', temperatureEnd: 1, warmup: 0 };
export const UPGRADED =
  'This link was made by an older KD Studio (settings version 1); its settings were upgraded to version 2.';

/** The own property names of the built-in prototypes, to show that nothing polluted them. */
export const protoNames = () =>
  [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort());
