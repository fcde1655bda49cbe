/**
 * Model files in and out: a trained student saved as a TensorFlow.js layers model
 * (`export.ts`), and a layers model from the user's disk treated as untrusted and checked
 * before use (`load.ts`, with the checks in `model-json.ts`, `manifest.ts`, `weight-files.ts`
 * and `topology.ts`; every failure is a `ModelFileError` from `errors.ts`), and every model as
 * the files the exported PyTorch project reads (`model-files.ts`).
 */
export { formatBytes, ModelFileError, type ModelFileProblem } from './errors';
export {
  exportAsLayers,
  exportStudent,
  exportUnsupportedReason,
  layersForSpec,
  saveLayersModel,
  studentLayers,
  type ExportMetadata,
} from './export';
export { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
export { importLayersModel } from './load';
export { checkManifest, type CheckedManifest } from './manifest';
export { parseModelJson } from './model-json';
export { checkTopology } from './topology';
export { modelFiles, NoPytorchCounterpart, type ModelFilesOut, type PytorchRefusal } from './model-files';
export { PYTORCH_ACTIVATIONS, PYTORCH_LAYERS, pytorchLayersRefusal } from './pytorch-support';
export { loadWindowMlp, saveWindowMlp, WINDOW_MLP_FORMAT, type WindowMlpJson } from './window-mlp';
export { checkManifestBytes, orderWeightFiles, type ModelFiles, type NamedWeightFile } from './weight-files';
