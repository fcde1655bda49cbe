/**
 * Every model the studio builds or loads, as the files the exported PyTorch project reads
 * (`<name>.json` + `<name>.bin`, the tfjs weights format; kd/models.py `build_from_files`):
 *
 * - MLP and CNN (students, and teachers trained here): a layers model, as the export dialog
 *   writes it (export.ts), the spec in userDefinedMetadata.kdStudio. gelu, which tfjs 4.22
 *   cannot load back, is written as tfjs's own 'gelu_new' (the same tanh form);
 * - transformers (students, teachers trained here, the shipped char-transformer):
 *   "kd-studio-transformer" (models/transformer.ts);
 * - the window MLP: "kd-studio-window-mlp" (window-mlp.ts);
 * - layers models (the shipped Fashion-MNIST teacher, imported models): saved as they are,
 *   after checking that every layer has a PyTorch counterpart (pytorch-support.ts).
 *
 * A model with no PyTorch counterpart is refused with a `NoPytorchCounterpart` error.
 */
import type * as tf from '@tensorflow/tfjs';
import type { StudentSpec, TeacherModelSpec } from '../../config/schema';
import { LAYER_ACTIVATION } from '../../config/export';
import { isSequenceModel } from '../models/sequence';
import { saveTransformer, type Transformer } from '../models/transformer';
import type { Model } from '../models/types';
import { exportAsLayers, layersForSpec, saveLayersModel } from './export';
import { pytorchLayersRefusal } from './pytorch-support';
import { saveWindowMlp } from './window-mlp';

/** Why a model cannot go to PyTorch, for code that reacts to a kind of refusal. */
export type PytorchRefusal = 'unsupported-layer' | 'not-this-model' | 'unknown-kind';

export class NoPytorchCounterpart extends Error {
  constructor(
    readonly problem: PytorchRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'NoPytorchCounterpart';
  }
}

export interface ModelFilesOut {
  /** model.json as an object (JSON.stringify it); its manifest names `<name>.bin`. */
  json: Record<string, unknown>;
  bin: ArrayBuffer;
}

const isTransformer = (x: unknown): x is Transformer =>
  typeof x === 'object' && x !== null && Array.isArray((x as Partial<Transformer>).names) && 'config' in x;

async function layersFiles(layers: tf.LayersModel, weightsFile: string): Promise<ModelFilesOut> {
  // The topology as tfjs would save it, checked before the weights are read.
  const reason = pytorchLayersRefusal(layers.toJSON(undefined, false));
  if (reason) throw new NoPytorchCounterpart('unsupported-layer', reason);
  const { modelJson, weights } = await saveLayersModel(layers, weightsFile);
  return { json: modelJson as unknown as Record<string, unknown>, bin: weights };
}

async function transformerFiles(model: Model, weightsFile: string): Promise<ModelFilesOut> {
  const t = isSequenceModel(model) ? model.sequence : undefined;
  if (!isTransformer(t))
    throw new NoPytorchCounterpart('not-this-model', 'The spec names a transformer, but the model is not one');
  const { json, weights } = await saveTransformer(t, weightsFile);
  return { json: json as unknown as Record<string, unknown>, bin: weights };
}

/**
 * The files of `model` (built from or loaded for `spec`, on inputs of `inputShape` with
 * `classes` outputs: for text, [context] and the vocabulary size), named `<name>.json` and
 * `<name>.bin`. Reads the weights once (async); leaves the model as it was.
 */
export async function modelFiles(
  model: Model,
  spec: StudentSpec | TeacherModelSpec,
  inputShape: number[],
  classes: number,
  name: string,
): Promise<ModelFilesOut> {
  const weightsFile = `${name}.bin`;
  switch (spec.kind) {
    case 'mlp':
    case 'cnn': {
      if (model.layers || isSequenceModel(model))
        throw new NoPytorchCounterpart('not-this-model', `The spec names a ${spec.kind}, but the model is not one`);
      const act = spec.activation === 'gelu' ? 'gelu_new' : LAYER_ACTIVATION[spec.activation]!;
      const layers = layersForSpec(spec, inputShape, classes, act);
      const { modelJson, weights } = await exportAsLayers(model, layers, spec, inputShape, classes, weightsFile);
      return { json: modelJson as unknown as Record<string, unknown>, bin: weights };
    }
    case 'transformer':
      return transformerFiles(model, weightsFile);
    case 'window-mlp': {
      if (!isSequenceModel(model) || isTransformer(model.sequence))
        throw new NoPytorchCounterpart('not-this-model', 'The spec names a window MLP, but the model is not one');
      const { json, weights } = await saveWindowMlp(model, spec, classes, inputShape[0]!, weightsFile);
      return { json: json as unknown as Record<string, unknown>, bin: weights };
    }
    case 'pretrained':
    case 'imported':
      if (model.layers) return layersFiles(model.layers, weightsFile);
      if (isSequenceModel(model) && isTransformer(model.sequence)) return transformerFiles(model, weightsFile);
      throw new NoPytorchCounterpart(
        'not-this-model',
        `The ${spec.kind} model is neither a layers model nor a transformer: it has no PyTorch counterpart`,
      );
    default: {
      const kind: string = (spec as { kind: string }).kind;
      throw new NoPytorchCounterpart('unknown-kind', `Models of kind ${kind} have no PyTorch counterpart`);
    }
  }
}
