/**
 * Import of exported files (parameters, hash, the same logits) and of every broken file in the
 * fixtures: each is refused with its own message and no tensor left.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltSpec } from '../../config/schema';
import { createRng } from '../../lib/rng';
import { maxAbsDiff, randomInputs, randomiseBiases } from '../../test/tensors';
import { tf, useCpu } from '../../test/tf';
import { buildModel } from '../models/build';
import { sha256Hex, wrapLayersModel } from '../models/pretrained';
import { ModelFileError } from './errors';
import { exportStudent } from './export';
import { BASE_EXPECT, badModelCases, deepModelFiles, validModelFiles } from './fixtures';
import { DEFAULT_IMPORT_LIMITS } from './limits';
import { importLayersModel } from './load';

beforeAll(useCpu);

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
    expect(cases.length).toBeGreaterThanOrEqual(40);
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

  /** What importing `files` leaves: its refusal (or 'imported'), and the tensors and variables alive after it. */
  async function attempt(files: Parameters<typeof importLayersModel>[0], limits = DEFAULT_IMPORT_LIMITS) {
    let outcome = 'imported';
    try {
      const { model } = await importLayersModel(files, BASE_EXPECT, limits);
      model.dispose();
    } catch (e) {
      outcome = (e as Error).message;
    }
    return {
      outcome,
      tensors: tf.memory().numTensors,
      variables: Object.keys(tf.engine().state.registeredVariables).length,
    };
  }

  it('refuses 2,000 layers before tfjs builds any, however often it is tried', async () => {
    // Before the layer limit, tfjs built the layers, overflowed its stack (in a browser worker:
    // "Maximum call stack size exceeded") and left 4,000 variables per attempt.
    const start = await attempt(deepModelFiles(1));
    const files = deepModelFiles(2000);
    for (let i = 0; i < 3; i++)
      expect(await attempt(files)).toEqual({
        outcome: expect.stringMatching(/^The model has more than 1,000 layers: /),
        tensors: start.tensors,
        variables: start.variables,
      });
  });

  it('cleans up after tfjs when it runs out of stack itself (a limit set too high)', async () => {
    const start = await attempt(deepModelFiles(1));
    const after = await attempt(deepModelFiles(10_000), { ...DEFAULT_IMPORT_LIMITS, maxLayers: 20_000 });
    expect(after).toEqual({
      outcome:
        'TensorFlow.js ran out of stack building the model: it is too deep for this browser. Import a model with fewer layers',
      tensors: start.tensors,
      variables: start.variables,
    });
  });

  it('imports a model of 1,000 layers, the limit', async () => {
    const start = await attempt(deepModelFiles(1));
    expect(await attempt(deepModelFiles(1000))).toEqual({ ...start, outcome: 'imported' });
  });

  it('reads the weight file as tfjs’s browser download names it, also after a repeated download', async () => {
    const { json, weights } = await validModelFiles();
    // model.save('downloads://model') writes model.json and model.weights.bin, and the manifest
    // path './model.weights.bin'; a second download of it is renamed by the browser.
    const saved = JSON.stringify({
      ...json,
      weightsManifest: [{ ...(json['weightsManifest'] as object[])[0], paths: ['./model.weights.bin'] }],
    });
    for (const name of ['model.weights.bin', 'model.weights (1).bin', 'model.weights(2).bin']) {
      const { model } = await importLayersModel({ modelJson: saved, weights: [{ name, bytes: weights }] }, BASE_EXPECT);
      model.dispose();
    }
    const { model } = await importLayersModel({ modelJson: saved, weights: [weights] }, BASE_EXPECT);
    model.dispose();
    // Two renamed copies: which one is meant cannot be told.
    await expect(
      importLayersModel(
        {
          modelJson: saved,
          weights: [
            { name: 'model.weights (1).bin', bytes: weights },
            { name: 'model.weights (2).bin', bytes: weights },
          ],
        },
        BASE_EXPECT,
      ),
    ).rejects.toThrow(/^Missing weight file: model\.weights\.bin \(the files given: model\.weights \(1\)\.bin, /);
  });
});
