/** Looking at untrusted JSON values: what a value is, and how to name it in a message. */

export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** "null", "a list", "an object", "a string", …: what a message says was found instead. */
export function describeJsonValue(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/**
 * A name every plain object already answers to ("__proto__", "constructor", "toString", …):
 * used as a key of a plain object it reads or replaces the object's own property, so libraries
 * that key objects by names from a file (tfjs does, by layer and weight name) go wrong with it.
 */
export const isReservedKey = (name: string): boolean => name in Object.prototype;
