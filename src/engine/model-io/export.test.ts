/** Export → load round trips: the files load with tf.loadLayersModel and compute our logits and features. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltSpec } from '../../config/schema';
import { createRng } from '../../lib/rng';
import { maxAbsDiff, randomInputs, randomiseBiases } from '../../test/tensors';
import { tf, useCpu } from '../../test/tf';
import { buildModel } from '../models/build';
import { wrapLayersModel } from '../models/pretrained';
import { exportStudent, exportUnsupportedReason, saveLayersModel, type ExportMetadata } from './export';
import { BASE_EXPECT, validModelFiles } from './fixtures';
import { importLayersModel } from './load';

beforeAll(useCpu);

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

describe('saveLayersModel', () => {
  it('saves a layers model (an imported student) as it is: the files import again with the same weights', async () => {
    const { files, weights } = await validModelFiles();
    const before = tf.memory().numTensors;
    const { model, weightsHash } = await importLayersModel(files, BASE_EXPECT);
    const weightsFile = 'student-1-hinton-step3.weights.bin';
    const saved = await saveLayersModel(model, weightsFile);
    model.dispose();
    expect(saved.modelJson.format).toBe('layers-model');
    expect(saved.modelJson.weightsManifest.map((g) => g.paths)).toEqual([[weightsFile]]);
    expect(saved.weights.byteLength).toBe(weights.byteLength);
    const again = await importLayersModel(
      { modelJson: JSON.stringify(saved.modelJson), weights: [{ name: weightsFile, bytes: saved.weights }] },
      BASE_EXPECT,
    );
    expect(again.weightsHash).toBe(weightsHash);
    again.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
