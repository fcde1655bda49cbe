/// <reference lib="webworker" />
/**
 * Runs every benchmark in a Worker, as the studio trains: each backend in turn, cases side by
 * side. Results go back to the page (and from there to `npm run bench`) as tables.
 */
import * as tf from '@tensorflow/tfjs';
import '../src/worker/backends';
import { BACKEND_ORDER, selectBackend, type BackendInfo } from '../src/engine/backend';
import { workloadOf } from '../src/engine/workload';
import { sideBySide, type BenchCase } from './harness';
import { benchConfig, minimalCase, studioCase } from './kd-step.bench';
import { raceCase, separateCase } from './race.bench';
import { imageCase, imageBenchConfig } from './image-cache.bench';
import { FOLDER_IMAGES, imageFolderRows } from './imagefolder.bench';
import { CSV_COLUMNS, CSV_ROWS, csvRowsPerSecond } from './csv.bench';
import { countRows } from './counts.bench';
import { setStepForms, type StepForms } from '../src/engine/step-forms';
import { Session } from '../src/engine/session';
import { fmt, label, log, post, rate, type Table } from './bench-common';
import { TEXT_BATCH, TEXT_CONTEXT, text, textGeneration, textPool, textProfile, textRace } from './text-sections';
import { textBenchConfig, textSession } from './text.bench';
import { httpAssets } from '../src/engine/assets';

export type { Table };

export interface BenchReport {
  tables: Table[];
  auto: { chosen: string; reason: string };
  userAgent: string;
}

const TICK = 10; // steps between read-backs, as the studio runs by default
const SOFTWARE_NOTE =
  'Rows marked (software) ran on SwiftShader: correctness and overhead checks, not performance results.';

/** Options for sideBySide: fewer, longer rounds on slow software WebGPU. */
const pace = (info: BackendInfo) =>
  info.software && info.name === 'webgpu' ? { rounds: 3, minMs: 1500 } : { rounds: 7, minMs: 600 };

/** A case run in the given step forms (engine/step-forms.ts), the lean ones restored after. */
const inForms = (forms: StepForms, c: BenchCase): BenchCase => ({
  async run() {
    setStepForms(forms);
    try {
      return await c.run();
    } finally {
      setStepForms('lean');
    }
  },
  dispose: () => c.dispose(),
});

async function kdStep(info: BackendInfo, table: Table): Promise<void> {
  // The step alone (evaluation pushed out of the timed window) and the studio's default loop
  // (held-out evaluation every 10 steps), against the same minimal loop; and the step in the
  // reference forms (before issue 15's item 5), side by side.
  const cases = {
    studio: await studioCase(benchConfig({ evalEvery: 1000 }), TICK),
    minimal: await minimalCase(benchConfig(), TICK),
    'studio + eval': await studioCase(benchConfig({ evalEvery: 10 }), TICK),
    reference: inForms('reference', await studioCase(benchConfig({ evalEvery: 1000 }), TICK)),
  };
  const before = tf.memory().numTensors;
  const m = await sideBySide(cases, pace(info));
  Object.values(cases).forEach((c) => c.dispose());
  const [a, b, c, r] = [rate(m, 'studio'), rate(m, 'minimal'), rate(m, 'studio + eval'), rate(m, 'reference')];
  table.rows.push([label(info), fmt(a), fmt(b), fmt(a / b), fmt(c), fmt(c / b), fmt(r), fmt(a / r)]);
  log(
    `${info.name}: kd step studio ${a.toFixed(1)} (reference forms ${r.toFixed(1)}), minimal ${b.toFixed(1)}, with eval ${c.toFixed(1)} steps/s (tensors ${before} → ${tf.memory().numTensors})`,
  );
}

/** Kernels and WebGPU dispatches per step of toy, images and text, reference and lean forms. */
async function counts(info: BackendInfo, table: Table): Promise<void> {
  const assets = httpAssets(new URL('/', self.location.href).href);
  const rows = await countRows(label(info), [
    { task: 'toy (batch 64)', make: () => Session.create(benchConfig({ evalEvery: 1000 })) },
    { task: 'toy (batch 512)', make: () => Session.create(benchConfig({ evalEvery: 1000, batchSize: 512 })) },
    { task: 'images', make: () => Session.create(imageBenchConfig(true), { assets }) },
    {
      task: `text (${TEXT_BATCH} × ${TEXT_CONTEXT})`,
      make: () => textSession(textBenchConfig(TEXT_BATCH, TEXT_CONTEXT), assets),
    },
  ]);
  table.rows.push(...rows);
  rows.forEach((r) => log(`${info.name}: ${r[1]}, ${r[2]} forms: ${r[3]} kernels, ${r[4]} WebGPU dispatches per step`));
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
  const want = (section: 'step' | 'counts' | 'race' | 'images' | 'text' | 'text-step' | 'imagefolder' | 'csv') =>
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
    columns: [
      'backend',
      'studio steps/s',
      'minimal steps/s',
      'ratio',
      'studio + eval steps/s',
      'ratio',
      'reference forms steps/s',
      'studio / reference',
    ],
    rows: [],
    note: SOFTWARE_NOTE,
  };
  const countTable: Table = {
    title:
      'Kernels (tf.profile records) and WebGPU dispatches (compute passes encoded) per KD step: the reference step forms (before issue 15, item 5), and the lean ones the studio runs',
    columns: ['backend', 'task', 'forms', 'kernels/step', 'WebGPU dispatches/step'],
    rows: [],
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
  const pools: Table = {
    title: `Language task (${TEXT_BATCH} windows × ${TEXT_CONTEXT} characters), KD step into the 2×48 student: fresh windows (teacher pass every step) vs a teacher-output pool of 512 windows, full or top-8 (tokens/s, side by side)`,
    columns: [
      'backend',
      'fresh tokens/s',
      'pool full tokens/s',
      'pool top-8 tokens/s',
      'full speed-up',
      'top-8 speed-up',
      'top-8 targets ms/step',
      'fill full s',
      'fill top-8 s',
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
    title: `Language task, generated windows (the default experiment: 32 windows × 64 characters, 4×96 teacher, 2×48 student): steps/s with the key/value cache (now; before: the tensor decoder and a teacher pass over the windows it wrote) vs a full forward pass per character`,
    columns: [
      'backend',
      'windows',
      'cache steps/s',
      'cache before steps/s',
      'full forward steps/s',
      'now / before',
      'now / full',
    ],
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
      await textPool(textInfo, pools);
      await textRace(textInfo, textRaces);
      await textGeneration(textInfo, generated, samplePauses);
    } else if (sections?.includes('text-pool') && textInfo.name === name) await textPool(textInfo, pools);
    else if (sections?.includes('text-gen') && textInfo.name === name)
      await textGeneration(textInfo, generated, samplePauses);
    const info = await selectBackend(name, workload);
    if (info.name !== name) {
      log(`${name}: skipped (${info.reason})`);
      step.rows.push([name, `skipped: ${info.reason}`]);
      continue;
    }
    log(`${name}: ${info.adapter}${info.software ? ' (software)' : ''}`);
    if (want('step')) await kdStep(info, step);
    if (want('counts')) await counts(info, countTable);
    if (want('race')) await race(info, races);
  }
  const auto = await selectBackend('auto', workload);
  post({
    type: 'done',
    report: {
      tables: [
        folder,
        step,
        countTable,
        races,
        images,
        texts,
        pools,
        textRaces,
        generated,
        samplePauses,
        tables,
      ].filter((t) => t.rows.length > 0),
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
