/** modelFiles (the PyTorch export's model files) and the window MLP's own format, in Node. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildableSpec } from '../models/build';
import type { WindowMlpSpec } from '../../config/schema';
import { createRng } from '../../lib/rng';
import { maxAbsDiff, randomiseBiases } from '../../test/tensors';
import { tf, useCpu } from '../../test/tf';
import { buildModel } from '../models/build';
import { wrapLayersModel } from '../models/pretrained';
import { withBatchNormAndDropout } from '../models/layers-fixtures';
import { modelFiles, NoPytorchCounterpart } from './model-files';
import { pytorchLayersRefusal } from './pytorch-support';
import { loadWindowMlp, saveWindowMlp } from './window-mlp';

beforeAll(useCpu);

const tokens = (rows: number, steps: number, vocab: number, seed: number) => {
  const rng = createRng(seed, 'tokens');
  return tf.tensor2d(
    Array.from({ length: rows * steps }, () => Math.floor(rng.next() * vocab)),
    [rows, steps],
    'int32',
  );
};

describe('window MLP files', () => {
  const spec: WindowMlpSpec = { kind: 'window-mlp', window: 3, embed: 4, hidden: [8, 5], activation: 'tanh' };

  it('save → load gives the same weights and logits, the manifest naming the weight file', async () => {
    const model = buildModel(spec, [10], 7, createRng(3, 'w'), 'wmlp-io');
    randomiseBiases(model, 2);
    const { json, weights } = await saveWindowMlp(model, spec, 7, 10, 'student.bin');
    expect(json.weightsManifest[0].paths).toEqual(['student.bin']);
    expect(json.weightsManifest[0].weights.map((w) => w.name)).toEqual([
      'embed',
      'dense1/w',
      'dense1/b',
      'dense2/w',
      'dense2/b',
      'dense3/w',
      'dense3/b',
    ]);
    expect(weights.byteLength).toBe(model.paramCount * 4);
    const loaded = loadWindowMlp(JSON.parse(JSON.stringify(json)), weights);
    const x = tokens(2, 10, 7, 1);
    const a = tf.tidy(() => model.forward(x));
    const b = tf.tidy(() => loaded.forward(x));
    expect(await maxAbsDiff(a.logits, b.logits)).toBe(0);
    expect(await maxAbsDiff(a.features, b.features)).toBe(0);
    tf.dispose([x, a.logits, a.features, b.logits, b.features]);
    loaded.dispose();
    model.dispose();
  });

  it('refuses a spec that is not the model’s, and files that do not fit', async () => {
    const model = buildModel(spec, [10], 7, createRng(3, 'w'), 'wmlp-io');
    await expect(saveWindowMlp(model, { ...spec, embed: 5 }, 7, 10)).rejects.toThrow(
      /weight wmlp-io#\d+\/embed has shape 7×4, but the spec gives embed the shape 7×5/,
    );
    const { json, weights } = await saveWindowMlp(model, spec, 7, 10);
    expect(() => loadWindowMlp({ ...json, format: 'x' }, weights)).toThrow(/expected "kd-studio-window-mlp"/);
    expect(() => loadWindowMlp({ ...json, vocab: 8 }, weights)).toThrow(/embed has shape \[7,4\], the spec needs/);
    expect(() => loadWindowMlp(json, weights.slice(4))).toThrow(/bytes, the spec needs/);
    model.dispose();
  });
});

describe('modelFiles', () => {
  const cases: { spec: BuildableSpec; shape: number[]; classes: number }[] = [
    { spec: { kind: 'mlp', hidden: [6], activation: 'gelu' }, shape: [3], classes: 2 },
    { spec: { kind: 'cnn', filters: [2], hidden: [], activation: 'relu' }, shape: [6, 6, 1], classes: 3 },
    { spec: { kind: 'transformer', layers: 1, width: 8, heads: 2 }, shape: [5], classes: 6 },
    { spec: { kind: 'window-mlp', window: 2, embed: 3, hidden: [], activation: 'elu' }, shape: [5], classes: 6 },
  ];

  it.each(cases)('$spec.kind: one weight file named after the model, every weight in it', async (c) => {
    const model = buildModel(c.spec, c.shape, c.classes, createRng(1, 'files'), 'files');
    const { json, bin } = await modelFiles(model, c.spec, c.shape, c.classes, 'lane-2');
    const manifest = json['weightsManifest'] as { paths: string[] }[];
    expect(manifest.map((g) => g.paths)).toEqual([['lane-2.bin']]);
    expect(bin.byteLength).toBe(model.paramCount * 4);
    model.dispose();
  });

  it('writes a gelu student with tfjs’s own tanh-approximate gelu ("gelu_new")', async () => {
    const spec: BuildableSpec = { kind: 'mlp', hidden: [6], activation: 'gelu' };
    const model = buildModel(spec, [3], 2, createRng(1, 'g'), 'files');
    const { json } = await modelFiles(model, spec, [3], 2, 'g');
    expect(JSON.stringify(json['modelTopology'])).toContain('"activation":"gelu_new"');
    model.dispose();
  });

  it('saves a layers model as it is, and refuses a spec that is not the model’s', async () => {
    const layers = withBatchNormAndDropout();
    const wrapped = wrapLayersModel(layers, [4], 3);
    const spec = { kind: 'imported', hash: '0123456789ab', name: 'x', featureDim: 6, params: 0 } as const;
    const { json, bin } = await modelFiles(wrapped, spec, [4], 3, 'teacher');
    expect(json['format']).toBe('layers-model');
    expect(bin.byteLength).toBe(layers.countParams() * 4);
    const err = await modelFiles(wrapped, { kind: 'mlp', hidden: [6], activation: 'relu' }, [4], 3, 't').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NoPytorchCounterpart);
    expect((err as NoPytorchCounterpart).problem).toBe('not-this-model');
    wrapped.dispose();
  });

  it('refuses a layers model with a layer PyTorch has no counterpart for, naming it', async () => {
    const layers = tf.sequential({
      layers: [
        tf.layers.conv1d({ inputShape: [8, 2], filters: 2, kernelSize: 3, name: 'c1' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3 }),
      ],
    });
    const wrapped = wrapLayersModel(layers, [8, 2], 3);
    const spec = { kind: 'imported', hash: '0123456789ab', name: 'x', featureDim: 6, params: 0 } as const;
    await expect(modelFiles(wrapped, spec, [8, 2], 3, 'm')).rejects.toThrow(
      /^Layer c1 is a Conv1D, which the PyTorch export has no counterpart for\. Supported layers: Activation, Add/,
    );
    wrapped.dispose();
  });
});

describe('pytorchLayersRefusal', () => {
  const seq = (layers: unknown[]) => ({ class_name: 'Sequential', config: { name: 's', layers } });
  const dense = (config: Record<string, unknown>) => ({ class_name: 'Dense', config: { name: 'd', ...config } });

  it('accepts what the Python side runs and names what it does not', () => {
    expect(pytorchLayersRefusal(seq([dense({ activation: 'hard_sigmoid' })]))).toBeNull();
    expect(pytorchLayersRefusal(seq([dense({ activation: 'hardSigmoid' })]))).toBeNull();
    expect(pytorchLayersRefusal(seq([dense({ activation: 'swishy' })]))).toMatch(
      /^Layer d uses the activation swishy, which the PyTorch export has no counterpart for \(supported: elu,/,
    );
    expect(
      pytorchLayersRefusal(seq([{ class_name: 'Conv2D', config: { name: 'c', data_format: 'channels_first' } }])),
    ).toBe('Layer c uses data_format channels_first: the PyTorch export runs channels_last models only');
    expect(pytorchLayersRefusal(seq([{ ...dense({}), inbound_nodes: [[], []] }]))).toMatch(/applied 2 times/);
    expect(pytorchLayersRefusal(seq([{ class_name: 'Sequential', config: { name: 'inner', layers: [] } }]))).toMatch(
      /^Layer inner is a model inside the model/,
    );
    expect(
      pytorchLayersRefusal({ class_name: 'Model', config: { layers: [], input_layers: [1, 2], output_layers: [1] } }),
    ).toMatch(/several inputs or outputs/);
  });
});
