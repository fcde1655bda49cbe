/**
 * How an import failure is told: a `ModelFileError` names the kind of problem (for code that
 * reacts to it) and carries a sentence a user can act on. The helpers keep the wording of
 * counts, sizes and shapes the same in every message.
 */

/** Why an import failed, for code that wants to react to a kind of failure (tests, UI hints). */
export type ModelFileProblem =
  | 'too-large'
  | 'empty'
  | 'not-text'
  | 'not-json'
  | 'not-layers-model'
  | 'graph-model'
  | 'bad-manifest'
  | 'bad-path'
  | 'reserved-name'
  | 'bad-values'
  | 'files-mismatch'
  | 'unsupported-dtype'
  | 'bad-shape'
  | 'over-limit'
  | 'bytes-mismatch'
  | 'topology-mismatch'
  | 'load-failed'
  | 'unknown-layer'
  | 'wrong-input'
  | 'wrong-output';

export class ModelFileError extends Error {
  constructor(
    readonly problem: ModelFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ModelFileError';
  }
}

/** "1 weight", "2,643 weights". */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export const list = (names: string[]) => names.join(', ');

/** [28, 28, null] → "28×28×?". */
export const shapeText = (shape: readonly (number | null)[]) => shape.map((d) => d ?? '?').join('×');

/** 52428800 → "50 MB"; exact below 1 KB. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return `${n} bytes`;
  const units = [
    ['GB', 2 ** 30],
    ['MB', 2 ** 20],
    ['KB', 2 ** 10],
  ] as const;
  for (const [unit, size] of units) if (n >= size) return `${(n / size).toFixed(1).replace(/\.0$/, '')} ${unit}`;
  return plural(n, 'byte');
}

/** Both the topology check and tfjs's own failure can find an unknown layer: one message for both. */
export const unknownLayer = (cls: string) =>
  new ModelFileError(
    'unknown-layer',
    `The model uses a layer TensorFlow.js does not know: ${cls} ` +
      '(custom layers, and Keras layers tfjs has not ported, cannot be imported)',
  );

/** A layer or weight named like a built-in property of every JavaScript object (see json.ts `isReservedKey`). */
export const reservedName = (what: 'layer' | 'weight', name: string) =>
  new ModelFileError(
    'reserved-name',
    `The model names a ${what} “${name}”, a name every JavaScript object already has, so TensorFlow.js ` +
      `would mistake it for something else: rename the ${what} and save the model again`,
  );
