/** Looking at untrusted JSON values: what a value is, and how to name it in a message. */

export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** "null", "a list", "an object", "a string", …: what a message says was found instead. */
export function describeJsonValue(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}
