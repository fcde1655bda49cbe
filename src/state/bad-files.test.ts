/**
 * Bad files, as a project test (issue 14, "What to reach" §5): model files and data files a
 * user may bring, each through the path the page really takes (the Import dialog's picker and
 * URL field, a task's Data section) down to the worker's controller in this process (tfjs on
 * its cpu backend). Each is refused with its own message, the experiment is unchanged and no
 * tensor is left behind.
 */
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BuiltSpec, ExperimentConfig } from '../config/schema';
import { buildModel } from '../engine/models/build';
import { exportStudent } from '../engine/model-io/export';
import { badModelCases, type BadModelCase } from '../engine/model-io/fixtures';
import type { ModelFiles } from '../engine/model-io/weight-files';
import { createRng } from '../lib/rng';
import { IMAGEFOLDER_CONFIG } from '../tasks/imagefolder/defaults';
import { TABLE_CONFIG } from '../tasks/table/defaults';
import { TEXTFILE_CONFIG } from '../tasks/textfile/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { serveModels, type ModelServer, type Route } from '../test/model-server';
import { tf, useCpu } from '../test/tf';
import type { StudioController } from '../worker/controller';
import { useConfigStore } from './config';
import { applyDataTask } from './data-task';
import { bringFile } from './datasets';
import { fromFiles } from './import-files';
import { importFrom } from './import-model';
import { fromUrl } from './import-url';

// The page's link to the worker, here a controller in this process (as the real worker runs it).
const worker = vi.hoisted(() => ({ controller: undefined as StudioController | undefined }));
vi.mock('./studio', () => ({
  studio: {
    importModel: (r: Parameters<StudioController['importModel']>[0]) => worker.controller!.importModel(r),
    provideDataset: (meta: Parameters<StudioController['provideDataset']>[0], bytes: Uint8Array) =>
      worker.controller!.provideDataset(meta, bytes.slice().buffer),
    inspectData: (task: ExperimentConfig['task']) => worker.controller!.inspectData(task),
  },
}));

const MB = 1024 * 1024;
const cpu = <C extends ExperimentConfig>(c: C): C => ({ ...c, backend: 'cpu' });
const file = (name: string, bytes: string | ArrayBuffer | Uint8Array<ArrayBuffer>) =>
  new File([bytes], name, { type: name.endsWith('.json') ? 'application/json' : 'application/octet-stream' });

/** What the picker gives for a fixture's files: model.json and its weight files, named. */
function picked(files: ModelFiles): File[] {
  const weights = files.weights.map((w, i) =>
    w instanceof ArrayBuffer ? file(i === 0 ? 'weights.bin' : `extra-${i}.bin`, w) : file(w.name, w.bytes),
  );
  return [file('model.json', files.modelJson), ...weights];
}

/** A valid model's files for `inputShape` and `classes` (exported from a seeded MLP). */
async function modelFor(inputShape: number[], classes: number): Promise<ModelFiles> {
  const spec: BuiltSpec = { kind: 'mlp', hidden: [8], activation: 'relu' };
  const model = buildModel(spec, inputShape, classes, createRng(3, 'bad-files'), 'bad-files');
  try {
    const { modelJson, weights } = await exportStudent(model, spec, inputShape, classes);
    return { modelJson: JSON.stringify(modelJson), weights: [{ name: 'weights.bin', bytes: weights }] };
  } finally {
    model.dispose();
  }
}

interface Case {
  kind: string;
  /** The experiment the file is brought to. */
  config: ExperimentConfig;
  /** Brings the file as the page does; the message the user sees. */
  bring(): Promise<string>;
  message: RegExp;
}

const routes: Record<string, Route> = {};
let server: ModelServer;
const cases: Case[] = [];

/** A model file brought to the toy experiment's Import dialog as the teacher. */
const asTeacher = async (pick: () => Promise<Awaited<ReturnType<typeof fromFiles>>>) => {
  const r = await importFrom(pick, 'teacher');
  return r.ok ? `imported ${r.name}` : r.error;
};
const model = (kind: string, files: () => File[], message: RegExp) =>
  cases.push({ kind, config: cpu(TOY_CONFIG), bring: () => asTeacher(() => fromFiles(files())), message });
const modelUrl = (kind: string, path: string, message: RegExp) =>
  cases.push({ kind, config: cpu(TOY_CONFIG), bring: () => asTeacher(() => fromUrl(server.url + path)), message });

/** A data file dropped on a task's Data section: kept, handed to the worker, read into the task. */
function data(kind: string, config: ExperimentConfig, name: string, bytes: Uint8Array, message: RegExp) {
  cases.push({
    kind,
    config,
    message,
    async bring() {
      const kept = await bringFile({ name, bytes }, config.task.kind);
      if (!kept.ok) return kept.error;
      // As each task's Data fields apply a file (the table's also resets its label column).
      const task = config.task.kind === 'table' ? { ...config.task, labelColumn: '' } : config.task;
      return (await applyDataTask({ ...task, dataset: kept.ref } as ExperimentConfig['task'])) ?? 'read';
    },
  });
}

beforeAll(async () => {
  await useCpu();
  // The worker logs each data file it refuses (for developers); here every refusal is expected.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const { StudioController } = await import('../worker/controller');
  worker.controller = new StudioController(() => undefined);
  const fixtures = new Map((await badModelCases()).map((c) => [c.name, c]));
  const fixture = (name: string): BadModelCase => fixtures.get(name) ?? expect.fail(`no fixture ${name}`);
  const base = fixture('wrong input shape').files;
  const fromFixture = (kind: string, name: string) =>
    model(kind, () => picked(fixture(name).files), fixture(name).expectedMessage);

  // Not a model.json.
  fromFixture('malformed JSON', 'not JSON');
  model('a JSON that is only a string', () => picked({ ...base, modelJson: '"model.json"' }), /but it holds a string$/);
  fromFixture('a binary file as model.json', 'a binary file picked as model.json');
  fromFixture('the wrong format', 'wrong format');
  fromFixture('a graph model', 'a graph model');
  // Weight files that do not match the manifest, or are not numbers.
  fromFixture('a manifest that disagrees with the weight bytes', 'padded weights');
  fromFixture('a truncated bin', 'truncated weights (one byte short)');
  fromFixture('NaN weights', 'NaN weights');
  fromFixture('infinite weights', 'infinite logit biases');
  model(
    'a 200 MB bin',
    () => [file('model.json', base.modelJson), file('weights.bin', new Uint8Array(200 * MB))],
    /^The weight files take 200 MB, over the limit of 50 MB \(weights\.bin: 200 MB\)$/,
  );
  // Declarations no model should make.
  fromFixture('huge declared shapes', 'huge manifest (a billion weights)');
  fromFixture('a layer far bigger than its weights', 'a layer far bigger than its weights');
  fromFixture('an unknown layer class', 'unknown layer class');
  fromFixture('10,000 layers', '10,000 layers');
  fromFixture('a path with ../ in the manifest', 'a manifest path outside the model’s folder');
  fromFixture('duplicate weight names', 'duplicate weight names');
  fromFixture('a weight named __proto__', 'a weight named __proto__');
  // Valid models for another task.
  const [wide, many] = await Promise.all([modelFor([5], 3), modelFor([2], 7)]);
  model('the wrong input shape', () => picked(wide), /^The model expects inputs of shape 5, but this task gives 2$/);
  model('the wrong class count', () => picked(many), /^The model has 7 outputs, but this task has 3 classes$/);

  // From a URL: what the manifest names outside the model's folder, and bombs.
  server = await serveModels(routes);
  vi.stubGlobal('location', new URL(server.url));
  const good = JSON.parse(base.modelJson as string) as { weightsManifest: { paths: string[] }[] };
  const withPaths = (paths: string[]) =>
    JSON.stringify({ ...good, weightsManifest: [{ ...good.weightsManifest[0], paths }] });
  Object.assign(routes, {
    '/traversal/model.json': { body: withPaths(['../secret/weights.bin']) },
    '/elsewhere/model.json': { body: withPaths([`${server.url.replace('127.0.0.1', 'localhost')}weights.bin`]) },
    '/many/model.json': { body: withPaths(Array.from({ length: 40 }, (_, i) => `shard${i}.bin`)) },
    '/bomb/model.json': { zeros: 3.2e9, gzip: true },
    '/bomb-bin/model.json': { body: withPaths(['weights.bin']) },
    '/bomb-bin/weights.bin': { zeros: 3.2e9, gzip: true },
    '/big/model.json': { body: withPaths(['weights.bin']) },
    '/big/weights.bin': { zeros: 200 * MB, length: true },
  } satisfies Record<string, Route>);
  const notBeside = /^The weights manifest lists the file “.*”, which is not beside model\.json: /;
  modelUrl('a URL manifest reaching ../secret', 'traversal/model.json', notBeside);
  modelUrl('a URL manifest naming another origin', 'elsewhere/model.json', notBeside);
  modelUrl('a URL manifest of 40 files', 'many/model.json', /^The weights manifest lists more than 32 weight files/);
  modelUrl('a gzip-bomb model.json', 'bomb/model.json', /^model\.json is over the limit of 50 MB: the server sent/);
  modelUrl('a gzip-bomb weight file', 'bomb-bin/model.json', /is too long:/);
  modelUrl('a 200 MB bin by URL', 'big/model.json', /^weights\.bin is 200 MB \(the server says so\), but the/);

  // Data files (the own-data tasks of issue 12).
  const text = (s: string) => new TextEncoder().encode(s);
  const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');
  const table = cpu(TABLE_CONFIG);
  data('an empty file', table, 'empty.csv', new Uint8Array(0), /^“empty\.csv” is empty\.$/);
  data('a malformed CSV', table, 'quote.csv', text(`a,b,c\n1,"2,3\n4,5,6\n`), /has an unbalanced quote near row/);
  data('a CSV with ragged rows', table, 'ragged.csv', text('a,b,c\n1,2,3\n4,5\n'), /rows of different lengths/);
  data('a CSV with a header only', table, 'header.csv', text('a,b,label\n'), /has a header but no rows\.$/);
  const oneClass = `a,b,label\n${rows(40, (i) => `${i},${i % 3},same`)}\n`;
  data('a table of one class', table, 'one.csv', text(oneClass), /has only one class \(“same”\)/);
  const textfile = cpu(TEXTFILE_CONFIG);
  const binary = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) % 256);
  data('a binary file as a .txt', textfile, 'notes.txt', binary, /^“notes\.txt” is not a text file: it contains NUL/);
  data('UTF-16 text', textfile, 'utf16.txt', new Uint8Array([0xff, 0xfe, 0x41, 0, 0x42, 0]), /is UTF-16 text/);
  data('a text too short', textfile, 'short.txt', text('Hello there.'), /^“short\.txt” has 12 characters; /);
  const folder = cpu(IMAGEFOLDER_CONFIG);
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const zip = (files: Record<string, Uint8Array>) => zipSync(files, { level: 0 });
  data('a file that is not a zip', folder, 'images.zip', text('PK? no.'), /^“images\.zip” is not a zip file\./);
  const notImages = zip({ 'cats/a.png': text('not an image'), 'dogs/b.txt': text('x') });
  data('a zip with no images', folder, 'none.zip', notImages, /^“none\.zip” holds no images: none of its 2 files/);
  const single = zip({ 'cats/1.png': PNG, 'cats/2.png': PNG });
  data('an image folder with one class', folder, 'cats.zip', single, /^“cats\.zip” has one class folder \(“cats”\)/);
  data('a zip with no class folders', folder, 'flat.zip', zip({ '1.png': PNG }), /^“flat\.zip” has no class folders/);
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await server.close();
});

describe('bad files', () => {
  it('are refused, each with its own message, the experiment unchanged and no tensor left', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
    const messages = new Map<string, string>();
    for (const c of cases) {
      useConfigStore.getState().replace(c.config);
      const config = useConfigStore.getState().config;
      const tensors = tf.memory().numTensors;
      const message = await c.bring();
      expect(message, c.kind).toMatch(c.message);
      expect(useConfigStore.getState().config, `${c.kind} changed the experiment`).toBe(config);
      expect(tf.memory().numTensors, `${c.kind} left tensors`).toBe(tensors);
      messages.set(c.kind, message);
    }
    // Specific means distinct.
    expect(new Set(messages.values()).size).toBe(cases.length);
  });

  it('leave the studio working: a good model imports afterwards and becomes the teacher', async () => {
    useConfigStore.getState().replace(cpu(TOY_CONFIG));
    const files = await modelFor([2], 3);
    const r = await importFrom(() => fromFiles(picked(files)), 'teacher');
    expect(r).toMatchObject({ ok: true, params: 2 * 8 + 8 + 8 * 3 + 3 });
    expect(useConfigStore.getState().config.teacher.model).toMatchObject({ kind: 'imported', name: 'model' });
  });
});
