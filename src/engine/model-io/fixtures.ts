/**
 * Model files for import tests: one valid exported student and a catalogue of broken variants,
 * each with the message `importLayersModel` must give. Shared by the unit tests (Node, cpu) and,
 * later, the browser tests. Needs a tfjs backend to be ready (exporting runs the model code).
 */
import { createRng } from '../../lib/rng';
import { exportStudent } from './export';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
import type { ModelFiles } from './weight-files';
import { buildModel } from '../models/build';
import type { BuiltSpec } from '../../config/schema';

export interface ModelExpectation {
  inputShape: number[];
  classes: number;
}

export interface BadModelCase {
  name: string;
  files: ModelFiles;
  expect: ModelExpectation;
  limits?: ImportLimits;
  expectedMessage: RegExp;
}

/** The valid base: a toy-task MLP, 2 inputs → 8 (relu) → 3 logits. Weights are seeded. */
export const BASE_SPEC: BuiltSpec = { kind: 'mlp', hidden: [8], activation: 'relu' };
export const BASE_EXPECT: ModelExpectation = { inputShape: [2], classes: 3 };

type Json = Record<string, unknown>;

export async function validModelFiles(): Promise<{ json: Json; weights: ArrayBuffer; files: ModelFiles }> {
  const model = buildModel(BASE_SPEC, BASE_EXPECT.inputShape, BASE_EXPECT.classes, createRng(7, 'fixture'), 'fixture');
  try {
    const { modelJson, weights } = await exportStudent(model, BASE_SPEC, BASE_EXPECT.inputShape, BASE_EXPECT.classes);
    const json = modelJson as unknown as Json;
    return { json, weights, files: { modelJson: JSON.stringify(json), weights: [weights] } };
  } finally {
    model.dispose();
  }
}

const text = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;

/** A deep copy of model.json with `edit` applied. */
function edited(json: Json, edit: (j: Json & { modelTopology: Json; weightsManifest: Json[] }) => void): string {
  const copy = structuredClone(json) as Json & { modelTopology: Json; weightsManifest: Json[] };
  edit(copy);
  return JSON.stringify(copy);
}

const firstWeights = (j: { weightsManifest: Json[] }) => j.weightsManifest[0]!['weights'] as Json[];
const topologyLayers = (j: { modelTopology: Json }) => (j.modelTopology['config'] as Json)['layers'] as Json[];

function bytesWithLength(buffer: ArrayBuffer, length: number): ArrayBuffer {
  const out = new Uint8Array(length);
  out.set(new Uint8Array(buffer).subarray(0, Math.min(length, buffer.byteLength)));
  return out.buffer;
}

/** `weights` as float32 values with `edit` applied (a copy). */
function withValues(weights: ArrayBuffer, edit: (values: Float32Array) => void): ArrayBuffer {
  const values = new Float32Array(weights.slice(0));
  edit(values);
  return values.buffer;
}

/**
 * A chain of `layers` Dense layers, 2 inputs → 2 → … → 3 logits, with zero weights: a valid
 * model whatever its depth, to find what depth breaks. `nested`: each layer wrapped in its own
 * Sequential inside the previous one's, that many levels deep, instead.
 */
export function deepModelFiles(layers: number, nested = false): ModelFiles {
  const dense = (i: number, units: number) => ({
    class_name: 'Dense',
    config: {
      name: `d${i}`,
      units,
      activation: 'linear',
      use_bias: true,
      kernel_initializer: { class_name: 'Zeros', config: {} },
      bias_initializer: { class_name: 'Zeros', config: {} },
      ...(i === 0 ? { batch_input_shape: [null, 2] } : {}),
    },
  });
  const weights: Json[] = [];
  let inputs = 2;
  for (let i = 0; i < layers; i++) {
    const units = i === layers - 1 ? 3 : 2;
    weights.push({ name: `d${i}/kernel`, shape: [inputs, units], dtype: 'float32' });
    weights.push({ name: `d${i}/bias`, shape: [units], dtype: 'float32' });
    inputs = units;
  }
  const chain = Array.from({ length: layers }, (_, i) => dense(i, i === layers - 1 ? 3 : 2));
  let topology: Json = { class_name: 'Sequential', config: { name: 'deep', layers: chain } };
  if (nested)
    topology = chain
      .slice(0, -1)
      .reduceRight<Json>(
        (inner, layer, i) => ({ class_name: 'Sequential', config: { name: `s${i}`, layers: [layer, inner] } }),
        { class_name: 'Sequential', config: { name: `s${layers - 1}`, layers: [chain.at(-1)!] } },
      );
  const elements = weights.reduce((n, w) => n + (w['shape'] as number[]).reduce((a, b) => a * b, 1), 0);
  const modelJson = JSON.stringify({
    format: 'layers-model',
    modelTopology: topology,
    weightsManifest: [{ paths: ['weights.bin'], weights }],
  });
  return { modelJson, weights: [new ArrayBuffer(elements * 4)] };
}

/** Broken model files, each rejected with its own message. */
export async function badModelCases(): Promise<BadModelCase[]> {
  const { json, weights } = await validModelFiles();
  const good = JSON.stringify(json);
  const expect = BASE_EXPECT;
  const cases: BadModelCase[] = [];
  const add = (name: string, files: Partial<ModelFiles>, expectedMessage: RegExp, over: Partial<BadModelCase> = {}) =>
    cases.push({ name, files: { modelJson: good, weights: [weights], ...files }, expect, expectedMessage, ...over });

  // Not a model.json at all.
  add('empty file', { modelJson: '' }, /^model\.json is empty$/);
  add('not JSON', { modelJson: '<html>404 Not Found</html>' }, /^model\.json is not valid JSON: /);
  add(
    'a binary file picked as model.json',
    { modelJson: new Uint8Array([0xff, 0xfe, 0x00, 0x41]).buffer },
    /^model\.json is not text .*weights \.bin file/,
  );
  add(
    'JSON that is a list',
    { modelJson: '[1, 2, 3]' },
    /should hold a JSON object describing a model, but it holds a list/,
  );
  add(
    'a graph model',
    {
      modelJson: JSON.stringify({
        format: 'graph-model',
        generatedBy: '2.15.0',
        convertedBy: 'TensorFlow.js Converter v4.22.0',
        modelTopology: { node: [{ name: 'x', op: 'Placeholder' }], library: {}, versions: { producer: 1 } },
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
      }),
    },
    /^This is a TensorFlow\.js graph model .*--output_format=tfjs_layers_model$/,
  );
  add(
    'a Keras config without weights (model.to_json())',
    { modelJson: JSON.stringify(json['modelTopology']) },
    /no modelTopology.*Keras model config .*to_json/,
  );
  add(
    'missing modelTopology',
    { modelJson: edited(json, (j) => delete (j as Json)['modelTopology']) },
    /^model\.json has no modelTopology/,
  );
  add('missing format', { modelJson: edited(json, (j) => delete j['format']) }, /^model\.json has no format field/);
  add(
    'wrong format',
    { modelJson: edited(json, (j) => (j['format'] = 'saved-model')) },
    /^model\.json has format "saved-model", but KD Studio imports layers models only/,
  );
  add(
    'missing weightsManifest',
    { modelJson: edited(json, (j) => delete (j as Json)['weightsManifest']) },
    /^model\.json has no weightsManifest/,
  );

  // The weight files do not match the manifest.
  add(
    'truncated weights (one byte short)',
    { weights: [bytesWithLength(weights, weights.byteLength - 1)] },
    new RegExp(
      `^weights\\.bin is truncated: the manifest needs ${weights.byteLength} bytes, the file has ${weights.byteLength - 1} \\(1 byte short\\)$`,
    ),
  );
  add(
    'padded weights',
    { weights: [bytesWithLength(weights, weights.byteLength + 4)] },
    /^weights\.bin is too long: .*\(4 bytes too many: padded, or from another model\)$/,
  );
  add(
    'missing weight file',
    { weights: [] },
    /^Missing weight file: .*\(weights\.bin\) but 0 were given; missing weights\.bin$/,
  );
  add(
    'extra weight file',
    { weights: [weights, weights] },
    /^Too many weight files: the manifest lists 1 file \(weights\.bin\) but 2 were given$/,
  );
  add(
    'named weight file with the wrong name',
    { weights: [{ name: 'group1-shard1of1.bin', bytes: weights }] },
    /^Missing weight file: weights\.bin \(the files given: group1-shard1of1\.bin\)$/,
  );
  add(
    'named extra weight file',
    {
      weights: [
        { name: 'weights.bin', bytes: weights },
        { name: 'notes.bin', bytes: text('hello') },
      ],
    },
    /^This weight file is not in the manifest: notes\.bin/,
  );
  add(
    'a path listed twice',
    { modelJson: edited(json, (j) => (j.weightsManifest[0]!['paths'] = ['weights.bin', 'weights.bin'])) },
    /lists the file weights\.bin twice/,
  );

  add(
    'a manifest path outside the model’s folder',
    { modelJson: edited(json, (j) => (j.weightsManifest[0]!['paths'] = ['../../secret/weights.bin'])) },
    /^The weights manifest lists the file “\.\.\/\.\.\/secret\/weights\.bin”, which is not beside model\.json: /,
  );
  add(
    'a manifest path on another site',
    { modelJson: edited(json, (j) => (j.weightsManifest[0]!['paths'] = ['https://elsewhere.example/weights.bin'])) },
    /^The weights manifest lists the file “https:\/\/elsewhere\.example\/weights\.bin”, which is not beside/,
  );
  add(
    'more weight files than the limit',
    {
      modelJson: edited(
        json,
        (j) => (j.weightsManifest[0]!['paths'] = Array.from({ length: 64 }, (_, i) => `${i}.bin`)),
      ),
    },
    /^The weights manifest lists more than 32 weight files: KD Studio reads up to 32 /,
  );

  // The manifest itself is wrong.
  add(
    'a weight named __proto__',
    { modelJson: edited(json, (j) => (firstWeights(j)[0]!['name'] = '__proto__')) },
    /^The model names a weight “__proto__”, a name every JavaScript object already has/,
  );
  add(
    'a layer named constructor',
    { modelJson: edited(json, (j) => ((topologyLayers(j)[0]!['config'] as Json)['name'] = 'constructor')) },
    /^The model names a layer “constructor”, a name every JavaScript object already has/,
  );
  add(
    'duplicate weight names',
    { modelJson: edited(json, (j) => (firstWeights(j)[1]!['name'] = firstWeights(j)[0]!['name'])) },
    /^The weights manifest lists the weight features\/kernel twice$/,
  );
  add(
    'unsupported dtype (string)',
    { modelJson: edited(json, (j) => (firstWeights(j)[0]!['dtype'] = 'string')) },
    /^Weight \S+ has dtype "string", which KD Studio cannot load \(supported: float32, int32, bool\)$/,
  );
  add(
    'negative dimension',
    { modelJson: edited(json, (j) => (firstWeights(j)[0]!['shape'] = [-2, 8])) },
    /has the shape \[-2, 8\]: every dimension must be a whole number ≥ 0, and -2 is not$/,
  );
  add(
    'NaN dimension (null in JSON)',
    { modelJson: edited(json, (j) => (firstWeights(j)[0]!['shape'] = [Number.NaN, 8])) },
    /has the shape \[null, 8\]: .* and null is not$/,
  );
  add(
    'fractional dimension',
    { modelJson: edited(json, (j) => (firstWeights(j)[0]!['shape'] = [2.5, 8])) },
    /has the shape \[2\.5, 8\]: .* and 2\.5 is not$/,
  );
  add(
    'huge manifest (a billion weights)',
    // Bytes given as usual: the parameter count alone must reject it, before any allocation.
    { modelJson: edited(json, (j) => (firstWeights(j)[0]!['shape'] = [100_000, 10_000])) },
    /^The model declares 1,000,000,\d{3} weights \(parameters\), over the limit of 20,000,000$/,
  );
  add(
    'weights over the byte limit',
    { modelJson: edited(json, (j) => (firstWeights(j)[0]!['shape'] = [4_000_000, 4])) },
    /^The model’s weights take 61 MB, over the limit of 50 MB$/,
  );
  add('model.json over the byte limit', {}, /^model\.json is \d+(\.\d)? KB, over the limit of 1 KB$/, {
    limits: { ...DEFAULT_IMPORT_LIMITS, maxBytes: 1024 },
  });

  // Weights that are all there, but not numbers.
  add(
    'NaN weights',
    { weights: [withValues(weights, (v) => (v[3] = Number.NaN))] },
    /^The weight features\/kernel holds 1 NaN value among its 16: a model with NaN or infinite weights/,
  );
  add(
    'NaN and infinite values in two weights',
    { weights: [withValues(weights, (v) => v.fill(Number.POSITIVE_INFINITY, v.length - 3).fill(Number.NaN, 0, 1))] },
    /^The weight features\/kernel holds 1 NaN value among its 16 \(and 1 other weight too\)/,
  );
  add(
    'infinite logit biases',
    { weights: [withValues(weights, (v) => v.fill(Number.NEGATIVE_INFINITY, v.length - 2))] },
    /^The weight logits\/bias holds 2 infinite values among its 3: /,
  );

  // Too deep to build.
  add('10,000 layers', deepModelFiles(10_000), /^The model has more than 1,000 layers: KD Studio imports models of up/);
  add(
    'models nested 20 deep',
    deepModelFiles(20, true),
    /^The model nests models or wrapped layers more than 16 levels deep \(real models nest one or two\)/,
  );

  // Valid files, but tfjs cannot build them or they do not fit the task.
  add(
    'unknown layer class',
    { modelJson: edited(json, (j) => (topologyLayers(j)[0]!['class_name'] = 'MyCustomDense')) },
    /^The model uses a layer TensorFlow\.js does not know: MyCustomDense /,
  );
  add(
    'a layer far bigger than its weights',
    // A billion units and a small manifest: refused before tfjs would allocate the layer.
    { modelJson: edited(json, (j) => ((topologyLayers(j)[1]!['config'] as Json)['units'] = 1e9)) },
    /^Layer logits declares units = 1,000,000,000, more than all 51 weights in the weight files: /,
  );
  add(
    'an activation tfjs does not know',
    // tfjs fails while deserialising the second layer, after building the first one's weights.
    {
      modelJson: edited(json, (j) => {
        const layers = topologyLayers(j);
        (layers.at(-1)!['config'] as Json)['activation'] = 'swishy';
      }),
    },
    /^TensorFlow\.js could not build the model: it does not know the activation swishy$/,
  );
  add(
    'weights that do not fit the layers',
    // Same byte count, transposed kernel: only tfjs, matching weights to layers, can tell.
    { modelJson: edited(json, (j) => (firstWeights(j)[0]!['shape'] = [8, 2])) },
    /^A weight in the file does not fit its layer: the layer needs the shape \[2,8\], the file gives \[8,2\]$/,
  );
  add('wrong input shape', {}, /^The model expects inputs of shape 2, but this task gives 28×28×1$/, {
    expect: { inputShape: [28, 28, 1], classes: 3 },
  });
  add('wrong number of outputs', {}, /^The model has 3 outputs, but this task has 10 classes$/, {
    expect: { inputShape: [2], classes: 10 },
  });
  return cases;
}
