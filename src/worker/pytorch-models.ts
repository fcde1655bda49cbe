/**
 * A model as the files the PyTorch project reads (and the studio imports back): a layers model
 * for MLPs, CNNs and imported or shipped layers models; the studio's transformer format for
 * transformers. Each file pair is a model.json with a tfjs weights manifest and one .bin.
 */
import type { StudentSpec, TeacherModelSpec } from '../config/models';
import { exportStudent, saveLayersModel } from '../engine/model-io';
import { isSequenceModel } from '../engine/models/sequence';
import { saveTransformer, type Transformer } from '../engine/models/transformer';
import type { Model } from '../engine/models/types';

export async function modelFiles(
  model: Model,
  spec: StudentSpec | TeacherModelSpec,
  inputShape: number[],
  classes: number,
  name: string,
): Promise<{ json: object; bin: ArrayBuffer }> {
  const weightsFile = `${name}.bin`;
  if (model.layers) {
    const m = await saveLayersModel(model.layers, weightsFile);
    return { json: m.modelJson, bin: m.weights };
  }
  if (isSequenceModel(model) && spec.kind === 'transformer') {
    const m = await saveTransformer(model.sequence as Transformer, weightsFile);
    return { json: m.json, bin: m.weights };
  }
  if (spec.kind === 'mlp' || spec.kind === 'cnn') {
    const m = await exportStudent(model, spec, inputShape, classes, weightsFile);
    return { json: m.modelJson, bin: m.weights };
  }
  throw new Error(`A ${spec.kind} model does not export to PyTorch yet`);
}
