/**
 * Export: a trained student saved as a standard TensorFlow.js layers model (model.json + one
 * weight file). Whether a student can be exported at all is decided in config/export.ts.
 *
 * A built student (MLP or CNN) is rebuilt as a tf.sequential with the same layers, our
 * variables are copied into it and what `model.save` writes is captured, so the files load
 * anywhere `tf.loadLayersModel` runs and need no code of ours. A student that is a layers
 * model already (an imported one) is saved as it is (`saveLayersModel`).
 */
import * as tf from '@tensorflow/tfjs';
import { LAYER_ACTIVATION, studentExport, type LayerActivation } from '../../config/export';
import type { BuiltSpec } from '../../config/schema';
import type { Model } from '../models/types';

/** Why a student cannot be exported (null if it can): the decision of config/export.ts. */
export function exportUnsupportedReason(spec: BuiltSpec): string | null {
  const plan = studentExport(spec, tf.version_layers);
  return plan.format === null ? plan.reason : null;
}

/** What KD Studio writes into model.json's userDefinedMetadata (tfjs keeps it on load). */
export interface ExportMetadata {
  student: BuiltSpec;
  inputShape: number[];
  classes: number;
  output: 'logits';
}

/**
 * The layers model equivalent to `createMlp` / `createCnn` for a spec. Layer names are part of
 * the format: the last hidden representation is 'features' (what Model.forward returns as
 * features) and the output is 'logits', so `wrapLayersModel` finds both.
 */
export function studentLayers(spec: BuiltSpec, inputShape: number[], classes: number): tf.Sequential {
  const reason = exportUnsupportedReason(spec);
  if (reason !== null) throw new Error(reason);
  // An exportable activation has a layer activation (the table the decision reads).
  return layersForSpec(spec, inputShape, classes, LAYER_ACTIVATION[spec.activation]!);
}

/**
 * `studentLayers` with the layer activation given, unchecked: the PyTorch export writes gelu
 * students with tfjs's 'gelu_new' (our tanh form), a file tfjs 4.22 saves but cannot load
 * again (config/export.ts), which the exported project reads.
 */
export function layersForSpec(
  spec: BuiltSpec,
  inputShape: number[],
  classes: number,
  act: LayerActivation,
): tf.Sequential {
  const model = tf.sequential();
  // Only the first layer takes the input shape.
  const first = (): { inputShape?: number[] } => (model.layers.length === 0 ? { inputShape } : {});
  const denseStack = (hidden: number[]) => {
    hidden.forEach((units, i) =>
      model.add(
        tf.layers.dense({
          ...first(),
          units,
          activation: act,
          name: i === hidden.length - 1 ? 'features' : `dense${i + 1}`,
        }),
      ),
    );
    model.add(tf.layers.dense({ ...first(), units: classes, activation: 'linear', name: 'logits' }));
  };
  if (spec.kind === 'mlp') {
    // Our MLP flattens images row-major (NHWC), exactly as Flatten does.
    if (inputShape.length > 1)
      model.add(tf.layers.flatten({ inputShape, name: spec.hidden.length === 0 ? 'features' : 'flatten' }));
    else if (spec.hidden.length === 0)
      // A linear model's "features" are its inputs: an identity layer keeps the name contract.
      model.add(tf.layers.activation({ inputShape, activation: 'linear', name: 'features' }));
    denseStack(spec.hidden);
    return model;
  }
  if (inputShape.length !== 3) throw new Error('A CNN needs image inputs (height × width × channels)');
  spec.filters.forEach((filters, i) => {
    model.add(
      tf.layers.conv2d({
        ...first(),
        filters,
        kernelSize: 3,
        strides: 1,
        padding: 'same',
        activation: act,
        name: `conv${i + 1}`,
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'valid', name: `pool${i + 1}` }));
  });
  model.add(tf.layers.flatten({ name: spec.hidden.length === 0 ? 'features' : 'flatten' }));
  denseStack(spec.hidden);
  return model;
}

/**
 * A student as model.json (an object, to be JSON.stringify'd) and the bytes of its weight file.
 * The files load with `tf.loadLayersModel` and compute the same logits as `model.forward`.
 * `weightsFile` is the name the weight file is saved under, written into the manifest's paths:
 * the loader fetches it relative to model.json, so the two must match.
 */
export async function exportStudent(
  model: Model,
  spec: BuiltSpec,
  inputShape: number[],
  classes: number,
  weightsFile = 'weights.bin',
): Promise<{ modelJson: tf.io.ModelJSON; weights: ArrayBuffer }> {
  return exportAsLayers(model, studentLayers(spec, inputShape, classes), spec, inputShape, classes, weightsFile);
}

/** `exportStudent` with the layers model given (`layers` is disposed here, the student is not). */
export async function exportAsLayers(
  model: Model,
  layers: tf.Sequential,
  spec: BuiltSpec,
  inputShape: number[],
  classes: number,
  weightsFile: string,
): Promise<{ modelJson: tf.io.ModelJSON; weights: ArrayBuffer }> {
  try {
    // Same order on both sides: each layer's kernel then bias, input to output.
    const targets = layers.weights;
    if (targets.length !== model.variables.length)
      throw new Error(
        `This student has ${model.variables.length} weight tensors, but its spec describes ${targets.length}: ` +
          'the spec does not belong to this model',
      );
    targets.forEach((t, i) => {
      const v = model.variables[i]!;
      if (t.shape.join('×') !== v.shape.join('×'))
        throw new Error(
          `The student's weight ${v.name} has shape ${v.shape.join('×')}, but the spec gives ` +
            `${t.originalName} the shape ${t.shape.join('×')}: the spec does not belong to this model`,
        );
    });
    // setWeights shares the variables' buffers (reference counted), it does not copy them;
    // disposing `layers` below leaves the student intact.
    layers.setWeights(model.variables);
    let saved: tf.io.ModelArtifacts | undefined;
    await layers.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!saved?.modelTopology || !saved.weightSpecs || !saved.weightData)
      throw new Error('TensorFlow.js saved no topology or weights');
    const metadata: ExportMetadata = { student: spec, inputShape, classes, output: 'logits' };
    return {
      modelJson: {
        format: 'layers-model',
        generatedBy: saved.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        modelTopology: saved.modelTopology,
        weightsManifest: [{ paths: [weightsFile], weights: saved.weightSpecs }],
        userDefinedMetadata: { kdStudio: metadata as unknown as Record<string, unknown> },
      },
      // WeightData may be a list of buffers (4.22 gives one); model.json promises one file.
      weights: tf.io.CompositeArrayBuffer.join(saved.weightData),
    };
  } finally {
    layers.dispose();
  }
}

/**
 * A layers model's model.json and weights, as `model.save` produces them, with the manifest
 * naming `weightsFile` (the loader fetches it relative to model.json, so the two must match).
 */
export async function saveLayersModel(
  model: tf.LayersModel,
  weightsFile: string,
): Promise<{ modelJson: tf.io.ModelJSON; weights: ArrayBuffer }> {
  let out: { modelJson: tf.io.ModelJSON; weights: ArrayBuffer } | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const weights = Array.isArray(a.weightData)
        ? new Blob(a.weightData).arrayBuffer()
        : Promise.resolve(a.weightData!);
      out = {
        modelJson: {
          format: 'layers-model',
          modelTopology: a.modelTopology!,
          weightsManifest: [{ paths: [weightsFile], weights: a.weightSpecs! }],
        },
        weights: await weights,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!out) throw new Error('TensorFlow.js saved no topology or weights');
  return out;
}
