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
import { BASE_EXPECT, badModelCases, validModelFiles } from './fixtures';
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
