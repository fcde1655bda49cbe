/**
 * Model files in and out: a trained student saved as a standard TensorFlow.js layers model
 * (model.json + one weight file), and a layers model from the user's disk checked before use.
 *
 * Export rebuilds the student as a tf.sequential with the same layers, copies our variables
 * into it and captures what `model.save` writes, so the files load anywhere
 * `tf.loadLayersModel` runs and need no code of ours.
 *
 * Import treats the files as untrusted: everything that can be checked from model.json and the
 * byte counts (structure, dtypes, shapes, sizes, limits, which files) is checked before tfjs
 * allocates anything, and each failure says what is wrong in words a user can act on.
 */
import * as tf from '@tensorflow/tfjs';
import { activationExportReason } from '../config/export';
import type { Activation, BuiltSpec } from '../config/schema';
import { sha256Hex } from './models/pretrained';
import type { Model } from './models/types';

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

type LayerActivation = NonNullable<Parameters<typeof tf.layers.dense>[0]['activation']>;

/**
 * Our activations as tfjs layer activations, where a built-in one computes the same function.
 * gelu has none that loads: tfjs-layers 4.22 has 'gelu_new' (our tanh approximation) and saves
 * it under that name, but its loader camel-cases every string in the config, looks up
 * 'geluNew' and fails ("Unknown activation: geluNew"); its 'gelu' is the exact erf form, a
 * different function. A file only our own code could read would not be an export.
 */
const LAYER_ACTIVATION: Record<Activation, LayerActivation | null> = {
  relu: 'relu',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  elu: 'elu',
  gelu: null,
};

/** Why a student cannot be exported (null if it can): for the UI to explain a disabled button. */
export function exportUnsupportedReason(spec: BuiltSpec): string | null {
  if (LAYER_ACTIVATION[spec.activation] !== null) return null;
  return activationExportReason(spec.activation, tf.version_layers);
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
  const act = LAYER_ACTIVATION[spec.activation];
  if (act === null) throw new Error(exportUnsupportedReason(spec)!);
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
  const layers = studentLayers(spec, inputShape, classes);
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

// ---------------------------------------------------------------------------------------------
// Import: checks on model.json and the byte counts, before any tensor exists
// ---------------------------------------------------------------------------------------------

/** Why an import failed, for code that wants to react to a kind of failure (tests, UI hints). */
export type ModelFileProblem =
  | 'too-large'
  | 'empty'
  | 'not-text'
  | 'not-json'
  | 'not-layers-model'
  | 'graph-model'
  | 'bad-manifest'
  | 'files-mismatch'
  | 'unsupported-dtype'
  | 'bad-shape'
  | 'over-limit'
  | 'bytes-mismatch'
  | 'topology-mismatch'
  | 'load-failed'
  | 'unknown-layer'
  | 'wrong-input'
  | 'wrong-output';

export class ModelFileError extends Error {
  constructor(
    readonly problem: ModelFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ModelFileError';
  }
}

export interface ImportLimits {
  /** Largest model.json and largest total of weight bytes. */
  maxBytes: number;
  /** Most weights (elements of all weight tensors) the manifest may declare. */
  maxParams: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 50 * 1024 * 1024, maxParams: 20_000_000 };

/** A weight file with its name (as a file picker gives it), matched to the manifest by name. */
export interface NamedWeightFile {
  name: string;
  bytes: ArrayBuffer;
}

export interface ModelFiles {
  modelJson: string | ArrayBuffer;
  /** The weight files: either in the manifest's path order, or named (any order). */
  weights: ArrayBuffer[] | NamedWeightFile[];
}

/** Bytes per element as stored in weight files (quantized weights use their storage type). */
const STORED_DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
const QUANTIZED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

export interface CheckedManifest {
  groups: { paths: string[]; bytes: number }[];
  paths: string[];
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** Elements of all weights declared. */
  params: number;
  /** Bytes the weight files must hold in total. */
  bytes: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const list = (names: string[]) => names.join(', ');

/** 52428800 → "50 MB"; exact below 1 KB. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return `${n} bytes`;
  const units = [
    ['GB', 2 ** 30],
    ['MB', 2 ** 20],
    ['KB', 2 ** 10],
  ] as const;
  for (const [unit, size] of units) if (n >= size) return `${(n / size).toFixed(1).replace(/\.0$/, '')} ${unit}`;
  return plural(n, 'byte');
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function describeJsonValue(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

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

/**
 * The weights manifest checked from its declarations alone: well-formed groups, unique paths
 * and names, supported dtypes, whole non-negative dimensions, and totals within the limits.
 * Nothing is allocated, so a manifest declaring a billion weights costs nothing to reject.
 */
export function checkManifest(manifest: unknown, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): CheckedManifest {
  if (!Array.isArray(manifest))
    throw new ModelFileError(
      'bad-manifest',
      `weightsManifest should be a list of weight groups, but it is ${describeJsonValue(manifest)}`,
    );
  const groups: CheckedManifest['groups'] = [];
  const paths: string[] = [];
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const names = new Set<string>();
  let params = 0;
  let bytes = 0;
  manifest.forEach((group: unknown, g) => {
    const where = `weightsManifest group ${g + 1}`;
    if (!isRecord(group) || !Array.isArray(group['paths']) || !Array.isArray(group['weights']))
      throw new ModelFileError('bad-manifest', `${where} should have a list of paths and a list of weights`);
    const groupPaths = group['paths'] as unknown[];
    for (const p of groupPaths) {
      if (typeof p !== 'string' || p === '')
        throw new ModelFileError('bad-manifest', `${where} lists a weight file path that is not a name: ${String(p)}`);
      if (paths.includes(p)) throw new ModelFileError('bad-manifest', `The weights manifest lists the file ${p} twice`);
      paths.push(p);
    }
    let groupBytes = 0;
    for (const [i, w] of (group['weights'] as unknown[]).entries()) {
      if (!isRecord(w) || typeof w['name'] !== 'string')
        throw new ModelFileError('bad-manifest', `Weight ${i + 1} of ${where} has no name`);
      const name = w['name'];
      if (names.has(name))
        throw new ModelFileError('bad-manifest', `The weights manifest lists the weight ${name} twice`);
      names.add(name);
      const dtype = w['dtype'];
      if (typeof dtype !== 'string' || !Object.hasOwn(STORED_DTYPE_BYTES, dtype))
        throw new ModelFileError(
          'unsupported-dtype',
          `Weight ${name} has dtype ${JSON.stringify(dtype)}, which KD Studio cannot load ` +
            `(supported: ${Object.keys(STORED_DTYPE_BYTES).join(', ')})`,
        );
      let elementBytes = STORED_DTYPE_BYTES[dtype]!;
      const q = w['quantization'];
      if (q !== undefined) {
        const qType = isRecord(q) ? q['dtype'] : undefined;
        if (typeof qType !== 'string' || !Object.hasOwn(QUANTIZED_BYTES, qType))
          throw new ModelFileError(
            'unsupported-dtype',
            `Weight ${name} is quantized as ${JSON.stringify(qType)}, which TensorFlow.js cannot decode ` +
              `(supported: ${Object.keys(QUANTIZED_BYTES).join(', ')})`,
          );
        elementBytes = QUANTIZED_BYTES[qType]!;
      }
      const shape = w['shape'];
      if (!Array.isArray(shape))
        throw new ModelFileError('bad-shape', `Weight ${name} has no shape (a list of dimensions)`);
      const bad = shape.find((d: unknown) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0);
      if (bad !== undefined)
        throw new ModelFileError(
          'bad-shape',
          `Weight ${name} has the shape [${shape.map((d: unknown) => JSON.stringify(d) ?? String(d)).join(', ')}]: ` +
            `every dimension must be a whole number ≥ 0, and ${JSON.stringify(bad ?? null)} is not`,
        );
      // May overflow to a huge float or Infinity for absurd shapes: still compares correctly.
      const elements = (shape as number[]).reduce((a, b) => a * b, 1);
      params += elements;
      groupBytes += elements * elementBytes;
      weightSpecs.push(w as unknown as tf.io.WeightsManifestEntry);
    }
    if (groupPaths.length === 0 && groupBytes > 0)
      throw new ModelFileError('bad-manifest', `${where} declares weights but lists no file to read them from`);
    groups.push({ paths: groupPaths as string[], bytes: groupBytes });
    bytes += groupBytes;
  });
  if (params > limits.maxParams)
    throw new ModelFileError(
      'over-limit',
      `The model declares ${plural(params, 'weight')} (parameters), over the limit of ` +
        `${limits.maxParams.toLocaleString('en-US')}`,
    );
  if (bytes > limits.maxBytes)
    throw new ModelFileError(
      'over-limit',
      `The model’s weights take ${formatBytes(bytes)}, over the limit of ${formatBytes(limits.maxBytes)}`,
    );
  return { groups, paths, weightSpecs, params, bytes };
}

/**
 * The weight files in manifest path order. Named files are matched by base name (a picker
 * gives "group1-shard1of1.bin" for the path "./group1-shard1of1.bin"); positional files can
 * only be counted, so a mismatch names the paths that have no file.
 */
export function orderWeightFiles(paths: string[], files: ArrayBuffer[] | NamedWeightFile[]): ArrayBuffer[] {
  const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const named = files.filter((f): f is NamedWeightFile => !(f instanceof ArrayBuffer));
  if (named.length === 0) {
    const buffers = files as ArrayBuffer[];
    if (buffers.length < paths.length) {
      const missing = paths.slice(buffers.length);
      throw new ModelFileError(
        'files-mismatch',
        `Missing weight ${missing.length === 1 ? 'file' : 'files'}: the manifest lists ` +
          `${plural(paths.length, 'file')} (${list(paths)}) but ${buffers.length} ` +
          `${buffers.length === 1 ? 'was' : 'were'} given; missing ${list(missing)}`,
      );
    }
    if (buffers.length > paths.length)
      throw new ModelFileError(
        'files-mismatch',
        `Too many weight files: the manifest lists ${plural(paths.length, 'file')}` +
          `${paths.length ? ` (${list(paths)})` : ''} but ${buffers.length} were given`,
      );
    return buffers;
  }
  if (named.length !== files.length)
    throw new Error('orderWeightFiles: pass either plain buffers in manifest order or named files, not a mix');
  const byName = new Map<string, ArrayBuffer>();
  for (const f of named) {
    if (byName.has(f.name))
      throw new ModelFileError('files-mismatch', `Two weight files are named ${f.name}: keep one`);
    byName.set(f.name, f.bytes);
  }
  const missing = paths.filter((p) => !byName.has(baseName(p)));
  const wanted = new Set(paths.map(baseName));
  const extra = named.map((f) => f.name).filter((n) => !wanted.has(n));
  if (missing.length > 0)
    throw new ModelFileError(
      'files-mismatch',
      `Missing weight ${missing.length === 1 ? 'file' : 'files'}: ${list(missing.map(baseName))} ` +
        `(the files given: ${named.length ? list(named.map((f) => f.name)) : 'none'})`,
    );
  if (extra.length > 0)
    throw new ModelFileError(
      'files-mismatch',
      `${extra.length === 1 ? 'This weight file is' : 'These weight files are'} not in the manifest: ` +
        `${list(extra)} (it lists ${paths.length ? list(paths) : 'no files'})`,
    );
  return paths.map((p) => byName.get(baseName(p))!);
}

/**
 * Each group's files together must hold exactly the bytes its weights declare; tfjs would
 * otherwise read past the end (truncated) or silently ignore the rest (padded, or the .bin of
 * another model with a compatible prefix).
 */
export function checkManifestBytes(checked: Pick<CheckedManifest, 'groups'>, byteLengths: number[]): void {
  let file = 0;
  for (const group of checked.groups) {
    const lengths = byteLengths.slice(file, file + group.paths.length);
    file += group.paths.length;
    const got = lengths.reduce((a, b) => a + b, 0);
    if (got === group.bytes) continue;
    const which = group.paths.length === 1 ? group.paths[0]! : `The weight files ${list(group.paths)} together`;
    const expected = `the manifest needs ${plural(group.bytes, 'byte')}, the ${
      group.paths.length === 1 ? 'file has' : 'files have'
    } ${got.toLocaleString('en-US')}`;
    if (got < group.bytes)
      throw new ModelFileError(
        'bytes-mismatch',
        `${which} ${group.paths.length === 1 ? 'is' : 'are'} truncated: ${expected} ` +
          `(${plural(group.bytes - got, 'byte')} short)`,
      );
    throw new ModelFileError(
      'bytes-mismatch',
      `${which} ${group.paths.length === 1 ? 'is' : 'are'} too long: ${expected} ` +
        `(${plural(got - group.bytes, 'byte')} too many: padded, or from another model)`,
    );
  }
}

function concat(buffers: ArrayBuffer[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let off = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), off);
    off += b.byteLength;
  }
  return out;
}

const shapeText = (shape: readonly (number | null)[]) => shape.map((d) => d ?? '?').join('×');

/** Layer config fields that count weights: a layer can never hold fewer weights than these. */
const SIZE_FIELDS = ['units', 'filters', 'output_dim', 'input_dim'];

const unknownLayer = (cls: string) =>
  new ModelFileError(
    'unknown-layer',
    `The model uses a layer TensorFlow.js does not know: ${cls} ` +
      '(custom layers, and Keras layers tfjs has not ported, cannot be imported)',
  );

/**
 * The topology's layers checked without building them: every class must be one tfjs has
 * registered (else tfjs would build the layers before it and leak them when it stops), and no
 * layer may declare more units or filters than the manifest has weights in total (tfjs
 * allocates a layer's weights before it compares them with the file, so a Dense of a billion
 * units next to a small manifest would be allocated first).
 */
export function checkTopology(modelTopology: Record<string, unknown>, declaredParams: number): void {
  const known = tf.serialization.SerializationMap.getMap().classNameMap;
  const visit = (layer: unknown, path: string) => {
    if (!isRecord(layer) || typeof layer['class_name'] !== 'string')
      throw new ModelFileError('not-layers-model', `${path} in modelTopology has no class_name, so it is not a layer`);
    const cls = layer['class_name'];
    // Own keys only: 'constructor' or 'toString' are not layers.
    if (!Object.hasOwn(known, cls)) throw unknownLayer(cls);
    const config = layer['config'];
    // Old Keras Sequential configs are a bare list of layers.
    const children = Array.isArray(config) ? config : isRecord(config) ? config['layers'] : undefined;
    if (Array.isArray(children)) children.forEach((c: unknown, i) => visit(c, `Layer ${i + 1} of ${cls}`));
    if (!isRecord(config)) return;
    const name = typeof config['name'] === 'string' ? config['name'] : cls;
    for (const key of ['layer', 'backward_layer'])
      if (isRecord(config[key])) visit(config[key], `The ${key} of ${name}`);
    for (const key of SIZE_FIELDS) {
      const v = config[key];
      if (typeof v === 'number' && v > declaredParams)
        throw new ModelFileError(
          'topology-mismatch',
          `Layer ${name} declares ${key} = ${v.toLocaleString('en-US')}, more than all ` +
            `${plural(declaredParams, 'weight')} in the weight files: the topology and the weights do not belong together`,
        );
    }
  };
  visit(isRecord(modelTopology['model_config']) ? modelTopology['model_config'] : modelTopology, 'The model');
}

/**
 * tf.loadLayersModel with its failures cleaned up. When it throws, tfjs 4.22 leaks what it had
 * made: the variables of the layers built so far and the tensors decoded from the weight file
 * (it never returns the half-made model). An engine scope collects the plain tensors and a
 * before/after look at the registered variables finds the rest. Both see everything created
 * meanwhile, so this assumes nothing else builds models or keeps tensors during the import:
 * in the worker, commands run one at a time on the controller's queue.
 */
async function loadChecked(
  modelTopology: Record<string, unknown>,
  json: Record<string, unknown>,
  weightSpecs: tf.io.WeightsManifestEntry[],
  weightData: ArrayBuffer,
): Promise<tf.LayersModel> {
  const before = new Set(Object.values(tf.engine().state.registeredVariables));
  tf.engine().startScope();
  try {
    return await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology,
        format: 'layers-model',
        weightSpecs,
        weightData,
        ...(isRecord(json['userDefinedMetadata']) ? { userDefinedMetadata: json['userDefinedMetadata'] } : {}),
      }),
    );
  } catch (e) {
    for (const v of Object.values(tf.engine().state.registeredVariables)) if (!before.has(v)) v.dispose();
    const message = e instanceof Error ? e.message : String(e);
    // tfjs's own wording, made specific where it is known: "Unknown activation: swishy. This
    // may be due to…" and "Shape mismatch: [2,8] vs. [8,2]" (the layer's shape, then the file's).
    const unknown = /^Unknown (\w+): ([^\s.]+)/.exec(message);
    if (unknown?.[1] === 'layer') throw unknownLayer(unknown[2]!);
    if (unknown)
      throw new ModelFileError(
        'load-failed',
        `TensorFlow.js could not build the model: it does not know the ${unknown[1]} ${unknown[2]}`,
      );
    const shapes = /^Shape mismatch: (\S+) vs\. (\S+)/.exec(message);
    if (shapes)
      throw new ModelFileError(
        'load-failed',
        `A weight in the file does not fit its layer: the layer needs the shape ${shapes[1]}, ` +
          `the file gives ${shapes[2]}`,
      );
    throw new ModelFileError('load-failed', `TensorFlow.js could not build the model: ${message.split('\n')[0]}`);
  } finally {
    // Disposes only what tfjs left unowned: a loaded model's weights are variables, not scoped.
    tf.engine().endScope();
  }
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
): Promise<{ model: tf.LayersModel; params: number; weightsHash: string }> {
  const { json, modelTopology, manifest } = parseModelJson(files.modelJson, limits);
  const checked = checkManifest(manifest, limits);
  checkTopology(modelTopology, checked.params);
  const buffers = orderWeightFiles(checked.paths, files.weights);
  checkManifestBytes(
    checked,
    buffers.map((b) => b.byteLength),
  );
  const bytes = concat(buffers);
  const weightsHash = await sha256Hex(bytes);
  const model = await loadChecked(modelTopology, json, checked.weightSpecs, bytes.buffer);
  try {
    checkFitsTask(model, expect);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return { model, params: model.countParams(), weightsHash };
}
