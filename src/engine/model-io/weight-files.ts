/**
 * The weight files the user picked, matched to the manifest: by name or by position, and
 * byte for byte against what the manifest declares.
 */
import type { CheckedManifest } from './manifest';
import { list, ModelFileError, plural } from './errors';

/** A weight file with its name (as a file picker gives it), matched to the manifest by name. */
export interface NamedWeightFile {
  name: string;
  bytes: ArrayBuffer;
}

export interface ModelFiles {
  modelJson: string | ArrayBuffer;
  /** The weight files: either in the manifest's path order, or named (any order). */
  weights: ArrayBuffer[] | NamedWeightFile[];
}

/**
 * What a browser names a second download of a file it already has: "model.weights (1).bin"
 * (Chromium), "model.weights(1).bin" (Firefox). A model saved twice with tfjs's browser
 * download arrives so, while its manifest still says "./model.weights.bin".
 */
const withoutCopyNumber = (name: string) => name.replace(/ ?\(\d+\)(?=(\.[^.]*)?$)/, '');

/**
 * The weight files in manifest path order. `paths` are the manifest's file names (checked by
 * `checkManifest`: "./x.bin" is "x.bin"). Named files are matched by name, or else by the
 * name a browser gives a repeated download when that is unambiguous; positional files can
 * only be counted, so a mismatch names the paths that have no file.
 */
export function orderWeightFiles(paths: string[], files: ArrayBuffer[] | NamedWeightFile[]): ArrayBuffer[] {
  const named = files.filter((f): f is NamedWeightFile => !(f instanceof ArrayBuffer));
  if (named.length === 0) {
    const buffers = files as ArrayBuffer[];
    if (buffers.length < paths.length) {
      const missing = paths.slice(buffers.length);
      throw new ModelFileError(
        'files-mismatch',
        `Missing weight ${missing.length === 1 ? 'file' : 'files'}: the manifest lists ` +
          `${plural(paths.length, 'file')} (${list(paths)}) but ${buffers.length} ` +
          `${buffers.length === 1 ? 'was' : 'were'} given; missing ${list(missing)}`,
      );
    }
    if (buffers.length > paths.length)
      throw new ModelFileError(
        'files-mismatch',
        `Too many weight files: the manifest lists ${plural(paths.length, 'file')}` +
          `${paths.length ? ` (${list(paths)})` : ''} but ${buffers.length} were given`,
      );
    return buffers;
  }
  if (named.length !== files.length)
    throw new Error('orderWeightFiles: pass either plain buffers in manifest order or named files, not a mix');
  // A Map, not a plain object: file names come from the user's disk.
  const byName = new Map<string, NamedWeightFile>();
  for (const f of named) {
    if (byName.has(f.name))
      throw new ModelFileError('files-mismatch', `Two weight files are named ${f.name}: keep one`);
    byName.set(f.name, f);
  }
  const wanted = new Set(paths);
  const matched = new Map<string, NamedWeightFile>();
  for (const p of paths) if (byName.has(p)) matched.set(p, byName.get(p)!);
  const spare = named.filter((f) => !wanted.has(f.name));
  for (const p of paths) {
    if (matched.has(p)) continue;
    const copies = spare.filter((f) => withoutCopyNumber(f.name) === p);
    if (copies.length === 1) matched.set(p, copies[0]!);
  }
  const missing = paths.filter((p) => !matched.has(p));
  const used = new Set(matched.values());
  const extra = named.filter((f) => !used.has(f)).map((f) => f.name);
  if (missing.length > 0)
    throw new ModelFileError(
      'files-mismatch',
      `Missing weight ${missing.length === 1 ? 'file' : 'files'}: ${list(missing)} ` +
        `(the files given: ${named.length ? list(named.map((f) => f.name)) : 'none'})`,
    );
  if (extra.length > 0)
    throw new ModelFileError(
      'files-mismatch',
      `${extra.length === 1 ? 'This weight file is' : 'These weight files are'} not in the manifest: ` +
        `${list(extra)} (it lists ${paths.length ? list(paths) : 'no files'})`,
    );
  return paths.map((p) => matched.get(p)!.bytes);
}

/**
 * Each group's files together must hold exactly the bytes its weights declare; tfjs would
 * otherwise read past the end (truncated) or silently ignore the rest (padded, or the .bin of
 * another model with a compatible prefix).
 */
export function checkManifestBytes(checked: Pick<CheckedManifest, 'groups'>, byteLengths: number[]): void {
  let file = 0;
  for (const group of checked.groups) {
    const lengths = byteLengths.slice(file, file + group.paths.length);
    file += group.paths.length;
    const got = lengths.reduce((a, b) => a + b, 0);
    if (got === group.bytes) continue;
    const which = group.paths.length === 1 ? group.paths[0]! : `The weight files ${list(group.paths)} together`;
    const expected = `the manifest needs ${plural(group.bytes, 'byte')}, the ${
      group.paths.length === 1 ? 'file has' : 'files have'
    } ${got.toLocaleString('en-US')}`;
    if (got < group.bytes)
      throw new ModelFileError(
        'bytes-mismatch',
        `${which} ${group.paths.length === 1 ? 'is' : 'are'} truncated: ${expected} ` +
          `(${plural(group.bytes - got, 'byte')} short)`,
      );
    throw new ModelFileError(
      'bytes-mismatch',
      `${which} ${group.paths.length === 1 ? 'is' : 'are'} too long: ${expected} ` +
        `(${plural(got - group.bytes, 'byte')} too many: padded, or from another model)`,
    );
  }
}

/** The files as one buffer in manifest order: what is hashed and what tfjs decodes. */
export function concatWeightFiles(buffers: ArrayBuffer[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let off = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), off);
    off += b.byteLength;
  }
  return out;
}
