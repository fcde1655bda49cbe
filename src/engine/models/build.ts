import type { CnnSpec, MlpSpec } from '../../config/schema';
import type { Rng } from '../../lib/rng';
import { createCnn } from './cnn';
import { createMlp } from './mlp';
import type { Model } from './types';

/** A trainable model for a spec and an input shape ([2] for toy points, [28, 28, 1] for images). */
export function buildModel(
  spec: MlpSpec | CnnSpec,
  inputShape: number[],
  classes: number,
  rng: Rng,
  name: string,
): Model {
  if (spec.kind === 'mlp')
    return createMlp(
      spec,
      inputShape.reduce((a, b) => a * b, 1),
      classes,
      rng,
      name,
    );
  if (inputShape.length !== 3) throw new Error('A CNN needs image inputs');
  return createCnn(spec, inputShape as [number, number, number], classes, rng, name);
}
