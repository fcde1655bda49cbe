/**
 * model.json from the user's disk, parsed and checked to be a TensorFlow.js layers model
 * before anything else looks at it. Every refusal says what the file is instead, so a user
 * who picked the wrong file knows which one to pick.
 */
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
import { formatBytes, ModelFileError } from './errors';
import { describeJsonValue, isRecord } from './json';

/**
 * model.json's text parsed and checked to be a layers model: an object with a Keras
 * modelTopology, format 'layers-model' and a weightsManifest. Graph models are named as such,
 * because "not a layers model" alone does not tell a user what to do.
 */
export function parseModelJson(input: string | ArrayBuffer, limits: ImportLimits = DEFAULT_IMPORT_LIMITS) {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > limits.maxBytes)
    throw new ModelFileError(
      'too-large',
      `model.json is ${formatBytes(size)}, over the limit of ${formatBytes(limits.maxBytes)}`,
    );
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new ModelFileError(
        'not-text',
        'model.json is not text (it looks like a binary file: was a weights .bin file picked instead?)',
      );
    }
  }
  if (text.trim() === '') throw new ModelFileError('empty', 'model.json is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError('not-json', `model.json is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(json))
    throw new ModelFileError(
      'not-layers-model',
      `model.json should hold a JSON object describing a model, but it holds ${describeJsonValue(json)}`,
    );
  const topology = json['modelTopology'];
  const format = json['format'];
  const isGraph =
    format === 'graph-model' || (isRecord(topology) && (Array.isArray(topology['node']) || 'versions' in topology));
  if (isGraph)
    throw new ModelFileError(
      'graph-model',
      'This is a TensorFlow.js graph model (converted from a SavedModel or frozen graph), not a layers model. ' +
        'KD Studio imports layers models only: save one with model.save() in TensorFlow.js, or convert a Keras ' +
        'model with tensorflowjs_converter --output_format=tfjs_layers_model',
    );
  if (topology === undefined && typeof json['class_name'] === 'string' && 'config' in json)
    throw new ModelFileError(
      'not-layers-model',
      'model.json has no modelTopology: it looks like a bare Keras model config (model.to_json()), which ' +
        'has no weights. Convert the saved Keras model with tensorflowjs_converter --output_format=tfjs_layers_model',
    );
  if (topology === undefined)
    throw new ModelFileError(
      'not-layers-model',
      'model.json has no modelTopology, so it does not describe a model’s layers (is it another JSON file?)',
    );
  if (!isRecord(topology))
    throw new ModelFileError(
      'not-layers-model',
      `model.json’s modelTopology should be an object, but it is ${describeJsonValue(topology)}`,
    );
  if (format === undefined)
    throw new ModelFileError(
      'not-layers-model',
      'model.json has no format field, so it is not a TensorFlow.js layers model (those say "format": "layers-model")',
    );
  if (format !== 'layers-model')
    throw new ModelFileError(
      'not-layers-model',
      `model.json has format ${JSON.stringify(format)}, but KD Studio imports layers models only ("layers-model")`,
    );
  const manifest = json['weightsManifest'];
  if (manifest === undefined)
    throw new ModelFileError(
      'bad-manifest',
      'model.json has no weightsManifest, so it does not say which files hold the weights ' +
        '(a topology-only model.json cannot be imported: KD Studio needs the trained weights)',
    );
  return { json, modelTopology: topology, manifest };
}
