/**
 * Model files for import tests: one valid exported student and a catalogue of broken variants,
 * each with the message `importLayersModel` must give. Shared by the unit tests (Node, cpu) and,
 * later, the browser tests. Needs a tfjs backend to be ready (exporting runs the model code).
 */
import { createRng } from '../../lib/rng';
import { exportStudent } from './export';
import type { ImportLimits } from './limits';
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

  // The manifest itself is wrong.
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
    limits: { maxBytes: 1024, maxParams: 20_000_000 },
  });

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
