/**
 * Which layers models the exported PyTorch project can run (kd/keras.py, kd/keras_layers.py),
 * checked from the topology alone, so the studio refuses a model before it writes a zip
 * rather than the project failing on the user's machine. The two lists are the Python
 * side's, kept equal by a test (src/export/pytorch/models-python.test.ts).
 */
import { isRecord } from './json';

/** Keras layer classes with a PyTorch counterpart (kd/keras_layers.py LAYERS). */
export const PYTORCH_LAYERS: readonly string[] = [
  'Activation',
  'Add',
  'Average',
  'AveragePooling2D',
  'BatchNormalization',
  'Concatenate',
  'Conv2D',
  'Dense',
  'Dropout',
  'ELU',
  'Flatten',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling2D',
  'InputLayer',
  'LayerNormalization',
  'LeakyReLU',
  'MaxPooling2D',
  'Maximum',
  'Minimum',
  'Multiply',
  'ReLU',
  'Rescaling',
  'Reshape',
  'Softmax',
  'ZeroPadding2D',
];

/** tfjs-layers activations with a PyTorch counterpart (kd/keras_layers.py ACTIVATIONS), snake_case. */
export const PYTORCH_ACTIVATIONS: readonly string[] = [
  'elu',
  'gelu',
  'gelu_new',
  'hard_sigmoid',
  'linear',
  'log_softmax',
  'mish',
  'relu',
  'relu6',
  'selu',
  'sigmoid',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'tanh',
];

/** 'hardSigmoid' → 'hard_sigmoid' (tfjs accepts both spellings; Python compares snake_case). */
const snake = (s: string) => s.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase();

const SUPPORTED = `Supported layers: ${PYTORCH_LAYERS.join(', ')}`;

/**
 * Why the PyTorch project could not run a layers model with this topology (its
 * `modelTopology`), or null if it can: one sentence naming the layer and what it uses.
 */
export function pytorchLayersRefusal(modelTopology: unknown): string | null {
  const model =
    isRecord(modelTopology) && isRecord(modelTopology['model_config']) ? modelTopology['model_config'] : modelTopology;
  if (!isRecord(model)) return 'The model has no topology the PyTorch export can read';
  const cls = model['class_name'];
  const config = model['config'];
  const layers = Array.isArray(config) ? config : isRecord(config) ? config['layers'] : undefined;
  if ((cls !== 'Sequential' && cls !== 'Model' && cls !== 'Functional') || !Array.isArray(layers))
    return `The model is a ${String(cls)}: the PyTorch export runs Sequential and functional models only`;
  if (cls !== 'Sequential' && isRecord(config)) {
    const ins = config['input_layers'];
    const outs = config['output_layers'];
    if (!Array.isArray(ins) || !Array.isArray(outs) || ins.length !== 1 || outs.length !== 1)
      return 'The model has several inputs or outputs: the PyTorch export runs models with one of each';
  }
  for (const layer of layers as unknown[]) {
    if (!isRecord(layer) || !isRecord(layer['config'])) return 'A layer of the model has no config';
    const layerCls = String(layer['class_name']);
    const c = layer['config'];
    const name = String(c['name'] ?? layerCls);
    if (layerCls === 'Sequential' || layerCls === 'Model' || layerCls === 'Functional')
      return `Layer ${name} is a model inside the model: the PyTorch export runs flat models only`;
    if (!PYTORCH_LAYERS.includes(layerCls))
      return `Layer ${name} is a ${layerCls}, which the PyTorch export has no counterpart for. ${SUPPORTED}`;
    const act = c['activation'];
    const actName = typeof act === 'string' ? act : isRecord(act) ? String(act['class_name']) : null;
    if (actName !== null && !PYTORCH_ACTIVATIONS.includes(snake(actName)))
      return (
        `Layer ${name} uses the activation ${actName}, which the PyTorch export has no counterpart for ` +
        `(supported: ${PYTORCH_ACTIVATIONS.join(', ')})`
      );
    const format = c['data_format'];
    if (format !== undefined && format !== null && format !== 'channels_last')
      return `Layer ${name} uses data_format ${String(format)}: the PyTorch export runs channels_last models only`;
    const nodes = layer['inbound_nodes'];
    if (Array.isArray(nodes) && nodes.length > 1)
      return `Layer ${name} is applied ${nodes.length} times (a shared layer): the PyTorch export runs each layer once`;
    if (layerCls === 'Dropout' && c['noise_shape'] !== undefined && c['noise_shape'] !== null)
      return `Layer ${name} is a Dropout with a noise_shape, which the PyTorch export does not support`;
    const padding = c['padding'];
    if (typeof padding === 'string' && padding !== 'valid' && padding !== 'same')
      return `Layer ${name} uses padding ${padding}: the PyTorch export supports valid and same`;
  }
  return null;
}
