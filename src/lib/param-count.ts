/**
 * Parameters of a model spec, exact for the shipped Fashion-MNIST teachers too: the capacity-gap
 * lab's x axis is a teacher/student size ratio, and PRETRAINED_SHAPES describes those teachers
 * with same padding (for the estimate), which overcounts their unpadded convolutions.
 */
import { PRETRAINED_SHAPES, type StudentSpec, type TeacherModelSpec } from '../config/models';
import { specSize } from '../config/sizes';

/**
 * A shipped Fashion-MNIST CNN (scripts/fashion/train-teacher.ts): two unpadded 3×3 convolutions
 * with 2×2 pooling (28 → 26 → 13 → 11 → 5), a dense feature layer, then the logits.
 */
export function fashionCnnParams(filters: readonly [number, number], dense: number, classes = 10): number {
  const [a, b] = filters;
  return 9 * a + a + 9 * a * b + b + 25 * b * dense + dense + dense * classes + classes;
}

/** Weights of a teacher or student for inputs of `inputShape`; null where the spec alone cannot say. */
export function paramCount(
  spec: StudentSpec | TeacherModelSpec,
  inputShape: readonly number[],
  classes: number,
): number | null {
  if (spec.kind === 'pretrained') {
    const shape = PRETRAINED_SHAPES[spec.id];
    if (shape.kind !== 'cnn' || shape.filters.length !== 2) return null;
    return fashionCnnParams([shape.filters[0]!, shape.filters[1]!], shape.hidden[0] ?? 0, classes);
  }
  return specSize(spec, inputShape, classes)?.params ?? null;
}
