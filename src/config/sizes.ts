/**
 * Sizes of the models the studio builds, from their specs alone: layer shapes, weights and
 * multiply-adds. Pure arithmetic (no tfjs, no task knowledge): callers pass the input shape.
 */
import type { CnnSpec, MlpSpec, StudentSpec, TeacherModelSpec, WindowMlpSpec } from './models';

/** Layer sizes from input to output, e.g. [2, 48, 48, 3]. */
export const mlpSizes = (spec: MlpSpec, inputs: number, classes: number): number[] => [inputs, ...spec.hidden, classes];

/** Weights and biases of an MLP. */
export function mlpParamCount(spec: MlpSpec, inputs: number, classes: number): number {
  const s = mlpSizes(spec, inputs, classes);
  let n = 0;
  for (let i = 1; i < s.length; i++) n += s[i - 1]! * s[i]! + s[i]!;
  return n;
}

/** Layer shapes of a CNN: conv blocks (3×3, same padding, then 2×2 max-pool) and dense layers. */
export function cnnShapes(spec: CnnSpec, [h, w, c]: [number, number, number], classes: number) {
  let height = h;
  let width = w;
  let channels = c;
  let params = 0;
  let macs = 0;
  const convs = spec.filters.map((out) => {
    const layer = { in: channels, out };
    params += 9 * channels * out + out;
    macs += height * width * 9 * channels * out;
    channels = out;
    height = Math.floor(height / 2);
    width = Math.floor(width / 2);
    return layer;
  });
  const sizes = [height * width * channels, ...spec.hidden, classes];
  const dense = sizes.slice(1).map((out, i) => {
    params += sizes[i]! * out + out;
    macs += sizes[i]! * out;
    return { in: sizes[i]!, out };
  });
  return { convs, dense, params, macs, flatFeatures: sizes[0]! };
}

export interface ModelSize {
  params: number;
  /** Multiply-adds for one example's forward pass. */
  macs: number;
}

/** Weights of a character transformer (models/transformer.ts, MLP ratio 4). */
export function transformerParams(s: { layers: number; width: number }, vocab: number, context: number): number {
  const w = s.width;
  return vocab * w + context * w + s.layers * (12 * w * w + 13 * w) + 2 * w + w * vocab + vocab;
}

/** Weights of a window MLP (models/sequence.ts): embedding, then the dense layers. */
export function windowMlpParams(spec: WindowMlpSpec, vocab: number): number {
  const sizes = [spec.window * spec.embed, ...spec.hidden, vocab];
  let n = vocab * spec.embed;
  for (let i = 1; i < sizes.length; i++) n += sizes[i - 1]! * sizes[i]! + sizes[i]!;
  return n;
}

/**
 * Parameters and multiply-adds of a student or a trained teacher for inputs of `inputShape`
 * (pretrained ones are measured by the worker). A sequence model's input shape is its context,
 * and it counts per predicted character, at full context.
 */
export function specSize(
  spec: StudentSpec | TeacherModelSpec,
  inputShape: readonly number[],
  classes: number,
): ModelSize | null {
  if (spec.kind === 'transformer') {
    const w = spec.width;
    const context = inputShape[0]!;
    // Per layer: projections 12·w², attention scores and mixing 2·context·w; then the head.
    return {
      params: transformerParams(spec, classes, context),
      macs: spec.layers * (12 * w * w + 2 * context * w) + w * classes,
    };
  }
  if (spec.kind === 'window-mlp') {
    const sizes = [spec.window * spec.embed, ...spec.hidden, classes];
    return {
      params: windowMlpParams(spec, classes),
      macs: sizes.slice(1).reduce((m, out, i) => m + sizes[i]! * out, 0),
    };
  }
  if (spec.kind === 'mlp') {
    const inputs = inputShape.reduce((a, b) => a * b, 1);
    const sizes = mlpSizes(spec, inputs, classes);
    const macs = sizes.slice(1).reduce((m, out, i) => m + sizes[i]! * out, 0);
    return { params: mlpParamCount(spec, inputs, classes), macs };
  }
  if (spec.kind === 'cnn' && inputShape.length === 3) {
    const s = cnnShapes(spec, inputShape as [number, number, number], classes);
    return { params: s.params, macs: s.macs };
  }
  if (spec.kind === 'imported') return { params: spec.params, macs: NaN };
  return null;
}

/** One layer of a shipped model as its meta.json lists it (scripts/fashion/train-teacher.ts). */
export interface LayerSummary {
  type: string;
  /** With the batch dimension first (null). */
  outputShape: (number | null)[];
  params: number;
}

/**
 * Multiply-adds of one example's forward pass through the layers of a shipped model, from its
 * meta.json: a Conv2D computes its kernel (its weights less one bias per filter) once per
 * output position; a Dense layer its weight matrix once. Pooling, flattening and activations
 * count 0. NaN for a layer type it does not know.
 */
export function layersMacs(layers: readonly LayerSummary[]): number {
  let macs = 0;
  for (const l of layers) {
    const shape = l.outputShape.slice(1).map(Number);
    const out = shape.at(-1) ?? 0;
    if (l.type === 'Conv2D' && shape.length === 3) macs += shape[0]! * shape[1]! * (l.params - out);
    else if (l.type === 'Dense') macs += l.params - out;
    else if (l.params > 0) return NaN;
  }
  return macs;
}

// ---------------------------------------------------------------------------------------------
// Activations: what a training step keeps alive (the memory estimate, ./estimate.ts)

/**
 * Intermediate tensors per unit of an activation function in the engine's formulas
 * (engine/models): relu, tanh, sigmoid and elu are one kernel; GELU's tanh approximation is
 * eight elementwise ops, each a tensor the gradient tape keeps.
 */
const activationOps = (activation: string): number => (activation === 'gelu' ? 8 : 1);

/** Floats of a dense stack per row: each layer's product, bias sum and activation; the logits twice. */
function denseFloats(sizes: readonly number[], activation: string): number {
  let n = sizes[0]!;
  for (let i = 1; i < sizes.length - 1; i++) n += sizes[i]! * (2 + activationOps(activation));
  return n + 2 * sizes.at(-1)!;
}

/**
 * Floats one example's forward pass leaves allocated until its training step ends: every
 * intermediate tensor (the gradient tape keeps them all for the backward pass), counted from
 * the engine's formulas. A sequence model's example is a window of `inputShape[0]` tokens.
 * An imported model's layers are unknown: its feature layer and outputs stand in for them.
 */
export function activationFloats(
  spec: StudentSpec | TeacherModelSpec,
  inputShape: readonly number[],
  classes: number,
): number {
  if (spec.kind === 'transformer') {
    const t = inputShape[0]!;
    const w = spec.width;
    // Per layer and token (models/transformer.ts): two layer norms (5w each), the qkv product,
    // its split and head transposes (12w), the merge and projection (5w), the MLP's 4w-wide
    // product, bias and eight GELU ops (40w) and its projection (3w); attention scores, their
    // scaling, mask and softmax (5 per head and earlier position).
    const layer = t * (74 * w + 5 * spec.heads * t);
    // One-hot ids (int32 and float), the embedding and positions, the final norm, the logits.
    return t * (2 * classes + 2 * w + 5 * w + 2 * classes) + spec.layers * layer;
  }
  if (spec.kind === 'window-mlp') {
    const t = inputShape[0]!;
    const inputs = spec.window * spec.embed;
    // One-hot ids and their embedding for the padded window, its shifted views and their concatenation.
    const embed = (t + spec.window) * (2 * classes + spec.embed) + 2 * t * inputs;
    return embed + t * (denseFloats([inputs, ...spec.hidden, classes], spec.activation) - inputs);
  }
  if (spec.kind === 'mlp')
    return denseFloats([inputShape.reduce((a, b) => a * b, 1), ...spec.hidden, classes], spec.activation);
  if (spec.kind === 'cnn' && inputShape.length === 3) {
    let [h, w, c] = inputShape as [number, number, number];
    let n = h * w * c;
    for (const out of spec.filters) {
      // Convolution, bias, activation, then the 2×2 max-pool.
      n += h * w * out * (2 + activationOps(spec.activation));
      h = Math.floor(h / 2);
      w = Math.floor(w / 2);
      c = out;
      n += h * w * c;
    }
    return n - h * w * c + denseFloats([h * w * c, ...spec.hidden, classes], spec.activation);
  }
  if (spec.kind === 'imported') return inputShape.reduce((a, b) => a * b, 1) + 3 * spec.featureDim + 2 * classes;
  return NaN;
}

/**
 * Floats one example's inference pass through a tfjs layers model leaves allocated at once (a
 * shipped CNN teacher, an imported model): tfjs-layers frees each layer's output once the
 * next has used it, so the widest two consecutive layers and the outputs, not every layer.
 */
export function layersInferenceFloats(
  spec: StudentSpec | TeacherModelSpec,
  inputShape: readonly number[],
  classes: number,
): number {
  const inputs = inputShape.reduce((a, b) => a * b, 1);
  if (spec.kind === 'cnn' && inputShape.length === 3) {
    const [h, w] = inputShape as [number, number, number];
    const widest = Math.max(h * w * spec.filters[0]!, ...spec.hidden);
    return inputs + 2 * widest + 2 * classes;
  }
  if (spec.kind === 'mlp') return inputs + 2 * Math.max(classes, ...spec.hidden) + 2 * classes;
  if (spec.kind === 'imported') return inputs + 2 * spec.featureDim + 2 * classes;
  return activationFloats(spec, inputShape, classes);
}
