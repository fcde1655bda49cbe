/**
 * Sequence models for the text task, seen by the trainer as ordinary Models: a batch of token
 * windows [B, T] in, one row per token out ([B·T, vocab] logits, [B·T, width] features). Every
 * objective and metric then works per token unchanged, and their mean over rows is the
 * token-mean of the reference (with `mask` for positions that do not count).
 *
 * The generator (generate.ts) needs the un-flattened view, so each model also exposes
 * `sequence`: logits [B, T, vocab] for tokens [B, T].
 */
import * as tf from '@tensorflow/tfjs';
import type { TransformerSpec, WindowMlpSpec } from '../../config/schema';
import type { Rng } from '../../lib/rng';
import { weightAndBias, uniqueName } from './layers';
import { denseStack } from './mlp';
import { windowMlpParams } from '../../config/sizes';
import { createTransformer, oneHotFloat, type Transformer } from './transformer';
import type { Model } from './types';

/** What the generator needs: the longest window the model reads, and logits at every position. */
export interface Autoregressive {
  readonly config: { context: number; vocab: number };
  forward(tokens: tf.Tensor2D): { logits: tf.Tensor3D };
}

export interface SequenceModel extends Model {
  sequence: Autoregressive;
}

/** Token id that pads the left of a window shorter than the model's (the corpus's "\n"). */
export const PAD_ID = 0;

const flat = (t: tf.Tensor3D): tf.Tensor2D => tf.reshape(t, [-1, t.shape[2]]);

/** A transformer as a per-token Model. */
export function wrapTransformer(t: Transformer, trainable = true): SequenceModel {
  // A model that is never trained (a teacher) may have its weights pre-transformed once.
  if (!trainable) t.freeze();
  return {
    variables: trainable ? t.variables : [],
    paramCount: t.paramCount,
    forward(x) {
      const out = t.forward(x as tf.Tensor2D);
      return { logits: flat(out.logits), features: flat(out.features) };
    },
    dispose: () => t.dispose(),
    sequence: t,
  };
}

export function createTransformerStudent(
  spec: TransformerSpec,
  vocab: number,
  context: number,
  rng: Rng,
  name: string,
): SequenceModel {
  const config = { vocab, context, layers: spec.layers, width: spec.width, heads: spec.heads, mlpRatio: 4 };
  return wrapTransformer(createTransformer(config, rng, name));
}

/** Layer sizes of a window MLP after its embedding: [window·embed, …hidden, vocab]. */
export function windowMlpSizes(spec: WindowMlpSpec, vocab: number): number[] {
  return [spec.window * spec.embed, ...spec.hidden, vocab];
}

/**
 * A Bengio-style neural language model: each position sees the embeddings of the last
 * `window` tokens (itself and the ones before, left-padded), concatenated, through an MLP.
 * Causal by construction; no attention, so it cannot use anything older than its window.
 */
export function createWindowMlp(
  spec: WindowMlpSpec,
  vocab: number,
  context: number,
  rng: Rng,
  name: string,
): SequenceModel {
  const id = uniqueName(name);
  const embed = tf.tidy(() => {
    const r = rng.fork('embed');
    const values = Float32Array.from({ length: vocab * spec.embed }, () => r.normal() * 0.1);
    return tf.variable(tf.tensor2d(values, [vocab, spec.embed]), true, `${id}/embed`);
  });
  const sizes = windowMlpSizes(spec, vocab);
  const layers = sizes
    .slice(1)
    .map((fanOut, i) => weightAndBias([sizes[i]!, fanOut], sizes[i]!, fanOut, rng, `${id}/dense${i + 1}`));
  const variables = [embed, ...layers.flatMap((l) => [l.w, l.b])];
  const w = spec.window;

  /** tokens [B, T] → logits and features with one row per token, row-major by (b, t). */
  function rows(tokens: tf.Tensor2D) {
    const [batch, steps] = tokens.shape;
    // Left-pad so position t's window is tokens t-w+1 … t.
    const padded = tf.pad(
      tokens,
      [
        [0, 0],
        [w - 1, 0],
      ],
      PAD_ID,
    );
    const rowsN = batch * steps;
    // One embedding lookup for the padded sequence, then w shifted views of it.
    const embedded = tf.reshape(tf.matMul(oneHotFloat(tf.reshape(padded, [-1]), vocab) as tf.Tensor2D, embed), [
      batch,
      steps + w - 1,
      spec.embed,
    ]);
    const views = Array.from({ length: w }, (_, k) => tf.slice(embedded, [0, k, 0], [batch, steps, spec.embed]));
    const h = tf.reshape(w === 1 ? views[0]! : tf.concat(views, 2), [rowsN, w * spec.embed]) as tf.Tensor2D;
    return { ...denseStack(h, layers, spec.activation), batch, steps };
  }

  return {
    variables,
    paramCount: windowMlpParams(spec, vocab),
    forward(x) {
      const { logits, features } = rows(x as tf.Tensor2D);
      return { logits, features };
    },
    dispose: () => variables.forEach((v) => v.dispose()),
    sequence: {
      config: { context, vocab },
      forward(tokens) {
        const { logits, batch, steps } = rows(tokens);
        return { logits: tf.reshape(logits, [batch, steps, vocab]) };
      },
    },
  };
}

/**
 * A model that reads another vocabulary's ids through `map` (ids → its own ids): a text student
 * with its own vocabulary, trained and evaluated on the teacher's windows. Its `sequence` view
 * (the generator's) still reads and writes the model's own ids.
 */
export function withInputMap<M extends Model>(model: M, map: Int32Array): M {
  const table = tf.tensor1d(map, 'int32');
  return {
    ...model,
    forward: (x: tf.Tensor, training?: boolean) => model.forward(tf.gather(table, x), training),
    dispose() {
      model.dispose();
      table.dispose();
    },
  };
}

export const isSequenceModel = (m: Model): m is SequenceModel => 'sequence' in m;
