/**
 * The text task in Node on the cpu backend, from the shipped corpus and teacher: windows,
 * students, token-level KD, sequence-level KD, on-policy batches, samples and no leaks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { modelSize } from '../config/derived';
import { laneFor } from '../config/defaults';
import { TEXT_CONFIG, TEXT_STUDENTS, type TextExperiment } from '../tasks/text/defaults';
import { validateConfig } from '../config/schema';
import { createRng } from '../lib/rng';
import { getObjective } from '../objectives';
import { TEXT_VOCAB } from '../tasks/text/normalise';
import { cleanPrompt } from '../tasks/text/prompt';
import { studentVocab } from '../tasks/text/student-vocab';
import { fsAssets } from '../test/assets';
import { tf, useCpu } from '../test/tf';
import { buildModel } from './models/build';
import { generate, generateBatch } from './models/generate';
import { createWindowMlp, isSequenceModel } from './models/sequence';
import { nextTokensAt, textSamples } from '../tasks/text/engine/queries';
import { Session } from './session';
import { loadCorpus } from '../tasks/text/engine/load';
import { TextBatches, corpusWindows, promptLength, sourceOf, type TextBatch } from '../tasks/text/engine/batches';
import type { Model } from './models/types';

beforeAll(useCpu);

/** A text experiment small enough for the cpu backend in a unit test. */
const small = (
  over: Partial<TextExperiment['task']> = {},
  student = TEXT_STUDENTS.tinyTransformer.spec,
): TextExperiment => ({
  ...TEXT_CONFIG,
  task: { ...TEXT_CONFIG.task, context: 16, evalWindows: 8, ...over },
  student,
  train: { ...TEXT_CONFIG.train, batchSize: 4, evalEvery: 5, lr: 0.01 },
});

const V = TEXT_VOCAB.length;

describe('text models', () => {
  it('count their weights as the config layer says', () => {
    for (const { spec } of Object.values(TEXT_STUDENTS)) {
      const m = buildModel(spec as never, [64], V, createRng(1), 'count');
      expect(m.paramCount).toBe(modelSize(spec, TEXT_CONFIG.task, V)!.params);
      expect(m.variables.reduce((n, v) => n + v.size, 0)).toBe(m.paramCount);
      m.dispose();
    }
  });

  it('window MLP: one row per token, causal, and only the last `window` tokens matter', async () => {
    const spec = { kind: 'window-mlp' as const, window: 3, embed: 4, hidden: [8], activation: 'tanh' as const };
    const m = createWindowMlp(spec, V, 16, createRng(2), 'wmlp');
    const a = [5, 6, 7, 8, 9, 10];
    const b = [5, 6, 7, 8, 30, 31]; // differs from position 4 on
    const c = [40, 41, 7, 8, 9, 10]; // differs only more than `window` back from position 5
    const out = tf.tidy(() => m.forward(tf.tensor2d([a, b, c], [3, 6], 'int32')).logits);
    expect(out.shape).toEqual([18, V]);
    const v = (await out.data()) as Float32Array;
    out.dispose();
    const row = (seq: number, t: number) => Array.from(v.subarray((seq * 6 + t) * V, (seq * 6 + t + 1) * V));
    for (let t = 0; t < 4; t++) expect(row(1, t)).toEqual(row(0, t)); // future tokens change nothing
    expect(row(1, 4)).not.toEqual(row(0, 4));
    expect(row(2, 5)).toEqual(row(0, 5)); // tokens 0-1 are outside position 5's window
    expect(row(2, 2)).not.toEqual(row(0, 2));
    m.dispose();
  });

  it('batched generation matches one-row generation, row by row, for a seed', async () => {
    const m = buildModel(TEXT_STUDENTS.tinyTransformer.spec as never, [16], V, createRng(3), 'gen');
    if (!isSequenceModel(m)) throw new Error('expected a sequence model');
    const one = await generate(m.sequence, [1, 2, 3], 20, { temperature: 1, rng: createRng(9) });
    const batch = await generateBatch(m.sequence, Int32Array.from([1, 2, 3, 1, 2, 3]), 2, 20, {
      temperature: 1,
      rng: createRng(9),
    });
    // Draws interleave by row, so row 0 of the batch uses draws 0, 2, 4, …: not the same text,
    // but the batch itself is reproducible and both rows are valid ids.
    expect(Array.from(batch)).toEqual(
      Array.from(
        await generateBatch(m.sequence, Int32Array.from([1, 2, 3, 1, 2, 3]), 2, 20, {
          temperature: 1,
          rng: createRng(9),
        }),
      ),
    );
    expect([...one, ...batch].every((id) => id >= 0 && id < V)).toBe(true);
    // Greedy generation is the same for a row alone or in a batch.
    const g1 = await generate(m.sequence, [4, 5], 12, { temperature: 0, rng: createRng(1) });
    const g2 = await generateBatch(m.sequence, Int32Array.from([4, 5, 4, 5]), 2, 12, {
      temperature: 0,
      rng: createRng(1),
    });
    expect(Array.from(g2.subarray(0, 12))).toEqual(Array.from(g1));
    expect(Array.from(g2.subarray(12))).toEqual(Array.from(g1));
    m.dispose();
  });
});

describe('text config', () => {
  it('the default text experiment is valid, and wrong models for the task are rejected', () => {
    expect(validateConfig(TEXT_CONFIG).ok).toBe(true);
    const mlp = validateConfig({ ...TEXT_CONFIG, student: { kind: 'mlp', hidden: [8], activation: 'relu' } });
    expect(mlp.ok).toBe(false);
    const heads = validateConfig({ ...TEXT_CONFIG, student: { kind: 'transformer', layers: 1, width: 30, heads: 4 } });
    expect(heads.ok ? [] : heads.errors.map((e) => e.message)).toContain(
      'Heads must divide the width (30 is not divisible by 4)',
    );
  });

  it('greys out RKD for token batches (cubic in rows) but not for small image batches', () => {
    const rkd = getObjective('rkd');
    expect(rkd.unavailable!({ studentFeatureDim: 48, teacherFeatureDim: 96, batchSize: 32, rows: 2048 })).toMatch(
      /2048 token rows/,
    );
    expect(rkd.unavailable!({ studentFeatureDim: 48, teacherFeatureDim: 96, batchSize: 32, rows: 32 })).toBeNull();
  });

  it('cleans a typed prompt into the vocabulary and says what it dropped', () => {
    expect(cleanPrompt('Call me “Ishmael” — ok€')).toEqual({ text: 'call me "ishmael" - ok', dropped: ['€'] });
  });

  it('draws each step’s source from the seed: λ of steps on-policy, the rest corpus or teacher', () => {
    const task = { ...TEXT_CONFIG.task, onPolicy: 0.25 };
    const sources = Array.from({ length: 400 }, (_, s) => sourceOf(task, 42, s));
    const onPolicy = sources.filter((s) => s === 'student').length / sources.length;
    expect(onPolicy).toBeGreaterThan(0.18);
    expect(onPolicy).toBeLessThan(0.32);
    expect(sources.every((s) => s === 'student' || s === 'corpus')).toBe(true);
    expect(sourceOf({ ...task, onPolicy: 0, sequenceKd: true }, 42, 3)).toBe('teacher');
    expect(promptLength(64)).toBe(16);
  });
});

describe('generated batches: sequence-level KD (teacher samples) and on-policy GKD (student samples)', () => {
  const context = 8;
  const rows = 4;
  const p = promptLength(context); // 2 corpus characters start each generated window
  const n = context + 1 - p; // new characters per window (the window and its shifted label)
  // A synthetic corpus: the batches only take prompts from it.
  const corpusRng = createRng(5, 'corpus');
  const corpus = { ids: Int32Array.from({ length: 4000 }, () => corpusRng.int(V)), trainEnd: 3600 };
  const seed = 42;
  const cfg = (over: Partial<TextExperiment['task']>): TextExperiment => ({
    ...small({ context, ...over }),
    seed,
    train: { ...small().train, batchSize: rows },
  });
  const model = (weightsSeed: number): Model => {
    const m = buildModel(TEXT_STUDENTS.tinyTransformer.spec as never, [context], V, createRng(weightsSeed), 'm');
    if (!isSequenceModel(m)) throw new Error('expected a sequence model');
    return m;
  };
  const sequence = (m: Model) => {
    if (!isSequenceModel(m)) throw new Error('expected a sequence model');
    return m.sequence;
  };
  /** This step's corpus prompts, row-major [rows, p]. */
  const promptsAt = (step: number) => {
    const { x } = corpusWindows(corpus.ids, corpus.trainEnd, rows, context, seed, step);
    return Int32Array.from({ length: rows * p }, (_, i) => x[Math.floor(i / p) * context + (i % p)]!);
  };
  const row = (a: ArrayLike<number>, r: number, width: number) => Array.from(a).slice(r * width, (r + 1) * width);
  /** Checks a generated batch against its prompts and its n generated ids per row. */
  const expectWindows = (b: TextBatch, prompts: Int32Array, generated: Int32Array) => {
    expect([b.rows, b.steps]).toEqual([rows, context]);
    for (let r = 0; r < rows; r++) {
      // The sequence is prompt + generated (context + 1 ids); x and y are it and its shift.
      const seq = [...row(prompts, r, p), ...row(generated, r, n)];
      expect(row(b.x, r, context)).toEqual(seq.slice(0, context));
      expect(row(b.y, r, context)).toEqual(seq.slice(1));
      // Positions whose label is a prompt character are masked out; the last prompt position
      // (whose label is the first generated id) and everything after it count.
      expect(row(b.mask!, r, context)).toEqual(Array.from({ length: context }, (_, t) => (t < p - 1 ? 0 : 1)));
    }
  };

  it('sequence-level KD: after the prompt, the tokens are what the teacher generates with the step’s seeded draws', async () => {
    const teacher = model(11);
    const students = [model(21), model(22)];
    const task = cfg({ sequenceKd: true, onPolicy: 0, samplingTemperature: 0.9 });
    const batches = new TextBatches(corpus, teacher, seed, () => task);
    const step = 7;
    expect(sourceOf(task.task, seed, step)).toBe('teacher');
    expect(batches.needsPrepare(step)).toBe(true);
    expect(() => batches.take(step, 2)).toThrow(/prepareStep/);
    await batches.prepare(step, students);
    expect(batches.needsPrepare(step)).toBe(false);
    const [a, b] = batches.take(step, 2);
    expect(a!.source).toBe('teacher');
    expect(b).toBe(a); // one teacher batch shared by the lanes
    expect(a!.labelMask).toBeUndefined(); // the teacher's draws are the labels
    const prompts = promptsAt(step);
    const expected = await generateBatch(sequence(teacher), prompts, rows, n, {
      temperature: 0.9,
      rng: createRng(seed, `sample:${step}`),
    });
    expectWindows(a!, prompts, expected);
    // The teacher's logits kept from writing the windows are its forward pass over them (the
    // step uploads them instead of running it), within float32 noise.
    const full = tf.tidy(() => teacher.forward(tf.tensor2d(a!.x, [rows, context], 'int32')).logits);
    const passed = await full.data();
    full.dispose();
    expect(a!.generatedLogits).toHaveLength(passed.length);
    const scale = Math.max(...Array.from(passed, Math.abs));
    const gap = Math.max(...Array.from(passed, (v, i) => Math.abs(v - a!.generatedLogits![i]!)));
    expect(gap / scale).toBeLessThan(1e-5);
    // Not the corpus continuation, and not a student's text.
    const { x: corpusX } = corpusWindows(corpus.ids, corpus.trainEnd, rows, context, seed, step);
    expect(Array.from(a!.x)).not.toEqual(Array.from(corpusX));
    const studentText = await generateBatch(sequence(students[0]!), prompts, rows, n, {
      temperature: 0.9,
      rng: createRng(seed, `sample:${step}`),
    });
    expect(Array.from(expected)).not.toEqual(Array.from(studentText));
    // The batch is used once: the next take of this step needs a new prepare.
    expect(() => batches.take(step, 2)).toThrow(/prepareStep/);
    [teacher, ...students].forEach((m) => m.dispose());
  });

  it('sequence-level KD at temperature 0: each row is the teacher’s greedy continuation of its own prompt', async () => {
    const teacher = model(12);
    const task = cfg({ sequenceKd: true, onPolicy: 0, samplingTemperature: 0 });
    const batches = new TextBatches(corpus, teacher, seed, () => task);
    await batches.prepare(3, [teacher]);
    const [b] = batches.take(3, 1);
    const prompts = promptsAt(3);
    // Row by row, alone: independent of the batch and of any draws.
    const greedy = new Int32Array(rows * n);
    for (let r = 0; r < rows; r++)
      greedy.set(
        await generate(sequence(teacher), row(prompts, r, p), n, { temperature: 0, rng: createRng(0) }),
        r * n,
      );
    expectWindows(b!, prompts, greedy);
    teacher.dispose();
  });

  it('on-policy (GKD): each lane writes its own windows from the same prompts and draws; no label counts', async () => {
    const teacher = model(11);
    const students = [model(31), model(32)];
    const task = cfg({ onPolicy: 1, samplingTemperature: 1 });
    const batches = new TextBatches(corpus, teacher, seed, () => task);
    const step = 4;
    expect(sourceOf(task.task, seed, step)).toBe('student');
    await batches.prepare(step, students);
    const [a, b] = batches.take(step, 2);
    const prompts = promptsAt(step);
    for (const [i, batch] of [a!, b!].entries()) {
      expect(batch.source).toBe('student');
      // The teacher scores a student's text with a pass of its own.
      expect(batch.generatedLogits).toBeUndefined();
      // An all-zero label mask: the student's own draws are not labels (CE is 0 there).
      expect(batch.labelMask).toHaveLength(rows * context);
      expect(batch.labelMask!.every((v) => v === 0)).toBe(true);
      const own = await generateBatch(sequence(students[i]!), prompts, rows, n, {
        temperature: 1,
        rng: createRng(seed, `sample:${step}`),
      });
      expectWindows(batch, prompts, own);
    }
    // Different weights, different windows after the same prompts.
    expect(b).not.toBe(a);
    const differing = Array.from(a!.x).filter((v, i) => v !== b!.x[i]).length;
    expect(differing).toBeGreaterThan(0);
    // Identical weights give identical windows: the lanes differ by their models alone.
    const twins = [model(31), model(31)];
    const same = new TextBatches(corpus, teacher, seed, () => task);
    await same.prepare(step, twins);
    const [c, d] = same.take(step, 2);
    expect(Array.from(c!.x)).toEqual(Array.from(d!.x));
    expect(Array.from(c!.x)).toEqual(Array.from(a!.x));
    [teacher, ...students, ...twins].forEach((m) => m.dispose());
  });

  it('a fraction λ of steps is on-policy, drawn from the seed; corpus steps need no preparation', () => {
    for (const lambda of [0.1, 0.5, 0.9]) {
      const task = cfg({ onPolicy: lambda }).task;
      const steps = 4000;
      const student = Array.from({ length: steps }, (_, s) => sourceOf(task, seed, s) === 'student');
      const share = student.filter(Boolean).length / steps;
      // Binomial: within 4 standard deviations (0.019 for λ = 0.1 or 0.9, 0.032 for 0.5).
      expect(Math.abs(share - lambda), `λ = ${lambda}: ${share}`).toBeLessThan(
        4 * Math.sqrt((lambda * (1 - lambda)) / steps),
      );
      // Another seed draws other steps, at the same rate.
      const other = Array.from({ length: steps }, (_, s) => sourceOf(task, seed + 1, s) === 'student');
      expect(other).not.toEqual(student);
      const m = model(1);
      const batches = new TextBatches(corpus, m, seed, () => cfg({ onPolicy: lambda }));
      for (let s = 0; s < 50; s++) expect(batches.needsPrepare(s)).toBe(student[s]);
      const corpusStep = student.indexOf(false);
      const [b] = batches.take(corpusStep, 1);
      expect(b!.source).toBe('corpus');
      expect(b!.mask).toBeUndefined();
      expect(b!.labelMask).toBeUndefined();
      m.dispose();
    }
    expect(sourceOf(cfg({ onPolicy: 0 }).task, seed, 0)).toBe('corpus');
    expect(Array.from({ length: 200 }, (_, s) => sourceOf(cfg({ onPolicy: 1 }).task, seed, s))).toEqual(
      Array(200).fill('student'),
    );
  });
});

describe('text distillation', () => {
  it('loads the corpus and distils the shipped teacher: token-level, deterministic, no leaks', async () => {
    const ids = await loadCorpus(fsAssets);
    expect(ids.length).toBe(1190141);
    const start = tf.memory().numTensors;
    const run = async () => {
      const s = await Session.create(small(), { assets: fsAssets });
      // The first step creates the optimiser's slots and the first checkpoints.
      s.trainStep();
      const first = await s.flush();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 6; i++) s.trainStep();
      const r = await s.flush();
      const after = tf.memory().numTensors;
      const teacherPpl = s.teacherMetrics[2]!;
      const cols = s.evalColumns.map((c) => c.id);
      s.dispose();
      return { r: { ...r, evals: first.evals }, before, after, teacherPpl, cols };
    };
    const a = await run();
    const b = await run();
    expect(Array.from(a.r.losses)).toEqual(Array.from(b.r.losses));
    expect(a.after).toBe(a.before);
    expect(tf.memory().numTensors).toBe(start);
    expect(a.cols).toContain('perplexity');
    // The shipped teacher's perplexity on these 8 held-out windows of 16 characters: shorter
    // windows see less context than the 64 of its README figure (4.34), so it is higher.
    expect(a.teacherPpl).toBeGreaterThan(3);
    expect(a.teacherPpl).toBeLessThan(9);
    const ppl = a.r.evals[0]!.values[a.cols.indexOf('perplexity')]!;
    // An untrained student is near uniform over the 49 characters.
    expect(ppl).toBeGreaterThan(30);
    expect(ppl).toBeLessThan(70);
  });

  it('sequence-level KD and on-policy steps generate their windows first, per lane on-policy', async () => {
    const cfg: TextExperiment = {
      ...small({ sequenceKd: true, onPolicy: 0.5, context: 8 }),
      lanes: [TEXT_CONFIG.lanes[0]!, laneFor('reverse-kl')],
    };
    const s = await Session.create(cfg, { assets: fsAssets });
    const sources = Array.from({ length: 6 }, (_, i) => sourceOf(cfg.task, cfg.seed, i));
    expect(sources).toContain('student');
    expect(sources).toContain('teacher');
    expect(s.needsPrepare).toBe(true);
    expect(() => s.trainStep()).toThrow(/prepareStep/);
    await s.prepareStep();
    s.trainStep();
    await s.flush();
    const before = tf.memory().numTensors;
    for (let i = 1; i < 6; i++) {
      if (s.needsPrepare) await s.prepareStep();
      s.trainStep();
    }
    const r = await s.flush();
    expect(tf.memory().numTensors).toBe(before);
    expect(r.diverged).toBeUndefined();
    expect(r.losses.every((v) => Number.isFinite(v))).toBe(true);
    // On-policy steps have no hard labels: the CE part of Hinton KD is exactly 0 there, and the
    // KD term has weight 1 (not α = 0.9): the total is the divergence alone, as in GKD.
    const col = (key: string) => s.lossColumns.findIndex((c) => c.lane === 0 && c.key === key);
    const [ce, kd, total] = ['ce', 'kd', 'total'].map(col) as [number, number, number];
    const width = s.lossColumns.length;
    const alpha = cfg.lanes[0]!.params.alpha!;
    const kinds = r.steps.map((step) => sourceOf(cfg.task, cfg.seed, step - 1));
    expect(kinds).toContain('student');
    expect(kinds).toContain('teacher');
    r.steps.forEach((step, row) => {
      const at = (i: number) => r.losses[row * width + i]!;
      if (sourceOf(cfg.task, cfg.seed, step - 1) === 'student') {
        expect(at(ce)).toBe(0);
        expect(at(total)).toBeCloseTo(at(kd), 6);
      } else {
        expect(at(ce)).toBeGreaterThan(0);
        expect(at(total)).toBeCloseTo((1 - alpha) * at(ce) + alpha * at(kd), 5);
      }
    });
    s.dispose();
  });

  it('samples from teacher and students after the same prompt; next-token logits at a position', async () => {
    const s = await Session.create(small(), { assets: fsAssets });
    const prompt = Int32Array.from([TEXT_VOCAB.indexOf('t'), TEXT_VOCAB.indexOf('h'), TEXT_VOCAB.indexOf('e')]);
    const a = await textSamples(s, prompt, 30);
    const b = await textSamples(s, prompt, 30);
    expect(a.teacher).toHaveLength(30);
    expect(a.lanes[0]).toHaveLength(30);
    expect(Array.from(b.lanes[0]!)).toEqual(Array.from(a.lanes[0]!));
    const next = await nextTokensAt(s, 20);
    expect(next.teacher).toHaveLength(V);
    expect(next.lanes).toHaveLength(1);
    expect(next.actual).toBeGreaterThanOrEqual(0);
    s.dispose();
  });
});

describe('cross-vocabulary distillation (a student with its own vocabulary)', () => {
  const coarse = studentVocab('coarse')!;
  const ch = (vocab: string, id: number) => vocab[id]!;

  it('maps digits to #, punctuation to . and keeps letters, space and newline', () => {
    expect(coarse.chars).toHaveLength(30);
    const to = (c: string) => ch(coarse.chars, coarse.map[TEXT_VOCAB.indexOf(c)]!);
    expect(['a', 'z', ' ', '\n'].map(to)).toEqual(['a', 'z', ' ', '\n']);
    expect(['0', '7'].map(to)).toEqual(['#', '#']);
    expect(['!', ',', '"', ';', '-'].map(to)).toEqual(['.', '.', '.', '.', '.']);
    // Back to the teacher's ids: each student character by a representative.
    expect(Array.from(coarse.back, (id) => ch(TEXT_VOCAB, id)).join('')).toBe('\n .0abcdefghijklmnopqrstuvwxyz');
    expect(studentVocab('shared')).toBeNull();
  });

  it('only objectives that need no shared vocabulary are allowed', () => {
    const cfg = (objective: string): TextExperiment => ({
      ...small({ studentVocab: 'coarse' }),
      lanes: [laneFor(objective)],
    });
    const bad = validateConfig(cfg('hinton'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.message).toMatch(/needs a shared vocabulary/);
    for (const ok of ['uld', 'baseline', 'features']) expect(validateConfig(cfg(ok)).ok, ok).toBe(true);
  });

  it('trains a 30-symbol student with ULD from the 49-character teacher: finite, in range, no leaks', async () => {
    const cfg: TextExperiment = {
      ...small({ studentVocab: 'coarse', onPolicy: 0.5 }),
      lanes: [laneFor('uld'), laneFor('baseline')],
    };
    const start = tf.memory().numTensors;
    const s = await Session.create(cfg, { assets: fsAssets });
    // The teacher's metrics are measured in the student's vocabulary (merged characters summed).
    const [teacherAcc, , teacherPpl] = Array.from(s.teacherMetrics);
    expect(teacherAcc).toBeGreaterThan(0.3);
    expect(teacherPpl).toBeGreaterThan(1);
    expect(teacherPpl).toBeLessThan(30);
    if (s.needsPrepare) await s.prepareStep();
    s.trainStep();
    const first = await s.flush();
    const before = tf.memory().numTensors;
    for (let i = 1; i < 6; i++) {
      if (s.needsPrepare) await s.prepareStep();
      s.trainStep();
    }
    const r = await s.flush();
    expect(tf.memory().numTensors).toBe(before);
    expect(r.losses.every(Number.isFinite)).toBe(true);
    const cols = s.evalColumns.map((c) => c.id);
    const e = first.evals[0]!.values;
    expect(e[cols.indexOf('agreement')]).toBeGreaterThanOrEqual(0);
    expect(e[cols.indexOf('agreement')]).toBeLessThanOrEqual(1);
    // An untrained student: a perplexity of the order of its 30 symbols. (Labels left in the
    // teacher's ids would fall outside its 30 logits and give a near-zero cross-entropy.)
    expect(e[cols.indexOf('perplexity')]).toBeGreaterThan(20);
    expect(e[cols.indexOf('perplexity')]).toBeLessThan(70);
    // The student answers in its own vocabulary; the teacher in its own.
    const next = await nextTokensAt(s, 10);
    expect(next.teacher).toHaveLength(V);
    expect(next.lanes[0]).toHaveLength(30);
    const prompt = Int32Array.from('the ', (c) => TEXT_VOCAB.indexOf(c));
    const sample = await textSamples(s, prompt, 20);
    expect(Math.max(...sample.lanes[0]!)).toBeLessThan(30);
    s.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
