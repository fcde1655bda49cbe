/**
 * Import: a layers model from the user's files, checked step by step (model.json, manifest,
 * limits, topology, bytes) before tfjs allocates anything, then loaded with tfjs's failures
 * turned into messages, then checked against the task and for NaN or infinite weights; on
 * any failure nothing it made is left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { sha256Hex } from '../models/pretrained';
import { ModelFileError, shapeText, unknownLayer } from './errors';
import { isRecord } from './json';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
import { checkManifest } from './manifest';
import { parseModelJson } from './model-json';
import { checkTopology } from './topology';
import { checkManifestBytes, concatWeightFiles, orderWeightFiles, type ModelFiles } from './weight-files';
import { checkWeightValues } from './weight-values';

/**
 * tfjs's own failure, worded for the user and made specific where it is known: "Unknown
 * activation: swishy. This may be due to…", "Shape mismatch: [2,8] vs. [8,2]" (the layer's
 * shape, then the file's), and a stack overflow (a model deeper than this browser can build).
 */
function tfjsFailure(e: unknown): ModelFileError {
  if (e instanceof ModelFileError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /call stack/i.test(message))
    return new ModelFileError(
      'load-failed',
      'TensorFlow.js ran out of stack building the model: it is too deep for this browser. ' +
        'Import a model with fewer layers',
    );
  const unknown = /^Unknown (\w+): ([^\s.]+)/.exec(message);
  if (unknown?.[1] === 'layer') return unknownLayer(unknown[2]!);
  if (unknown)
    return new ModelFileError(
      'load-failed',
      `TensorFlow.js could not build the model: it does not know the ${unknown[1]} ${unknown[2]}`,
    );
  const shapes = /^Shape mismatch: (\S+) vs\. (\S+)/.exec(message);
  if (shapes)
    return new ModelFileError(
      'load-failed',
      `A weight in the file does not fit its layer: the layer needs the shape ${shapes[1]}, ` +
        `the file gives ${shapes[2]}`,
    );
  return new ModelFileError('load-failed', `TensorFlow.js could not build the model: ${message.split('\n')[0]}`);
}

/**
 * Runs `build` (which makes a model) so that nothing it made outlives a failure. When
 * tf.loadLayersModel throws, tfjs 4.22 leaks what it had made: the variables of the layers
 * built so far and the tensors decoded from the weight file (it never returns the half-made
 * model); a check that fails after loading leaves the whole model. An engine scope collects
 * the plain tensors and a before/after look at the registered variables finds the rest. Both
 * see everything created meanwhile, so this assumes nothing else builds models or keeps
 * tensors during the import: in the worker, commands run one at a time on the controller's queue.
 */
async function withoutLeaks<T>(build: () => Promise<T>): Promise<T> {
  const before = new Set(Object.values(tf.engine().state.registeredVariables));
  tf.engine().startScope();
  try {
    return await build();
  } catch (e) {
    // Variables directly, not model.dispose(): a half-built model may fail to dispose itself.
    for (const v of Object.values(tf.engine().state.registeredVariables)) if (!before.has(v)) v.dispose();
    throw tfjsFailure(e);
  } finally {
    // Disposes only what tfjs left unowned: a loaded model's weights are variables, not scoped.
    tf.engine().endScope();
  }
}

async function load(
  modelTopology: Record<string, unknown>,
  json: Record<string, unknown>,
  weightSpecs: tf.io.WeightsManifestEntry[],
  weightData: ArrayBuffer,
): Promise<tf.LayersModel> {
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology,
      format: 'layers-model',
      weightSpecs,
      weightData,
      ...(isRecord(json['userDefinedMetadata']) ? { userDefinedMetadata: json['userDefinedMetadata'] } : {}),
    }),
  );
  // A Sequential model builds its graph on first use: here, where a failure is cleaned up.
  model.countParams();
  return model;
}

/** The model's one input and one output checked against the task; the shape message matches wrapLayersModel's. */
function checkFitsTask(model: tf.LayersModel, expect: { inputShape: number[]; classes: number }): void {
  if (model.inputs.length !== 1)
    throw new ModelFileError('wrong-input', `The model has ${model.inputs.length} inputs; KD Studio needs exactly one`);
  if (model.outputs.length !== 1)
    throw new ModelFileError(
      'wrong-output',
      `The model has ${model.outputs.length} outputs; KD Studio needs exactly one (the logits)`,
    );
  const input = model.inputs[0]!.shape.slice(1);
  if (shapeText(input) !== shapeText(expect.inputShape))
    throw new ModelFileError(
      'wrong-input',
      `The model expects inputs of shape ${shapeText(input)}, but this task gives ${shapeText(expect.inputShape)}`,
    );
  const output = model.outputs[0]!.shape.slice(1);
  if (output.length !== 1)
    throw new ModelFileError(
      'wrong-output',
      `The model’s output has shape ${shapeText(output)} per example; KD Studio needs one logit per class ` +
        `(${expect.classes})`,
    );
  if (output[0] !== expect.classes)
    throw new ModelFileError(
      'wrong-output',
      `The model has ${output[0] ?? '?'} outputs, but this task has ${expect.classes} classes`,
    );
}

/**
 * A layers model from the user's files, checked step by step (see the module comment). The
 * hash is that of the weight bytes in manifest order, as `loadPretrained` reports it.
 * On success the caller owns `model` (wrap it with `wrapLayersModel`, dispose it when done).
 */
export async function importLayersModel(
  files: ModelFiles,
  expect: { inputShape: number[]; classes: number },
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  options: { checkValues?: boolean } = {},
): Promise<{ model: tf.LayersModel; params: number; weightsHash: string }> {
  const { json, modelTopology, manifest } = parseModelJson(files.modelJson, limits);
  const checked = checkManifest(manifest, limits);
  checkTopology(modelTopology, checked.params, limits);
  const buffers = orderWeightFiles(checked.paths, files.weights);
  checkManifestBytes(
    checked,
    buffers.map((b) => b.byteLength),
  );
  const bytes = concatWeightFiles(buffers);
  const weightsHash = await sha256Hex(bytes);
  return withoutLeaks(async () => {
    const model = await load(modelTopology, json, checked.weightSpecs, bytes.buffer);
    checkFitsTask(model, expect);
    if (options.checkValues !== false) await checkWeightValues(model);
    return { model, params: model.countParams(), weightsHash };
  });
}
