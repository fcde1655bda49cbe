/**
 * The PyTorch models against the studio's, number for number (tfjs cpu backend in Node, torch
 * in one Python process, float32 on both sides):
 *
 * - forward: every model kind written with `modelFiles`, built in Python by
 *   `build_from_files`, run on the same seeded input: logits and features;
 * - training mode (imported students): BatchNormalization's batch statistics and their moving
 *   averages, seeded Dropout masks;
 * - gradients of a fixed loss (Σ logits·R₁ + Σ features·R₂) w.r.t. every trainable weight,
 *   torch's converted back to tfjs's layout, against `tf.variableGrads`;
 * - back: Python perturbs the weights and saves them with `save_tfjs`; the studio reads the
 *   files its own way (Import model, the transformer or window-MLP loader) and must compute
 *   torch's logits.
 *
 * The measured numbers are printed (console.table) and compared with the bounds below.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { buildModel, type BuildableSpec } from '../../engine/models/build';
import { wrapLayersModel } from '../../engine/models/pretrained';
import { wrapTransformer } from '../../engine/models/sequence';
import { loadTransformer } from '../../engine/models/transformer';
import type { Model } from '../../engine/models/types';
import {
  importLayersModel,
  loadWindowMlp,
  modelFiles,
  PYTORCH_ACTIVATIONS,
  PYTORCH_LAYERS,
} from '../../engine/model-io';
import { tf, useCpu } from '../../test/tf';
import { PARITY_CASES, type Built, type ParityCase } from './parity-cases';
import { runPython } from './python';

/** Forward passes and read-backs: relative to the reference's scale (at least 1). */
const FORWARD_BOUND = 1e-5;
/** Gradients: per weight, relative to its largest gradient (kd tests/parity.py compare_grads). */
const GRAD_BOUND = 1e-4;

interface Measured {
  module: string;
  forward: { logits: { rel: number }; features: { rel: number } };
  train?: { logits: { rel: number }; features: { rel: number } };
  grads?: { worstRel: number; worstWeight: string; weights: number };
  after?: number;
  back: { logits: { file: string; shape: number[] }; features: { file: string; shape: number[] } };
  error?: string;
}

interface Report {
  unit: { run: number; problems: string[] };
  supported: { layers: string[]; activations: string[] };
  cases: Record<string, Measured>;
}

let dir = '';
let report: Report;
/** What the back-read models computed against torch, printed at the end. */
const backMeasured: Record<string, { logits: string; features: string }> = {};
const inputs = new Map<string, { x: tf.Tensor; built: Built }>();

async function write(name: string, t: tf.Tensor): Promise<{ file: string; shape: number[]; dtype: string }> {
  const data = await t.data();
  writeFileSync(join(dir, name), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return { file: name, shape: t.shape, dtype: t.dtype };
}

async function writeFiles(id: string, b: Built): Promise<{ json: string; names: string[] }> {
  const { json, bin } = await modelFiles(b.model, b.spec, b.inputShape, b.classes, id);
  writeFileSync(join(dir, `${id}.json`), JSON.stringify(json));
  writeFileSync(join(dir, `${id}.bin`), new Uint8Array(bin));
  const manifest = json['weightsManifest'] as { weights: { name: string }[] }[];
  return { json: `${id}.json`, names: manifest.flatMap((g) => g.weights.map((w) => w.name)) };
}

/** The trainable variables and their names in the files, as the studio trains this model. */
function trainable(b: Built, manifestNames: string[]): { variables: tf.Variable[]; names: string[] } {
  if (b.layers) {
    const weights = b.layers.trainableWeights;
    // Each LayerVariable wraps one tf.Variable (as engine/imported.ts reads them).
    const variables = weights.map((w) => (w as unknown as { read(): tf.Variable }).read());
    return { variables, names: weights.map((w) => w.originalName) };
  }
  expect(b.model.variables.length).toBe(manifestNames.length);
  return { variables: b.model.variables, names: manifestNames };
}

async function prepare(c: ParityCase): Promise<Record<string, unknown>> {
  const b = await c.make();
  const { x } = b;
  inputs.set(c.id, { x, built: b });
  const files = await writeFiles(c.id, b);
  const entry: Record<string, unknown> = { id: c.id, json: files.json, x: await write(`${c.id}.x.bin`, x) };
  const out = tf.tidy(() => b.model.forward(x, false));
  entry['logits'] = await write(`${c.id}.logits.bin`, out.logits);
  entry['features'] = await write(`${c.id}.features.bin`, out.features);
  if (c.train) {
    const t = tf.tidy(() => b.model.forward(x, true));
    entry['train'] = {
      logits: await write(`${c.id}.train-logits.bin`, t.logits),
      features: await write(`${c.id}.train-features.bin`, t.features),
    };
    tf.dispose([t.logits, t.features]);
  }
  if (c.grads) {
    const { variables, names } = trainable(b, files.names);
    const rng = createRng(3, c.id);
    const noise = (shape: number[]) =>
      tf.tensor(
        Array.from({ length: shape.reduce((a, d) => a * d, 1) }, () => rng.normal()),
        shape,
      );
    const rLogits = noise(out.logits.shape);
    const rFeatures = noise(out.features.shape);
    const { value, grads } = tf.variableGrads(() => {
      const o = b.model.forward(x, c.train);
      return tf.add(tf.sum(tf.mul(o.logits, rLogits)), tf.sum(tf.mul(o.features, rFeatures))) as tf.Scalar;
    }, variables);
    const flat = tf.tidy(() => tf.concat(variables.map((v) => tf.reshape(grads[v.name]!, [-1]))));
    entry['grads'] = {
      names,
      shapes: variables.map((v) => v.shape),
      values: await write(`${c.id}.grads.bin`, flat),
      rLogits: await write(`${c.id}.r-logits.bin`, rLogits),
      rFeatures: await write(`${c.id}.r-features.bin`, rFeatures),
    };
    tf.dispose([value, flat, rLogits, rFeatures, ...Object.values(grads)]);
  }
  // The state after the training passes (BatchNormalization's moving statistics moved twice).
  if (c.train) entry['after'] = (await writeFiles(`${c.id}-after`, b)).json;
  tf.dispose([out.logits, out.features]);
  return entry;
}

beforeAll(async () => {
  await useCpu();
  dir = mkdtempSync(join(tmpdir(), 'kd-pt-models-'));
  const cases = [];
  for (const c of PARITY_CASES) cases.push(await prepare(c));
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ cases }));
  const here = import.meta.dirname;
  const stdout = runPython([join(here, 'tests/parity.py'), dir], here, {
    PYTHONPATH: join(here, 'project'),
    // No __pycache__ inside the project folder the zip is made from.
    PYTHONDONTWRITEBYTECODE: '1',
  });
  report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Report;
  console.table(
    Object.fromEntries(
      Object.entries(report.cases).map(([id, m]) => [
        id,
        m.error
          ? { error: m.error }
          : {
              module: m.module,
              logits: m.forward.logits.rel.toExponential(1),
              features: m.forward.features.rel.toExponential(1),
              train: m.train ? Math.max(m.train.logits.rel, m.train.features.rel).toExponential(1) : '',
              grads: m.grads ? `${m.grads.worstRel.toExponential(1)} (${m.grads.worstWeight})` : '',
              bnStats: m.after === undefined ? '' : m.after.toExponential(1),
            },
      ]),
    ),
  );
}, 120_000);

afterAll(() => {
  console.table(backMeasured);
  for (const { x, built } of inputs.values()) {
    x.dispose();
    built.model.dispose();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const read = (entry: { file: string; shape: number[] }) => {
  const b = readFileSync(join(dir, entry.file));
  return tf.tensor(new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4), entry.shape);
};

const bytesOf = (file: string) => {
  const b = readFileSync(join(dir, file));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** The `<id>-back` files read as the studio reads them. */
async function loadBack(c: ParityCase, b: Built): Promise<Model> {
  const stem = `${c.id}-back`;
  const jsonText = readFileSync(join(dir, `${stem}.json`), 'utf8');
  const bin = bytesOf(`${stem}.bin`);
  if (c.back === 'transformer') return wrapTransformer(loadTransformer(JSON.parse(jsonText), bin, 'back'));
  if (c.back === 'window-mlp') return loadWindowMlp(JSON.parse(jsonText), bin, 'back');
  const files = { modelJson: jsonText, weights: [{ name: `${stem}.bin`, bytes: bin }] };
  if (c.back === 'import') {
    const { model } = await importLayersModel(files, { inputShape: b.inputShape, classes: b.classes });
    return wrapLayersModel(model, b.inputShape, b.classes);
  }
  // gelu: the studio's Import refuses it (tfjs 4.22 cannot load its own gelu_new) …
  await expect(importLayersModel(files, { inputShape: b.inputShape, classes: b.classes })).rejects.toThrow(/geluNew/);
  // … so the weights go into a model built from the spec, in manifest order.
  const model = buildModel(b.spec as BuildableSpec, b.inputShape, b.classes, createRng(0, 'back'), 'back');
  const specs = (JSON.parse(jsonText) as tf.io.ModelJSON).weightsManifest[0]!.weights;
  const decoded = tf.io.decodeWeights(bin, specs);
  model.variables.forEach((v, i) => v.assign(decoded[specs[i]!.name]!));
  tf.dispose(Object.values(decoded));
  return model;
}

describe('PyTorch models (Python)', () => {
  it('pass their unit tests: layout conversions, files, tfjs random numbers', () => {
    expect(report.unit.problems).toEqual([]);
    expect(report.unit.run).toBeGreaterThanOrEqual(12);
  });

  it('support exactly the layers and activations the studio checks for', () => {
    expect(report.supported.layers).toEqual([...PYTORCH_LAYERS].sort());
    expect(report.supported.activations).toEqual([...PYTORCH_ACTIVATIONS].sort());
  });

  describe.each(PARITY_CASES)('$id', (c) => {
    it('computes the studio’s logits and features', () => {
      const m = report.cases[c.id]!;
      expect(m.error).toBeUndefined();
      expect(m.forward.logits.rel).toBeLessThanOrEqual(FORWARD_BOUND);
      expect(m.forward.features.rel).toBeLessThanOrEqual(FORWARD_BOUND);
      if (c.train) {
        expect(m.train!.logits.rel).toBeLessThanOrEqual(FORWARD_BOUND);
        expect(m.train!.features.rel).toBeLessThanOrEqual(FORWARD_BOUND);
        expect(m.after!).toBeLessThanOrEqual(1e-5);
      }
    });

    it.runIf(c.grads)('has tfjs’s gradients, in tfjs’s layout', () => {
      const g = report.cases[c.id]!.grads!;
      expect(g.weights).toBeGreaterThan(0);
      expect(g.worstRel, `worst: ${g.worstWeight}`).toBeLessThanOrEqual(GRAD_BOUND);
    });

    it('saves files the studio reads back to torch’s logits', async () => {
      const m = report.cases[c.id]!;
      const { x, built } = inputs.get(c.id)!;
      const back = await loadBack(c, built);
      const ours = tf.tidy(() => back.forward(x, false));
      const theirs = { logits: read(m.back.logits), features: read(m.back.features) };
      const before = tf.tidy(() => built.model.forward(x, false));
      const rel = (a: tf.Tensor, b: tf.Tensor) =>
        tf.tidy(() => tf.div(tf.max(tf.abs(tf.sub(a, b))), tf.maximum(1, tf.max(tf.abs(b)))));
      const [logits, features, moved] = [
        rel(ours.logits, theirs.logits),
        rel(ours.features, theirs.features),
        rel(before.logits, theirs.logits),
      ];
      const values = await Promise.all([logits, features, moved].map(async (t) => (await t.data())[0]!));
      backMeasured[c.id] = { logits: values[0]!.toExponential(1), features: values[1]!.toExponential(1) };
      expect(values[0]).toBeLessThanOrEqual(FORWARD_BOUND);
      expect(values[1]).toBeLessThanOrEqual(FORWARD_BOUND);
      // The perturbed weights really travelled: the model computes something else than before.
      expect(values[2]).toBeGreaterThan(1e-3);
      tf.dispose([ours.logits, ours.features, theirs.logits, theirs.features, before.logits, before.features]);
      tf.dispose([logits, features, moved]);
      back.dispose();
    });
  });
});
