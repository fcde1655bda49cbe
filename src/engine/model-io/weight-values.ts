/**
 * The values of an imported model's weights, after tfjs has decoded them (quantized weights
 * included): a NaN or an infinity anywhere makes every output NaN, so such a model could
 * neither teach nor learn. Without this check the studio would report its accuracy as if it
 * were real and then stop at the first step as "diverged".
 */
import * as tf from '@tensorflow/tfjs';
import { ModelFileError, plural } from './errors';

/**
 * Elements per read. Small weights are read together (one concatenation, one `data()`), so a
 * model of thousands of small weights costs a few round trips to the GPU rather than thousands;
 * a large weight is read on its own, so no copy of it is made on the device.
 */
const READ_ELEMENTS = 1 << 20;

interface Weight {
  originalName: string;
  dtype: string;
  shape: (number | null)[];
  read(): tf.Tensor;
}

interface Bad {
  name: string;
  size: number;
  nan: number;
  infinite: number;
}

function countBad(values: ArrayLike<number>, from: number, size: number): { nan: number; infinite: number } {
  let nan = 0;
  let infinite = 0;
  for (let i = from; i < from + size; i++) {
    const v = values[i]!;
    if (v !== v) nan++;
    else if (v === Infinity || v === -Infinity) infinite++;
  }
  return { nan, infinite };
}

/** Reads the weights in batches and returns those holding NaN or infinite values, in model order. */
async function badWeights(weights: readonly Weight[]): Promise<Bad[]> {
  const bad: Bad[] = [];
  const floats = weights.filter((w) => w.dtype === 'float32');
  let i = 0;
  while (i < floats.length) {
    const batch: { w: Weight; size: number }[] = [];
    let elements = 0;
    do {
      const w = floats[i++]!;
      const size = w.shape.reduce<number>((a, d) => a * (d ?? 1), 1);
      batch.push({ w, size });
      elements += size;
    } while (i < floats.length && elements < READ_ELEMENTS);
    const values =
      batch.length === 1
        ? await batch[0]!.w.read().data()
        : await (async () => {
            const joined = tf.tidy(() => tf.concat(batch.map(({ w }) => tf.reshape(w.read(), [-1]))));
            try {
              return await joined.data();
            } finally {
              joined.dispose();
            }
          })();
    let offset = 0;
    for (const { w, size } of batch) {
      const counts = countBad(values, offset, size);
      if (counts.nan + counts.infinite > 0) bad.push({ name: w.originalName, size, ...counts });
      offset += size;
    }
  }
  return bad;
}

/** Refuses a model whose weights hold NaN or infinite values, naming the first such weight. */
export async function checkWeightValues(model: { weights: readonly Weight[] }): Promise<void> {
  const bad = await badWeights(model.weights);
  if (bad.length === 0) return;
  const first = bad[0]!;
  const what = [
    first.nan ? `${plural(first.nan, 'NaN value')}` : '',
    first.infinite ? `${plural(first.infinite, 'infinite value')}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const others = bad.length > 1 ? ` (and ${plural(bad.length - 1, 'other weight')} too)` : '';
  throw new ModelFileError(
    'bad-values',
    `The weight ${first.name} holds ${what} among its ${first.size.toLocaleString('en-US')}${others}: a model ` +
      'with NaN or infinite weights computes only NaN, so it can neither teach nor learn. It was probably ' +
      'saved after its training diverged: save it from a checkpoint before the loss became NaN',
  );
}
