/**
 * Export → load round trips (the files compute our logits and features) and the import
 * checks: every broken file in the fixtures is refused with its own message and no tensor left.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltSpec } from '../config/schema';
import { createRng } from '../lib/rng';
import { tf, useCpu } from '../test/tf';
import {
  checkManifest,
  checkManifestBytes,
  checkTopology,
  exportStudent,
  exportUnsupportedReason,
  importLayersModel,
  ModelFileError,
  orderWeightFiles,
  type ExportMetadata,
} from './model-io';
import { BASE_EXPECT, badModelCases, validModelFiles } from './model-io.fixtures';
import { buildModel } from './models/build';
import { sha256Hex, wrapLayersModel } from './models/pretrained';
import type { Model } from './models/types';

beforeAll(useCpu);

/** Our students start with zero biases; random ones make sure biases land in the right layer. */
function randomiseBiases(model: Model, seed: number): void {
  const rng = createRng(seed, 'biases');
  for (const v of model.variables)
    if (v.rank === 1)
      tf.tidy(() => v.assign(tf.tensor1d(Array.from({ length: v.shape[0]! }, () => rng.normal() * 0.5))));
}

function randomInputs(rows: number, shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed, 'inputs');
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Array.from({ length: rows * size }, () => rng.next() * 2 - 1),
    [rows, ...shape],
  );
}

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  expect(a.shape).toEqual(b.shape);
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const [v] = await d.data();
  d.dispose();
  return v!;
}

interface RoundTrip {
  label: string;
  spec: BuiltSpec;
  inputShape: number[];
  classes: number;
  layers: string[];
}

const ROUND_TRIPS: RoundTrip[] = [
  {
    label: 'MLP on 2-D points',
    spec: { kind: 'mlp', hidden: [16, 8], activation: 'tanh' },
    inputShape: [2],
    classes: 3,
    layers: ['dense1', 'features', 'logits'],
  },
  {
    label: 'MLP on 28×28×1 images',
    spec: { kind: 'mlp', hidden: [32], activation: 'relu' },
    inputShape: [28, 28, 1],
    classes: 10,
    layers: ['flatten', 'features', 'logits'],
  },
  {
    label: 'CNN on images',
    spec: { kind: 'cnn', filters: [4, 8], hidden: [16], activation: 'elu' },
    inputShape: [28, 28, 1],
    classes: 10,
    layers: ['conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'features', 'logits'],
  },
  {
    label: 'CNN on non-square RGB images (odd sizes), no dense hidden layer',
    spec: { kind: 'cnn', filters: [3, 2], hidden: [], activation: 'sigmoid' },
    inputShape: [7, 5, 3],
    classes: 4,
    layers: ['conv1', 'pool1', 'conv2', 'pool2', 'features', 'logits'],
  },
  {
    label: 'logistic regression (no hidden layer)',
    spec: { kind: 'mlp', hidden: [], activation: 'relu' },
    inputShape: [2],
    classes: 2,
    layers: ['features', 'logits'],
  },
];

describe('exportStudent', () => {
  it.each(ROUND_TRIPS)('$label: loads with tf.loadLayersModel and gives the same logits and features', async (c) => {
    const before = tf.memory().numTensors;
    const student = buildModel(c.spec, c.inputShape, c.classes, createRng(11, c.label), 'io-test');
    randomiseBiases(student, 3);
    // Named as the export dialog names a lane's files, so two exports never share a weight file.
    const stem = 'student-2-hinton-step30';
    const { modelJson, weights } = await exportStudent(student, c.spec, c.inputShape, c.classes, `${stem}.weights.bin`);
    // The files as they would be written and read back: JSON text and bytes.
    const json = JSON.parse(JSON.stringify(modelJson)) as tf.io.ModelJSON;
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toEqual([{ paths: [`${stem}.weights.bin`], weights: expect.any(Array) }]);
    expect(weights.byteLength).toBe(student.paramCount * 4);
    // Loaded as from a folder holding the two downloads: tf.loadLayersModel fetches model.json,
    // then the weight file its manifest names, relative to it. A wrong name is a 404.
    const folder = new Map<string, BodyInit>([
      [`downloads/${stem}.json`, JSON.stringify(json)],
      [`downloads/${stem}.weights.bin`, new Uint8Array(weights)],
    ]);
    const fetched: string[] = [];
    const fetchFunc = async (input: URL | RequestInfo) => {
      const url = String(input);
      fetched.push(url);
      const body = folder.get(url);
      return body === undefined ? new Response('not found', { status: 404 }) : new Response(body);
    };
    const loaded = await tf.loadLayersModel(tf.io.http(`downloads/${stem}.json`, { fetchFunc }));
    expect(fetched).toEqual([`downloads/${stem}.json`, `downloads/${stem}.weights.bin`]);
    expect(loaded.layers.map((l) => l.name)).toEqual(c.layers);
    expect(loaded.countParams()).toBe(student.paramCount);
    const wrapped = wrapLayersModel(loaded, c.inputShape, c.classes);
    // Rank-2 rows for the MLPs (our forward flattens), image tensors for the CNN.
    const x = randomInputs(64, c.inputShape, 5);
    // forward() leaves its intermediates to the caller's tidy, as the session's step does.
    const ours = tf.tidy(() => student.forward(x));
    const theirs = tf.tidy(() => wrapped.forward(x));
    expect(await maxAbsDiff(theirs.logits, ours.logits)).toBeLessThan(1e-5);
    expect(await maxAbsDiff(theirs.features, ours.features)).toBeLessThan(1e-5);
    // Not trivially equal: the logits vary across rows and classes.
    const spread = tf.tidy(() => tf.sub(tf.max(ours.logits), tf.min(ours.logits)));
    expect((await spread.data())[0]).toBeGreaterThan(0.1);
    // The export must not have disturbed the student's own weights.
    const again = tf.tidy(() => student.forward(x));
    expect(await maxAbsDiff(again.logits, ours.logits)).toBe(0);
    tf.dispose([x, spread, ours.logits, ours.features, theirs.logits, theirs.features, again.logits, again.features]);
    wrapped.dispose();
    student.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('flattens images in the same order as our reshape (NHWC, row-major)', async () => {
    // One-hot inputs through a linear model: logit k of input i is exactly kernel row i, so a
    // different flatten order would show up as permuted rows.
    const spec: BuiltSpec = { kind: 'mlp', hidden: [], activation: 'relu' };
    const shape = [3, 4, 2];
    const student = buildModel(spec, shape, 5, createRng(2, 'order'), 'io-order');
    const { modelJson, weights } = await exportStudent(student, spec, shape, 5);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]!.weights,
        weightData: weights,
      }),
    );
    const x = tf.tidy(() => tf.reshape(tf.eye(24), [24, ...shape]));
    const out = loaded.predict(x) as tf.Tensor;
    expect(await maxAbsDiff(out, student.variables[0]!)).toBe(0);
    tf.dispose([x, out]);
    loaded.dispose();
    student.dispose();
  });

  it('refuses gelu students with the reason, before building anything', async () => {
    const spec: BuiltSpec = { kind: 'mlp', hidden: [8], activation: 'gelu' };
    expect(exportUnsupportedReason(spec)).toMatch(/^Students with gelu cannot be exported yet: TensorFlow\.js 4\.22/);
    expect(exportUnsupportedReason({ ...spec, activation: 'elu' })).toBeNull();
    const student = buildModel(spec, [2], 3, createRng(1, 'gelu'), 'io-gelu');
    const before = tf.memory().numTensors;
    await expect(exportStudent(student, spec, [2], 3)).rejects.toThrow(/gelu cannot be exported yet.*Use relu, tanh/);
    expect(tf.memory().numTensors).toBe(before);
    student.dispose();
  });

  it('tfjs 4.22 still cannot load its own gelu_new (when this fails, gelu export can be enabled)', async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, activation: 'gelu_new' })] });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await m.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    m.dispose();
    const before = Object.keys(tf.engine().state.registeredVariables).length;
    await expect(tf.loadLayersModel(tf.io.fromMemory({ modelTopology: artifacts!.modelTopology }))).rejects.toThrow(
      /Unknown activation: geluNew/,
    );
    // It failed after building nothing with weights (the Dense's activation is resolved first).
    expect(Object.keys(tf.engine().state.registeredVariables).length).toBe(before);
  });

  it('records what it exported in userDefinedMetadata', async () => {
    const { json } = await validModelFiles();
    const meta = (json['userDefinedMetadata'] as { kdStudio: ExportMetadata }).kdStudio;
    expect(meta).toEqual({
      student: expect.objectContaining({ kind: 'mlp' }),
      inputShape: [2],
      classes: 3,
      output: 'logits',
    });
  });

  it('refuses a spec that does not describe the model', async () => {
    const spec: BuiltSpec = { kind: 'mlp', hidden: [8], activation: 'relu' };
    const student = buildModel(spec, [2], 3, createRng(1, 'x'), 'io-mismatch');
    const before = tf.memory().numTensors;
    await expect(exportStudent(student, { ...spec, hidden: [8, 8] }, [2], 3)).rejects.toThrow(
      /has 4 weight tensors, but its spec describes 6/,
    );
    await expect(exportStudent(student, { ...spec, hidden: [9] }, [2], 3)).rejects.toThrow(
      /weight io-mismatch#\d+\/dense1\/w has shape 2×8, but the spec gives features\/kernel the shape 2×9/,
    );
    expect(tf.memory().numTensors).toBe(before);
    student.dispose();
  });
});

describe('importLayersModel', () => {
  it('imports an exported model and reports its parameters and weights hash', async () => {
    const { files, weights } = await validModelFiles();
    const before = tf.memory().numTensors;
    const { model, params, weightsHash } = await importLayersModel(files, BASE_EXPECT);
    expect(params).toBe(2 * 8 + 8 + 8 * 3 + 3);
    expect(weightsHash).toBe(await sha256Hex(new Uint8Array(weights)));
    expect(weightsHash).toMatch(/^[0-9a-f]{12}$/);
    expect(model.getLayer('features')).toBeDefined();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives a model that, wrapped, computes what the exported student computed', async () => {
    const spec: BuiltSpec = { kind: 'cnn', filters: [4], hidden: [8], activation: 'relu' };
    const student = buildModel(spec, [28, 28, 1], 10, createRng(4, 'import'), 'io-import');
    randomiseBiases(student, 9);
    const { modelJson, weights } = await exportStudent(student, spec, [28, 28, 1], 10);
    const { model, params } = await importLayersModel(
      { modelJson: JSON.stringify(modelJson), weights: [{ name: 'weights.bin', bytes: weights }] },
      { inputShape: [28, 28, 1], classes: 10 },
    );
    expect(params).toBe(student.paramCount);
    expect(model.getUserDefinedMetadata()).toEqual(modelJson.userDefinedMetadata);
    const teacher = wrapLayersModel(model, [28, 28, 1], 10);
    const x = randomInputs(16, [28, 28, 1], 8);
    const ours = tf.tidy(() => student.forward(x));
    const theirs = tf.tidy(() => teacher.forward(x));
    expect(await maxAbsDiff(theirs.logits, ours.logits)).toBeLessThan(1e-5);
    expect(await maxAbsDiff(theirs.features, ours.features)).toBeLessThan(1e-5);
    tf.dispose([x, ours.logits, ours.features, theirs.logits, theirs.features]);
    teacher.dispose();
    student.dispose();
  });

  it('accepts model.json as bytes and weight files by name', async () => {
    const { json, weights } = await validModelFiles();
    const { model } = await importLayersModel(
      {
        modelJson: new TextEncoder().encode(JSON.stringify(json)).buffer as ArrayBuffer,
        weights: [{ name: 'weights.bin', bytes: weights }],
      },
      BASE_EXPECT,
    );
    model.dispose();
  });

  it('reads weights split over several files and groups, in manifest order', async () => {
    const { json, weights } = await validModelFiles();
    const specs = (json['weightsManifest'] as tf.io.WeightsManifestConfig)[0]!.weights;
    // Group 1: the first kernel, split mid-tensor over two shards; group 2: the rest.
    const first = 2 * 8 * 4;
    const split = {
      ...json,
      weightsManifest: [
        { paths: ['g1-shard1of2.bin', 'g1-shard2of2.bin'], weights: specs.slice(0, 1) },
        { paths: ['g2-shard1of1.bin'], weights: specs.slice(1) },
      ],
    };
    const files = [weights.slice(0, 10), weights.slice(10, first), weights.slice(first)];
    const { model, weightsHash } = await importLayersModel(
      { modelJson: JSON.stringify(split), weights: files },
      BASE_EXPECT,
    );
    expect(weightsHash).toBe(await sha256Hex(new Uint8Array(weights)));
    model.dispose();
    // Bytes moved from one group to another are caught per group, not only in total.
    await expect(
      importLayersModel(
        { modelJson: JSON.stringify(split), weights: [files[0]!, files[1]!.slice(4), weights.slice(first - 4)] },
        BASE_EXPECT,
      ),
    ).rejects.toThrow(
      /^The weight files g1-shard1of2\.bin, g1-shard2of2\.bin together are truncated: .*\(4 bytes short\)$/,
    );
  });

  it('refuses each broken file with its own message and leaves no tensor behind', async () => {
    const cases = await badModelCases();
    expect(cases.length).toBeGreaterThanOrEqual(12);
    const before = tf.memory().numTensors;
    const variables = Object.keys(tf.engine().state.registeredVariables).length;
    const messages = new Map<string, string>();
    for (const c of cases) {
      let error: unknown;
      try {
        const { model } = await importLayersModel(c.files, c.expect, c.limits);
        model.dispose();
      } catch (e) {
        error = e;
      }
      expect(error, c.name).toBeInstanceOf(ModelFileError);
      const message = (error as Error).message;
      expect(message, c.name).toMatch(c.expectedMessage);
      expect(tf.memory().numTensors, `${c.name} leaked tensors`).toBe(before);
      expect(Object.keys(tf.engine().state.registeredVariables).length, `${c.name} leaked variables`).toBe(variables);
      messages.set(c.name, message);
    }
    // Specific means distinct: no two failures share a message.
    expect(new Set(messages.values()).size).toBe(cases.length);
  });
});

describe('manifest helpers', () => {
  const manifest = [
    {
      paths: ['a.bin', 'b.bin'],
      weights: [
        { name: 'k', shape: [3, 4], dtype: 'float32' },
        { name: 'q', shape: [10], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } },
      ],
    },
    { paths: ['c.bin'], weights: [{ name: 'm', shape: [2], dtype: 'bool' }] },
  ];

  it('counts parameters and bytes from the declarations (quantized weights at their stored size)', () => {
    const checked = checkManifest(manifest);
    expect(checked.params).toBe(12 + 10 + 2);
    expect(checked.groups).toEqual([
      { paths: ['a.bin', 'b.bin'], bytes: 48 + 10 },
      { paths: ['c.bin'], bytes: 2 },
    ]);
    expect(() => checkManifestBytes(checked, [50, 8, 2])).not.toThrow();
    expect(() => checkManifestBytes(checked, [50, 8, 3])).toThrow(/^c\.bin is too long/);
  });

  it('rejects an unknown quantization type and a malformed group', () => {
    expect(() =>
      checkManifest([
        { paths: ['a.bin'], weights: [{ name: 'k', shape: [1], dtype: 'float32', quantization: { dtype: 'int4' } }] },
      ]),
    ).toThrow(/^Weight k is quantized as "int4", which TensorFlow\.js cannot decode/);
    expect(() => checkManifest([{ paths: 'a.bin', weights: [] }])).toThrow(/group 1 should have a list of paths/);
    // Names that every object "has" are not dtypes or layers.
    expect(() =>
      checkManifest([{ paths: ['a.bin'], weights: [{ name: 'k', shape: [1], dtype: 'toString' }] }]),
    ).toThrow(/has dtype "toString", which KD Studio cannot load/);
    expect(() => checkTopology({ class_name: 'constructor', config: {} }, 10)).toThrow(/does not know: constructor/);
    expect(() => checkManifest({})).toThrow(/should be a list of weight groups, but it is an object/);
  });

  it('matches named files by base name and in any order', () => {
    const a = new ArrayBuffer(1);
    const b = new ArrayBuffer(2);
    const ordered = orderWeightFiles(
      ['./x/a.bin', 'b.bin'],
      [
        { name: 'b.bin', bytes: b },
        { name: 'a.bin', bytes: a },
      ],
    );
    expect(ordered).toEqual([a, b]);
    expect(ordered[0]).toBe(a);
  });
});
