/// <reference lib="webworker" />
/**
 * Runs every benchmark in a Worker, as the studio trains: each backend in turn, cases side by
 * side. Results go back to the page (and from there to `npm run bench`) as tables.
 */
import * as tf from '@tensorflow/tfjs';
import '../src/worker/backends';
import { BACKEND_ORDER, selectBackend, type BackendInfo } from '../src/engine/backend';
import { workloadOf } from '../src/engine/workload';
import { sideBySide, type Measured } from './harness';
import { benchConfig, minimalCase, studioCase } from './kd-step.bench';
import { raceCase, separateCase } from './race.bench';
import { imageCase, imageBenchConfig } from './image-cache.bench';
import { httpAssets } from '../src/engine/assets';
import { FOLDER_IMAGES, imageFolderRows } from './imagefolder.bench';
import {
  generatedConfig,
  generatedStepCase,
  kdStepCase,
  kernelsPerStep,
  profileStep,
  samplesPauses,
  teacherForwardCase,
  textBenchConfig,
  textRaceCases,
  textSession,
  withoutCache,
} from './text.bench';
import { CSV_COLUMNS, CSV_ROWS, csvRowsPerSecond } from './csv.bench';

export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  note?: string;
}

export interface BenchReport {
  tables: Table[];
  auto: { chosen: string; reason: string };
  userAgent: string;
}

const post = (msg: unknown) => (self as unknown as Worker).postMessage(msg);
const log = (text: string) => post({ type: 'log', text });
const TICK = 10; // steps between read-backs, as the studio runs by default
const SOFTWARE_NOTE =
  'Rows marked (software) ran on SwiftShader: correctness and overhead checks, not performance results.';

const label = (info: BackendInfo) => `${info.name}${info.software ? ' (software)' : ''}`;
const rate = (m: Measured[], name: string) => m.find((x) => x.name === name)!.perSecond;
const fmt = (v: number) => +v.toFixed(2);

/** Options for sideBySide: fewer, longer rounds on slow software WebGPU. */
const pace = (info: BackendInfo) =>
  info.software && info.name === 'webgpu' ? { rounds: 3, minMs: 1500 } : { rounds: 7, minMs: 600 };

async function kdStep(info: BackendInfo, table: Table): Promise<void> {
  // The step alone (evaluation pushed out of the timed window) and the studio's default loop
  // (held-out evaluation every 10 steps), against the same minimal loop.
  const cases = {
    studio: await studioCase(benchConfig({ evalEvery: 1000 }), TICK),
    minimal: await minimalCase(benchConfig(), TICK),
    'studio + eval': await studioCase(benchConfig({ evalEvery: 10 }), TICK),
  };
  const before = tf.memory().numTensors;
  const m = await sideBySide(cases, pace(info));
  Object.values(cases).forEach((c) => c.dispose());
  const [a, b, c] = [rate(m, 'studio'), rate(m, 'minimal'), rate(m, 'studio + eval')];
  table.rows.push([label(info), fmt(a), fmt(b), fmt(a / b), fmt(c), fmt(c / b)]);
  log(
    `${info.name}: kd step studio ${a.toFixed(1)}, minimal ${b.toFixed(1)}, with eval ${c.toFixed(1)} steps/s (tensors ${before} → ${tf.memory().numTensors})`,
  );
}

async function race(info: BackendInfo, table: Table): Promise<void> {
  // With the teacher cache on (the toy default) a race has only a batch gather to share; with
  // it off, the teacher's forward pass runs every step, once for the race and N times apart.
  for (const [n, teacherCache] of [
    [3, true],
    [6, true],
    [3, false],
  ] as const) {
    const cfg = benchConfig({ teacherCache });
    const cases = {
      race: await raceCase(cfg, n, TICK),
      separate: await separateCase(cfg, n, TICK),
    };
    const m = await sideBySide(cases, pace(info));
    Object.values(cases).forEach((c) => c.dispose());
    const [a, b] = [rate(m, 'race'), rate(m, 'separate')];
    const teacher = teacherCache ? 'cached' : 'every step';
    table.rows.push([label(info), n, teacher, fmt(a), fmt(b), fmt(a / b)]);
    log(`${info.name}: race of ${n} (teacher ${teacher}): ${a.toFixed(1)} vs ${b.toFixed(1)} lane-steps/s separately`);
  }
}

async function imageCache(info: BackendInfo, table: Table): Promise<void> {
  const assets = httpAssets(new URL('/', self.location.href).href);
  const cases = {
    cached: await imageCase(true, assets, TICK),
    'teacher every step': await imageCase(false, assets, TICK),
  };
  const m = await sideBySide(cases, info.software ? { rounds: 3, minMs: 2000 } : { rounds: 5, minMs: 800 });
  Object.values(cases).forEach((c) => c.dispose());
  const [a, b] = [rate(m, 'cached'), rate(m, 'teacher every step')];
  table.rows.push([label(info), fmt(a), fmt(b), fmt(a / b)]);
  log(`${info.name}: image KD step, cached teacher ${a.toFixed(1)} vs teacher every step ${b.toFixed(1)} steps/s`);
}

const TEXT_BATCH = 16;
const TEXT_CONTEXT = 64;

async function text(info: BackendInfo, table: Table): Promise<void> {
  const assets = httpAssets(new URL('/', self.location.href).href);
  const s = await textSession(textBenchConfig(TEXT_BATCH, TEXT_CONTEXT), assets);
  const tick = info.software ? 1 : 5;
  // The backend's own transformer forms against the reference ones (the model before issue
  // 15), in one session: on webgl and webgpu the two are the same code.
  const cases = {
    'teacher forward': teacherForwardCase(s, TEXT_BATCH, TEXT_CONTEXT, tick),
    'kd step': kdStepCase(s, TEXT_BATCH, TEXT_CONTEXT, tick),
    'teacher forward (reference)': teacherForwardCase(s, TEXT_BATCH, TEXT_CONTEXT, tick, 'reference'),
    'kd step (reference)': kdStepCase(s, TEXT_BATCH, TEXT_CONTEXT, tick, 'reference'),
  };
  const before = tf.memory().numTensors;
  const m = await sideBySide(cases, info.software ? { rounds: 3, minMs: 1500 } : { rounds: 5, minMs: 800 });
  const [a, b] = [rate(m, 'teacher forward'), rate(m, 'kd step')];
  const [ra, rb] = [rate(m, 'teacher forward (reference)'), rate(m, 'kd step (reference)')];
  const kernels = await kernelsPerStep(s, null);
  const refKernels = await kernelsPerStep(s, 'reference');
  Object.values(cases).forEach((c) => c.dispose());
  s.dispose();
  table.rows.push([
    label(info),
    Math.round(a),
    Math.round(b),
    fmt(b / (TEXT_BATCH * TEXT_CONTEXT)),
    kernels,
    Math.round(ra),
    Math.round(rb),
    refKernels,
    fmt(b / rb),
  ]);
  log(
    `${info.name}: text teacher forward ${a.toFixed(0)} tokens/s (reference forms ${ra.toFixed(0)}), KD step ${b.toFixed(0)} tokens/s (reference ${rb.toFixed(0)}), ${kernels} kernels per step (reference ${refKernels}) (tensors ${before} → ${tf.memory().numTensors})`,
  );
}

/** Where one text KD step's time goes, per formulation, in the log (warm steps first). */
async function textProfile(): Promise<void> {
  const assets = httpAssets(new URL('/', self.location.href).href);
  const s = await textSession(textBenchConfig(TEXT_BATCH, TEXT_CONTEXT), assets);
  for (const forms of [null, 'reference'] as const) {
    await kdStepCase(s, TEXT_BATCH, TEXT_CONTEXT, 3, forms).run();
    for (const line of await profileStep(s, forms)) log(line);
  }
  s.dispose();
}

/** Three students on text: the shared teacher pass is a large part of each step. */
async function textRace(info: BackendInfo, table: Table): Promise<void> {
  if (info.software && info.name === 'webgpu') {
    table.rows.push([label(info), 3, 'skipped: 0.1 steps/s on software WebGPU']);
    return;
  }
  const assets = httpAssets(new URL('/', self.location.href).href);
  const cases = await textRaceCases(textBenchConfig(TEXT_BATCH, TEXT_CONTEXT), 3, assets);
  const m = await sideBySide(cases, info.software ? { rounds: 3, minMs: 1500 } : { rounds: 5, minMs: 800 });
  Object.values(cases).forEach((c) => c.dispose());
  const [a, b] = [rate(m, 'race'), rate(m, 'separate')];
  table.rows.push([label(info), 3, fmt(a), fmt(b), fmt(a / b)]);
  log(`${info.name}: text race of 3: ${a.toFixed(2)} vs ${b.toFixed(2)} lane-steps/s separately`);
}

/**
 * Generated windows (sequence-level KD: every step; on-policy: λ = 0.5 of them) with the
 * key/value cache and with a full forward per character, side by side; then the samples
 * view's question, the old way (one stretch) against slices between ticks.
 */
async function textGeneration(info: BackendInfo, steps: Table, samples: Table): Promise<void> {
  if (info.software && info.name === 'webgpu') {
    steps.rows.push([label(info), 'skipped: minutes per round on software WebGPU']);
    return;
  }
  const assets = httpAssets(new URL('/', self.location.href).href);
  for (const mode of ['sequence-kd', 'on-policy'] as const) {
    const cfg = generatedConfig(mode);
    const tick = mode === 'on-policy' ? 4 : 1;
    const cases = {
      cache: generatedStepCase(await textSession(cfg, assets), tick),
      'full forward': generatedStepCase(withoutCache(await textSession(cfg, assets)), tick),
    };
    const m = await sideBySide(cases, { rounds: 3, minMs: 1500 });
    Object.values(cases).forEach((c) => c.dispose());
    const [a, b] = [rate(m, 'cache'), rate(m, 'full forward')];
    steps.rows.push([label(info), mode, fmt(a), fmt(b), fmt(a / b)]);
    log(`${info.name}: ${mode} ${a.toFixed(2)} steps/s with the cache, ${b.toFixed(2)} without`);
  }
  const cfg = textBenchConfig(TEXT_BATCH, TEXT_CONTEXT);
  for (const [how, sliced, cache] of [
    ['one stretch, full forward (before)', false, false],
    ['one stretch, cache', false, true],
    ['slices, cache (now)', true, true],
  ] as const) {
    const s = await textSession(cfg, assets);
    const r = await samplesPauses(cache ? s : withoutCache(s), sliced);
    s.dispose();
    samples.rows.push([label(info), how, Math.round(r.totalMs), Math.round(r.longestMs), r.slices]);
    log(
      `${info.name}: samples ${how}: ${r.totalMs.toFixed(0)} ms, longest pause ${r.longestMs.toFixed(0)} ms in ${r.slices}`,
    );
  }
}

/** Reading a table (no tfjs: the same on every backend, so measured once). */
function csv(table: Table): void {
  const r = csvRowsPerSecond();
  table.rows.push([
    `${CSV_ROWS.toLocaleString('en-US')} × ${CSV_COLUMNS}`,
    `${(r.bytes / 1024 / 1024).toFixed(1)} MB`,
    Math.round(r.rowsPerSecond),
    fmt(CSV_ROWS / r.rowsPerSecond),
  ]);
  log(`csv: ${Math.round(r.rowsPerSecond)} rows/s read and encoded (rounds ${r.rounds.map(Math.round).join(', ')})`);
}

async function main(only: string[] | null, sections: string[] | null): Promise<void> {
  // `text-step` is the first text table alone (the formulations side by side, about a minute);
  // `text-profile` logs one step's kernels per formulation (only when asked for).
  const want = (section: 'step' | 'race' | 'images' | 'text' | 'text-step' | 'imagefolder' | 'csv') =>
    !sections || sections.includes(section);
  const tables: Table = {
    title:
      'Table task: a seeded CSV parsed (Papa Parse), its columns read, split by class, standardised and one-hot encoded, in the worker (median of 5)',
    columns: ['rows × columns', 'file', 'rows/s', 'seconds per file'],
    rows: [],
  };
  if (want('csv')) csv(tables);
  const cfg = benchConfig();
  const workload = workloadOf(cfg);
  const step: Table = {
    title:
      'Distillation step: studio vs a minimal tfjs loop (same model and backend, side by side; "+ eval" adds the held-out evaluation every 10 steps the studio runs by default)',
    columns: ['backend', 'studio steps/s', 'minimal steps/s', 'ratio', 'studio + eval steps/s', 'ratio'],
    rows: [],
    note: SOFTWARE_NOTE,
  };
  const races: Table = {
    title:
      'Race on the toy task: N students in one session vs N separate single-student sessions, teacher outputs cached or the teacher run every step (lane-steps per second)',
    columns: ['backend', 'N', 'teacher', 'race', 'separate', 'ratio'],
    rows: [],
    note: SOFTWARE_NOTE,
  };
  const images: Table = {
    title:
      'Fashion-MNIST KD step (CNN teacher, 64-unit MLP student, batch 64): teacher outputs cached vs the teacher run on every batch (steps/s)',
    columns: ['backend', 'cached', 'teacher every step', 'speed-up'],
    rows: [],
    note: SOFTWARE_NOTE,
  };
  const texts: Table = {
    title: `Language task (${TEXT_BATCH} windows × ${TEXT_CONTEXT} characters): the 4×96 teacher's forward pass and the KD step into the 2×48 student, tokens per second`,
    columns: [
      'backend',
      'teacher forward tokens/s',
      'KD step tokens/s',
      'KD steps/s',
      'kernels/step',
      'reference: teacher forward',
      'reference: KD step',
      'reference: kernels/step',
      'KD step speed-up',
    ],
    rows: [],
    note: SOFTWARE_NOTE,
  };
  const textRaces: Table = {
    title: `Race on the language task (${TEXT_BATCH} × ${TEXT_CONTEXT} characters): 3 students sharing one teacher pass per step vs 3 separate sessions (lane-steps per second)`,
    columns: ['backend', 'N', 'race', 'separate', 'ratio'],
    rows: [],
    note: SOFTWARE_NOTE,
  };
  const generated: Table = {
    title: `Language task, generated windows (the default experiment: 32 windows × 64 characters, 4×96 teacher, 2×48 student): steps/s with the key/value cache vs a full forward pass per character`,
    columns: ['backend', 'windows', 'cache steps/s', 'full forward steps/s', 'speed-up'],
    rows: [],
    note: SOFTWARE_NOTE,
  };
  const samplePauses: Table = {
    title: `Samples view's question (160 characters from the teacher and the student): whole time and the longest stretch training waits for (ms)`,
    columns: ['backend', 'how', 'total ms', 'longest pause ms', 'stretches'],
    rows: [],
    note: SOFTWARE_NOTE,
  };
  // Decoding a user's image folder: canvas work, the same on every backend.
  const folder: Table = {
    title: `Image folder: ${FOLDER_IMAGES} PNGs (64×64 colour) unzipped, decoded and resized in the worker`,
    columns: ['to', 'images', 'unzip ms', 'decode+resize ms', 'images/s'],
    rows: want('imagefolder') ? await imageFolderRows(log) : [],
  };
  const imageWorkload = workloadOf(imageBenchConfig(true));
  const textWorkload = workloadOf(textBenchConfig(TEXT_BATCH, TEXT_CONTEXT));
  for (const name of BACKEND_ORDER) {
    if (only && !only.includes(name)) continue;
    const imageInfo = await selectBackend(name, imageWorkload);
    if (want('images') && imageInfo.name === name) await imageCache(imageInfo, images);
    const textInfo = await selectBackend(name, textWorkload);
    if (sections?.includes('text-profile') && textInfo.name === name) await textProfile();
    if (want('text-step') && !want('text') && textInfo.name === name) await text(textInfo, texts);
    if (want('text') && textInfo.name === name) {
      await text(textInfo, texts);
      await textRace(textInfo, textRaces);
      await textGeneration(textInfo, generated, samplePauses);
    }
    const info = await selectBackend(name, workload);
    if (info.name !== name) {
      log(`${name}: skipped (${info.reason})`);
      step.rows.push([name, `skipped: ${info.reason}`]);
      continue;
    }
    log(`${name}: ${info.adapter}${info.software ? ' (software)' : ''}`);
    if (want('step')) await kdStep(info, step);
    if (want('race')) await race(info, races);
  }
  const auto = await selectBackend('auto', workload);
  post({
    type: 'done',
    report: {
      tables: [folder, step, races, images, texts, textRaces, generated, samplePauses, tables].filter(
        (t) => t.rows.length > 0,
      ),
      auto: { chosen: auto.name, reason: auto.reason },
      userAgent: navigator.userAgent,
    } satisfies BenchReport,
  });
}

self.onmessage = (e: MessageEvent<{ backends: string[] | null; sections: string[] | null }>) => {
  main(e.data.backends, e.data.sections).catch((err: unknown) =>
    post({ type: 'error', text: String((err as Error).stack ?? err) }),
  );
};
