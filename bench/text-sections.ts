/// <reference lib="webworker" />
/**
 * The bench worker's language-task sections: the formulations side by side, the
 * teacher-output pool, a step's profile, races and generated windows.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '../src/engine/backend';
import { httpAssets } from '../src/engine/assets';
import { sideBySide } from './harness';
import { fmt, label, log, rate, type Table } from './bench-common';
import {
  generatedConfig,
  generatedStepCase,
  kdStepCase,
  kernelsPerStep,
  poolBenchConfig,
  poolTargetsCase,
  pooledSession,
  profileStep,
  refill,
  samplesPauses,
  teacherForwardCase,
  textBenchConfig,
  textRaceCases,
  textSession,
  withoutCache,
} from './text.bench';

export const TEXT_BATCH = 16;
export const TEXT_CONTEXT = 64;

export async function text(info: BackendInfo, table: Table): Promise<void> {
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

/**
 * The KD step on fresh windows (a teacher pass per step) against a teacher-output pool of 512
 * windows, full and top-8 (targets rebuilt on the host and uploaded, no teacher pass), side by
 * side; and what the pool's targets cost alone, and filling each pool once.
 */
export async function textPool(info: BackendInfo, table: Table): Promise<void> {
  const assets = httpAssets(new URL('/', self.location.href).href);
  const fresh = await textSession(textBenchConfig(TEXT_BATCH, TEXT_CONTEXT), assets);
  const baseline = performance.now();
  await textSession(textBenchConfig(TEXT_BATCH, TEXT_CONTEXT), assets).then((x) => x.dispose());
  const plain = performance.now() - baseline;
  const full = await pooledSession(poolBenchConfig(TEXT_BATCH, TEXT_CONTEXT, 'full'), assets);
  const topK = await pooledSession(poolBenchConfig(TEXT_BATCH, TEXT_CONTEXT, 'top-k'), assets);
  const stored = await refill(topK.s, 'top-k');
  const tick = info.software ? 1 : 5;
  const cases = {
    fresh: kdStepCase(fresh, TEXT_BATCH, TEXT_CONTEXT, tick),
    'pool, full': kdStepCase(full.s, TEXT_BATCH, TEXT_CONTEXT, tick),
    'pool, top-8': kdStepCase(topK.s, TEXT_BATCH, TEXT_CONTEXT, tick),
    'top-8 targets alone': poolTargetsCase(stored, TEXT_BATCH, tick, topK.s.config.seed),
  };
  const before = tf.memory().numTensors;
  const m = await sideBySide(cases, info.software ? { rounds: 3, minMs: 1500 } : { rounds: 5, minMs: 800 });
  const [a, b, c, d] = [
    rate(m, 'fresh'),
    rate(m, 'pool, full'),
    rate(m, 'pool, top-8'),
    rate(m, 'top-8 targets alone'),
  ];
  const after = tf.memory().numTensors;
  [fresh, full.s, topK.s].forEach((s) => s.dispose());
  const stepTokens = TEXT_BATCH * TEXT_CONTEXT;
  table.rows.push([
    label(info),
    Math.round(a),
    Math.round(b),
    Math.round(c),
    fmt(b / a),
    fmt(c / a),
    fmt((1000 * stepTokens) / d),
    fmt((full.ms - plain) / 1000),
    fmt((topK.ms - plain) / 1000),
  ]);
  log(
    `${info.name}: text KD step fresh ${a.toFixed(0)}, pool full ${b.toFixed(0)}, pool top-8 ${c.toFixed(0)} tokens/s; top-8 targets ${((1000 * stepTokens) / d).toFixed(2)} ms/step; fill ${((full.ms - plain) / 1000).toFixed(1)} / ${((topK.ms - plain) / 1000).toFixed(1)} s (tensors ${before} → ${after})`,
  );
}

/** Where one text KD step's time goes, per formulation, in the log (warm steps first). */
export async function textProfile(): Promise<void> {
  const assets = httpAssets(new URL('/', self.location.href).href);
  const s = await textSession(textBenchConfig(TEXT_BATCH, TEXT_CONTEXT), assets);
  for (const forms of [null, 'reference'] as const) {
    await kdStepCase(s, TEXT_BATCH, TEXT_CONTEXT, 3, forms).run();
    for (const line of await profileStep(s, forms)) log(line);
  }
  s.dispose();
}

/** Three students on text: the shared teacher pass is a large part of each step. */
export async function textRace(info: BackendInfo, table: Table): Promise<void> {
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
export async function textGeneration(info: BackendInfo, steps: Table, samples: Table): Promise<void> {
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
      'cache, before': generatedStepCase(await textSession(cfg, assets), tick, true),
      'full forward': generatedStepCase(withoutCache(await textSession(cfg, assets)), tick),
    };
    const m = await sideBySide(cases, { rounds: 3, minMs: 1500 });
    Object.values(cases).forEach((c) => c.dispose());
    const [a, before, b] = [rate(m, 'cache'), rate(m, 'cache, before'), rate(m, 'full forward')];
    steps.rows.push([label(info), mode, fmt(a), fmt(before), fmt(b), fmt(a / before), fmt(a / b)]);
    log(
      `${info.name}: ${mode} ${a.toFixed(2)} steps/s with the cache (${before.toFixed(2)} with the tensor decoder and a teacher pass), ${b.toFixed(2)} without`,
    );
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
