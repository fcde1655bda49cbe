/** The worker's controller driven directly in Node (cpu backend): commands, events, pacing. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, TEXT_CONFIG, TEXT_STUDENTS, laneFor, type ToyExperiment } from '../config/defaults';
import { fsAssets } from '../test/assets';
import { tf, useCpu } from '../test/tf';
import { StudioController } from './controller';
import type { EngineEvent } from './protocol';

beforeAll(useCpu);

const quick: ToyExperiment = {
  ...DEFAULT_CONFIG,
  backend: 'cpu',
  task: { ...DEFAULT_CONFIG.task, dataset: 'moons', points: 200 },
  teacher: { ...DEFAULT_CONFIG.teacher, trainSteps: 60 },
  train: { ...DEFAULT_CONFIG.train, steps: 200, stepsPerFrame: 50 },
};

function harness() {
  const events: EngineEvent[] = [];
  const c = new StudioController((e) => events.push(e));
  const waitFor = async (pred: (e: EngineEvent) => boolean, ms = 20_000) => {
    const t0 = Date.now();
    while (!events.some(pred)) {
      if (Date.now() - t0 > ms) throw new Error(`timed out; saw ${events.map((e) => e.type).join(',')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { c, events, waitFor };
}

describe('StudioController', () => {
  it('previews data on configure, trains the teacher on Play, then runs to the planned steps', async () => {
    const { c, events, waitFor } = harness();
    await c.configure(quick);
    expect(events.map((e) => e.type)).toEqual(['data', 'reset', 'status']);
    await c.play();
    await waitFor((e) => e.type === 'status' && e.status === 'done');
    const progress = events.filter((e) => e.type === 'progress' && e.phase === 'teacher');
    expect(progress.at(-1)).toMatchObject({ done: 60, total: 60 });
    const metrics = events.flatMap((e) => (e.type === 'metrics' ? [e.batch] : []));
    const steps = metrics.flatMap((b) => b.steps);
    expect(steps).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(metrics.slice(1).map((b) => b.numTensors)).size).toBe(1);
    expect(events.some((e) => e.type === 'views')).toBe(true);
  });

  it('applies live edits without a restart and restarts students for structural ones', async () => {
    const { c, events } = harness();
    await c.configure(quick);
    await c.step();
    expect((await c.configure({ ...quick, train: { ...quick.train, lr: 0.005 } })).change).toBe('live');
    const n = events.length;
    expect(
      (
        await c.configure({
          ...quick,
          train: { ...quick.train, lr: 0.005 },
          student: { ...quick.student, hidden: [3] },
        })
      ).change,
    ).toBe('students');
    expect(events.slice(n).some((e) => e.type === 'reset')).toBe(true);
    expect((await c.configure({ ...quick, seed: 9 })).change).toBe('rebuild');
  });

  it('pauses between ticks and leaves no tensors behind after a rebuild', async () => {
    const { c, events, waitFor } = harness();
    const before = tf.memory().numTensors;
    await c.configure({ ...quick, train: { ...quick.train, steps: 100_000, stepsPerFrame: 5 } });
    await c.play();
    await waitFor((e) => e.type === 'metrics' && e.batch.step > 20);
    await c.pause();
    expect(events.at(-1)).toEqual({ type: 'status', status: 'paused' });
    await c.configure({ ...quick, seed: 3 }); // disposes the session
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports an error status instead of throwing when the teacher diverges', async () => {
    const { c, events, waitFor } = harness();
    await c.configure({
      ...quick,
      teacher: { ...quick.teacher, lr: 10, model: { kind: 'mlp', hidden: [64, 64], activation: 'elu' } },
    });
    await c.play();
    await waitFor((e) => e.type === 'status' && (e.status === 'error' || e.status === 'running'));
    const s = events.filter((e) => e.type === 'status').at(-1);
    // Either the teacher diverged (clear message) or, by luck, it did not; never an exception.
    if (s?.type === 'status' && s.status === 'error')
      expect(s.reason?.code === 'error' && s.reason.detail).toMatch(/teacher’s loss diverged/);
    await c.pause();
  });

  it('exports each lane under its own file names, named in its manifest, and says why a student cannot be exported', async () => {
    const { c, events } = harness();
    const lanes = [laneFor('hinton'), laneFor('reverse-kl')];
    await c.configure({ ...quick, lanes });
    await c.step();
    // The session event carries the trained teacher's weights hash (the reproducibility stamp).
    const session = events.find((e) => e.type === 'session');
    expect(session?.type === 'session' && session.info.teacher.weightsHash).toMatch(/^[0-9a-f]{12}$/);
    const named = await c.exportStudents(['student-1-hinton', 'student-2-reverse-kl']);
    expect(named.map((m) => ('error' in m ? m.error : [m.format, m.fileStem, m.weightsFile]))).toEqual([
      ['layers-model', 'student-1-hinton-step1', 'student-1-hinton-step1.weights.bin'],
      ['layers-model', 'student-2-reverse-kl-step1', 'student-2-reverse-kl-step1.weights.bin'],
    ]);
    for (const m of named) {
      if ('error' in m) continue;
      const json = m.modelJson as { weightsManifest: { paths: string[] }[] };
      expect(json.weightsManifest.map((g) => g.paths)).toEqual([[m.weightsFile]]);
    }
    // The history's own copies keep the plain name.
    const plain = await c.exportStudents();
    expect(plain.map((m) => ('error' in m ? m.error : m.weightsFile))).toEqual(['weights.bin', 'weights.bin']);
    // A student tfjs cannot load back: every lane says why, nothing is built.
    await c.configure({ ...quick, lanes, student: { kind: 'mlp', hidden: [4], activation: 'gelu' } });
    await c.step();
    const refused = await c.exportStudents(['a', 'b']);
    expect(refused).toHaveLength(2);
    for (const m of refused) expect('error' in m && m.error).toMatch(/^Students with gelu cannot be exported yet/);
    await c.reset();
  });

  it('says why it stopped as data: the planned steps, and Play again at the end', async () => {
    const { c, events, waitFor } = harness();
    await c.configure({ ...quick, train: { ...quick.train, steps: 60 } });
    await c.play();
    await waitFor((e) => e.type === 'status' && e.status === 'done');
    const statuses = events.flatMap((e) => (e.type === 'status' ? [e] : []));
    expect(statuses.map((e) => e.reason?.code)).toContain('training-teacher');
    expect(statuses.at(-1)).toEqual({ type: 'status', status: 'done', reason: { code: 'finished', steps: 60 } });
    await c.play();
    expect(events.at(-1)).toEqual({
      type: 'status',
      status: 'done',
      reason: { code: 'planned-steps-reached', steps: 60 },
    });
  });

  it('answers view queries stamped with the students’ epoch and step; a Reset starts a new epoch', async () => {
    const { c, events } = harness();
    await c.configure(quick);
    expect(await c.query('saliency', { index: 0 })).toBeNull(); // nothing built yet
    await c.step();
    const epochOf = () => events.flatMap((e) => (e.type === 'metrics' ? [e.batch.epoch] : [])).at(-1);
    const first = await c.query('saliency', { index: 0 });
    expect(first).toMatchObject({ epoch: epochOf(), step: 1 });
    expect(first!.value.lanes).toHaveLength(1);
    // A toy task has no text views.
    expect(await c.query('samples', { length: 10 })).toBeNull();
    await c.reset();
    const after = await c.query('saliency', { index: 0 });
    expect(after).toMatchObject({ epoch: first!.epoch + 1, step: 0 });
    expect(epochOf()).toBe(after!.epoch);
  });

  it('text: no views events (its views ask), and the queries answer from the current students', async () => {
    const { c, events } = harness();
    c.setAssets(fsAssets);
    await c.configure({
      ...TEXT_CONFIG,
      backend: 'cpu',
      task: { ...TEXT_CONFIG.task, context: 16, evalWindows: 8 },
      student: TEXT_STUDENTS.tinyTransformer.spec,
      train: { ...TEXT_CONFIG.train, batchSize: 4, evalEvery: 2 },
    });
    await c.step();
    await c.step();
    expect(events.some((e) => e.type === 'status' && e.status === 'error')).toBe(false);
    expect(events.filter((e) => e.type === 'views')).toEqual([]);
    const evals = events.flatMap((e) => (e.type === 'metrics' ? e.batch.evals.map((v) => v.step) : []));
    expect(evals).toEqual([0, 2]);
    const next = await c.query('nextTokens', { position: 5 });
    expect(next).toMatchObject({ step: 2, value: { position: 5 } });
    expect(next!.value.lanes).toHaveLength(1);
    const samples = await c.query('samples', { length: 12 });
    expect(samples?.value.prompt).toBe('the whale ');
    expect(samples?.value.lanes[0]).toHaveLength(12);
    await c.reset();
  });
});
