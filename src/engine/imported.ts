/**
 * Models the user imported (tfjs layers models), kept in the worker by the hash of their
 * weights. Each use loads a fresh copy from the stored bytes: a teacher, or one student per
 * race lane, each with its own variables.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImportedSpec } from '../config/schema';
import { forwardInChunks } from './forward';
import { importLayersModel, type ImportLimits, type ModelFiles } from './model-io';
import type { OutputActivation } from './models/output-activation';
import { wrapLayersModel } from './models/pretrained';
import type { Model } from './models/types';

export interface ImportedInfo {
  hash: string;
  name: string;
  params: number;
  featureDim: number;
  /** The softmax or sigmoid the model ends in: the studio reads the values before it as logits. */
  outputActivation?: OutputActivation;
}

const store = new Map<string, { files: ModelFiles; info: ImportedInfo }>();

/** Validates and keeps a model; returns what the config needs to refer to it. */
export async function registerImported(
  name: string,
  files: ModelFiles,
  expect: { inputShape: number[]; classes: number },
  limits?: ImportLimits,
): Promise<ImportedInfo> {
  const { model, params, weightsHash } = await importLayersModel(files, expect, limits);
  try {
    const wrapped = wrapLayersModel(model, expect.inputShape, expect.classes);
    const featureDim = tf.tidy(() => wrapped.forward(tf.zeros([1, ...expect.inputShape])).features.shape[1]);
    const info: ImportedInfo = {
      hash: weightsHash,
      name: name.slice(0, 120),
      params,
      featureDim,
      ...(wrapped.outputActivation && { outputActivation: wrapped.outputActivation }),
    };
    store.set(weightsHash, { files, info });
    return info;
  } finally {
    model.dispose();
  }
}

export const hasImported = (hash: string): boolean => store.has(hash);

/** The tf.Variables under a layers model's weights: each LayerVariable wraps one (`read()`). */
const variablesOf = (weights: unknown[]): tf.Variable[] => weights.map((w) => (w as { read(): tf.Variable }).read());

/**
 * A fresh copy of an imported model, as a frozen teacher or as a trainable student. A teacher
 * always runs in inference mode (BatchNormalization's moving statistics, no dropout), whatever
 * its caller asks; a student trains its trainable weights, and its moving statistics move
 * during its steps (checkpointed as its `state`).
 */
export async function loadImported(
  spec: ImportedSpec,
  inputShape: number[],
  classes: number,
  trainable: boolean,
): Promise<Model> {
  const entry = store.get(spec.hash);
  if (!entry)
    throw new Error(
      `This experiment uses the imported model “${spec.name}” (${spec.hash}), which is not in this browser: import it again.`,
    );
  // Its values were checked when it was registered: a fresh copy need not read them all again.
  const { model } = await importLayersModel(entry.files, { inputShape, classes }, undefined, { checkValues: false });
  const wrapped = wrapLayersModel(model, inputShape, classes);
  return trainable
    ? { ...wrapped, variables: variablesOf(model.trainableWeights), state: variablesOf(model.nonTrainableWeights) }
    : { ...wrapped, forward: (x) => wrapped.forward(x, false) };
}

/** The share of test rows an imported teacher classifies right, measured before distilling. */
export async function measureAccuracy(model: Model, testX: tf.Tensor, testY: tf.Tensor1D): Promise<number> {
  const { logits, features } = forwardInChunks(model, testX);
  const acc = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits, -1), testY), 'float32')));
  const value = (await acc.data())[0]!;
  tf.dispose([logits, features, acc]);
  return value;
}
