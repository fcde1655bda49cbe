/**
 * Whether and how a student can be exported, decided from its spec alone (no tfjs at run
 * time): the one home of that decision. The export dialog asks it to say what a download will
 * be before anyone presses a button; the worker asks it before writing files
 * (worker/export-lanes.ts), so both refuse with the same words.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Activation, StudentSpec } from './schema';

export type StudentExport =
  /** A standard TensorFlow.js layers model: tf.loadLayersModel reads it, and so does our import. */
  | { format: 'layers-model' }
  /**
   * KD Studio's own transformer format (models/transformer.ts): a model.json with
   * "format": "kd-studio-transformer" and the weights in the tfjs weights format. Neither
   * tf.loadLayersModel nor the studio's model import reads it.
   */
  | { format: 'kd-studio-transformer' }
  | { format: null; reason: string };

export type LayerActivation = NonNullable<Parameters<typeof tf.layers.dense>[0]['activation']>;

/**
 * Our activations as tfjs layer activations, where a built-in one computes the same function
 * (null: none does, so a student with it cannot be exported as a layers model).
 * gelu has none that loads: tfjs-layers 4.22 has 'gelu_new' (our tanh approximation) and saves
 * it under that name, but its loader camel-cases every string in the config, looks up
 * 'geluNew' and fails ("Unknown activation: geluNew"); its 'gelu' is the exact erf form, a
 * different function. A file only our own code could read would not be an export.
 */
export const LAYER_ACTIVATION: Readonly<Record<Activation, LayerActivation | null>> = {
  relu: 'relu',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  elu: 'elu',
  gelu: null,
};

/**
 * Why a built student (MLP or CNN) with this activation cannot be exported as a layers model,
 * or null if it can. `tfjsLayersVersion` names the tfjs release whose loader has the gelu bug.
 */
function activationExportReason(activation: Activation, tfjsLayersVersion: string): string | null {
  if (LAYER_ACTIVATION[activation] !== null) return null;
  return (
    `Students with ${activation} cannot be exported yet: TensorFlow.js ${tfjsLayersVersion} cannot load its own ` +
    'tanh-approximate gelu (it saves "gelu_new" and looks up "geluNew"), and its exact gelu is a slightly ' +
    'different function. Use relu, tanh, sigmoid or elu for a student you want to export'
  );
}

export const WINDOW_MLP_EXPORT_REASON =
  'Window-MLP students cannot be exported yet: the studio has no file format of its own for them, and as a ' +
  'TensorFlow.js layers model they would compute something else: the window MLP left-pads each window with the ' +
  'learned embedding of the newline character, while a causal Conv1D pads with zeros, so the first characters ' +
  'of every sequence would get different predictions. Use a transformer student to export a language model';

/** The format a student of this spec exports to, or why it cannot be exported. */
export function studentExport(spec: StudentSpec, tfjsLayersVersion: string): StudentExport {
  switch (spec.kind) {
    case 'imported':
      // The studio runs an imported model as the layers model it is, and saves it as one.
      return { format: 'layers-model' };
    case 'transformer':
      return { format: 'kd-studio-transformer' };
    case 'window-mlp':
      return { format: null, reason: WINDOW_MLP_EXPORT_REASON };
    default: {
      const reason = activationExportReason(spec.activation, tfjsLayersVersion);
      return reason ? { format: null, reason } : { format: 'layers-model' };
    }
  }
}
