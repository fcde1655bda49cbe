import type { StudentSpec } from '../../config/schema';
import type { Rng } from '../../lib/rng';
import { createCnn } from './cnn';
import { createMlp } from './mlp';
import { createTransformerStudent, createWindowMlp } from './sequence';
import type { Model } from './types';

/** Every student the studio builds itself from a spec. */
export type BuildableSpec = Exclude<StudentSpec, { kind: 'imported' }>;

/**
 * A trainable model for a spec and an input shape: [2] for toy points, [28, 28, 1] for images,
 * [context] for text (then `classes` is the vocabulary size).
 */
export function buildModel(spec: BuildableSpec, inputShape: number[], classes: number, rng: Rng, name: string): Model {
  switch (spec.kind) {
    case 'mlp':
      return createMlp(
        spec,
        inputShape.reduce((a, b) => a * b, 1),
        classes,
        rng,
        name,
      );
    case 'cnn':
      if (inputShape.length !== 3) throw new Error('A CNN needs image inputs');
      return createCnn(spec, inputShape as [number, number, number], classes, rng, name);
    case 'transformer':
      return createTransformerStudent(spec, classes, inputShape[0]!, rng, name);
    case 'window-mlp':
      return createWindowMlp(spec, classes, inputShape[0]!, rng, name);
  }
}
