/**
 * Flat diffs of JSON values by dotted path, and the defensive helpers that read them back from
 * untrusted input. Pure; used by the link codec (codec.ts), its flags and its repair.
 *
 * Everything here treats its input as hostile: keys that reach an object's prototype are
 * refused, only own properties are followed, arrays are never grown or holed, and nesting
 * is bounded, so no input can pollute a prototype or exhaust the stack.
 */
import { deepEqual } from '../lib/equal';

export type Obj = Record<string, unknown>;

/** Keys that would let an assignment reach a prototype (`o[k] = v` with k = '__proto__'). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const INDEX = /^(0|[1-9]\d{0,8})$/;

/** A key that can be one segment of a dotted path and read back unambiguously. */
const isPathKey = (k: string) => k !== '' && !k.includes('.') && !FORBIDDEN_KEYS.has(k);

/** The dotted path of child `k` of the node at `path` ('' is the root). */
export const joinPath = (path: string, k: string | number): string => (path ? `${path}.${k}` : String(k));

/** Whether `path` is `outer` or inside it ('' is the root, outside everything). */
export const isUnder = (path: string, outer: string): boolean =>
  outer === '' || path === outer || path.startsWith(`${outer}.`);

/**
 * The leaves of `value` that differ from `base`, as [dotted path, value] pairs. Objects are
 * compared key by key; an object that lacks one of the base's keys is emitted whole (a diff
 * cannot express a deletion), as is one with a key that cannot be a path segment. Arrays of
 * objects of the same length (the lanes of a race) are compared element by element, so tuning
 * one lane's temperature costs one path, not the whole lane; other arrays are emitted whole.
 * The root is always compared key by key.
 */
export function diffPaths(base: unknown, value: unknown): [string, unknown][] {
  const out: [string, unknown][] = [];
  walk(base, value, '', out);
  return out;
}

function walk(base: unknown, value: unknown, path: string, out: [string, unknown][]): void {
  if (deepEqual(base, value)) return;
  if (isObject(base) && isObject(value)) {
    const keys = Object.keys(value);
    const whole = path !== '' && (!Object.keys(base).every((k) => Object.hasOwn(value, k)) || !keys.every(isPathKey));
    if (!whole) {
      for (const k of keys) {
        if (!isPathKey(k)) continue; // only at the root, which a config never has
        if (Object.hasOwn(base, k)) walk(base[k], value[k], joinPath(path, k), out);
        else out.push([joinPath(path, k), value[k]]);
      }
      return;
    }
  } else if (
    Array.isArray(base) &&
    Array.isArray(value) &&
    path !== '' &&
    base.length === value.length &&
    base.every(isObject) &&
    value.every(isObject)
  ) {
    value.forEach((v, i) => walk(base[i], v, joinPath(path, i), out));
    return;
  }
  out.push([path, value]);
}

/** The own child `key` of `node` (an object key, or an array index in range), else undefined. */
export function ownChild(node: unknown, key: string): unknown {
  if (Array.isArray(node)) return INDEX.test(key) && Number(key) < node.length ? node[Number(key)] : undefined;
  if (isObject(node) && !FORBIDDEN_KEYS.has(key)) return Object.hasOwn(node, key) ? node[key] : undefined;
  return undefined;
}

/** The value at a dotted path, following own properties only ('' is the root). */
export function ownGet(root: unknown, path: string): unknown {
  if (path === '') return root;
  let node = root;
  for (const k of path.split('.')) {
    node = ownChild(node, k);
    if (node === undefined) return undefined;
  }
  return node;
}

export const ownHas = (root: unknown, path: string): boolean => ownGet(root, path) !== undefined;

/** The container that would hold `path`'s last segment, and that segment; null if absent. */
function parentOf(root: unknown, path: string): { node: unknown; key: string } | null {
  const keys = path.split('.');
  if (keys.some((k) => k === '' || FORBIDDEN_KEYS.has(k))) return null;
  const key = keys.pop()!;
  const node = ownGet(root, keys.join('.'));
  return typeof node === 'object' && node !== null ? { node, key } : null;
}

/**
 * Sets `path` in `root` in place. The parent must exist; an array element must already exist
 * (no growing, no holes); an object may gain a key (zod strips unknown ones later). Returns
 * whether it was set.
 */
export function setPath(root: unknown, path: string, value: unknown): boolean {
  const p = parentOf(root, path);
  if (!p) return false;
  if (Array.isArray(p.node)) {
    if (!INDEX.test(p.key) || Number(p.key) >= p.node.length) return false;
    p.node[Number(p.key)] = value;
    return true;
  }
  (p.node as Obj)[p.key] = value; // p.key is not a forbidden key (parentOf checked)
  return true;
}

/** Removes an object key in place (array elements are never removed this way). */
export function deletePath(root: unknown, path: string): boolean {
  const p = parentOf(root, path);
  if (!p || !isObject(p.node) || !Object.hasOwn(p.node, p.key)) return false;
  return Reflect.deleteProperty(p.node, p.key);
}

/** Returned by `sanitize` for a value that must be dropped. */
export const DROP: unique symbol = Symbol('drop');

/**
 * A copy of a JSON value without forbidden keys and without anything nested deeper than
 * `depth` levels (objects and arrays count). `onDrop` hears the path of each dropped part. An
 * array with a dropped element is dropped whole: an array with a hole would mean something else.
 */
export function sanitize(
  value: unknown,
  depth: number,
  path: string,
  onDrop: (path: string, why: 'forbidden' | 'deep') => void,
): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth <= 0) {
    onDrop(path, 'deep');
    return DROP;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const v = sanitize(value[i], depth - 1, joinPath(path, i), onDrop);
      if (v === DROP) return DROP;
      out.push(v);
    }
    return out;
  }
  const out: Obj = {};
  for (const k of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(k)) {
      onDrop(joinPath(path, k), 'forbidden');
      continue;
    }
    const v = sanitize((value as Obj)[k], depth - 1, joinPath(path, k), onDrop);
    if (v !== DROP) out[k] = v;
  }
  return out;
}
