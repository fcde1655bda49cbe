/**
 * Where a layers model's logits are. Distillation needs logits (it applies its own temperature
 * to them), but a model built the usual way ends in a softmax (or a sigmoid): a Dense layer with
 * `activation: 'softmax'`, or a separate Activation or Softmax layer. Used as logits, those
 * probabilities make every soft target wrong (softmax of probabilities is nearly uniform), so
 * the studio reads the values just before that activation instead:
 *
 * - a separate Activation/Softmax layer at the end: its input is a tensor of the graph, so the
 *   wrapped model simply stops one layer earlier;
 * - an activation inside the output layer: the layer runs with a linear activation while the
 *   studio reads it (`withLinearActivation`), and keeps its own otherwise, so the model the
 *   user exports is still the model they imported, softmax included.
 */
import * as tf from '@tensorflow/tfjs';

/** What a model applies after its logits. */
export type OutputActivation = 'softmax' | 'sigmoid';

const SQUASHES: readonly string[] = ['softmax', 'sigmoid'] satisfies OutputActivation[];

export interface LogitsTap {
  /** The graph tensor holding the logits (the model's output when no activation follows). */
  logits: tf.SymbolicTensor;
  /** The layer that outputs `logits`: its input layer is the fallback 'features' layer. */
  source: tf.layers.Layer;
  /** The activation the model applies to its logits, if any. */
  activation?: OutputActivation;
  /** The output layer whose own activation it is: it runs linear while logits are read. */
  inLayer?: tf.layers.Layer;
}

const activationOf = (layer: tf.layers.Layer): unknown => layer.getConfig()['activation'];

/** The tensor feeding `layer` at the node that made `out`. */
function inputOf(out: tf.SymbolicTensor): tf.SymbolicTensor | undefined {
  const node = out.sourceLayer.inboundNodes[out.nodeIndex];
  return node?.inputTensors.length === 1 ? node.inputTensors[0] : undefined;
}

/** The model's logits: its output, or the values before a final softmax or sigmoid. */
export function findLogits(model: tf.LayersModel): LogitsTap {
  const out = model.outputs[0]!;
  const last = out.sourceLayer as tf.layers.Layer;
  const cls = last.getClassName();
  const separate: OutputActivation | undefined =
    cls === 'Softmax'
      ? 'softmax'
      : cls === 'Activation' && SQUASHES.includes(String(activationOf(last)))
        ? (activationOf(last) as OutputActivation)
        : undefined;
  const before = separate ? inputOf(out) : undefined;
  if (separate && before)
    return { logits: before, source: before.sourceLayer as tf.layers.Layer, activation: separate };
  const own = activationOf(last);
  if (typeof own === 'string' && SQUASHES.includes(own))
    return { logits: out, source: last, activation: own as OutputActivation, inLayer: last };
  return { logits: out, source: last };
}

/** The layer that feeds `layer` (its first input), if it has one. */
export function inputLayerOf(layer: tf.layers.Layer): tf.layers.Layer | undefined {
  return layer.inboundNodes[0]?.inboundLayers[0] as tf.layers.Layer | undefined;
}

let linear: unknown;

/** tfjs's registered linear activation (what `activation: 'linear'` deserialises to), made once. */
function linearActivation(): unknown {
  if (linear) return linear;
  const entry = tf.serialization.SerializationMap.getMap().classNameMap['linear'];
  if (!entry) throw new Error('TensorFlow.js has no linear activation registered');
  const Linear = entry[0] as unknown as new () => unknown;
  linear = new Linear();
  return linear;
}

/**
 * Runs `fn` with `layer`'s activation replaced by the linear one, and puts it back after
 * (also when `fn` throws). Synchronous, so nothing else can call the layer meanwhile. The
 * field is private in tfjs's types; Dense and the convolutions read it at every call.
 */
export function withLinearActivation<T>(layer: tf.layers.Layer, fn: () => T): T {
  const holder = layer as unknown as { activation: unknown };
  const own = holder.activation;
  holder.activation = linearActivation();
  try {
    return fn();
  } finally {
    holder.activation = own;
  }
}
