/** The worker's controller driven directly in Node (cpu backend): commands, events, pacing. */
import { beforeAll, describe, expect, it } from 'vitest';
import { laneFor } from '../config/defaults';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { TEXT_CONFIG, TEXT_STUDENTS } from '../tasks/text/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { fsAssets } from '../test/assets';
import { harness, quickToy } from '../test/controller-harness';
import { tf, useCpu } from '../test/tf';

beforeAll(useCpu);

const quick = quickToy({ steps: 200, stepsPerFrame: 50 });

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

  it('an edit that needs another build stops a teacher still training for the old one', async () => {
    const { c, events, waitFor } = harness();
    await c.configure({ ...quick, teacher: { ...quick.teacher, trainSteps: 20_000 } });
    const playing = c.play();
    await waitFor((e) => e.type === 'progress' && e.phase === 'teacher' && e.done >= 50);
    // Another data set: the old teacher is of no use; the edit must not wait 20,000 steps.
    await c.configure({ ...quick, task: { ...quick.task, dataset: 'circles' } });
    await playing;
    const last = events.filter((e) => e.type === 'progress' && e.phase === 'teacher').at(-1);
    expect(last && last.type === 'progress' && last.done).toBeLessThan(20_000);
    expect(events.some((e) => e.type === 'status' && e.status === 'idle')).toBe(true);
    expect(events.some((e) => e.type === 'status' && e.status === 'error')).toBe(false);
    // The new experiment builds and trains as usual.
    await c.play();
    await waitFor((e) => e.type === 'status' && e.status === 'done', 60_000);
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
    const { c, events } = harness();
    // Adam moves each weight by about the learning rate per step, so no learning rate the
    // schema allows (at most 10) overflows a short teacher run; 1e30 does on its first steps,
    // as a config from below the schema (a future or hostile one) could.
    await c.configure({ ...quick, teacher: { ...quick.teacher, lr: 1e30 } });
    await c.play();
    const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
    expect(statuses).toEqual(['idle', 'preparing', 'teacher', 'error']);
    expect(events.at(-1)).toMatchObject({
      type: 'status',
      status: 'error',
      reason: {
        code: 'error',
        detail: expect.stringMatching(
          /^The teacher’s loss diverged \((NaN|-?Infinity)\) at step \d+: lower the teacher learning rate\.$/,
        ),
      },
    });
    expect(events.some((e) => e.type === 'session' || e.type === 'metrics')).toBe(false);
    // Nothing half-built is left running: a sane teacher then trains from scratch.
    await c.configure(quick);
    await c.step();
    expect(events.at(-1)).toEqual({ type: 'status', status: 'paused' });
    expect(events.some((e) => e.type === 'session')).toBe(true);
  });

  it('pauses a diverging student run, drops the undone steps and restores the last good step', async () => {
    const { c, events, waitFor } = harness();
    // The browser test's diverging run (e2e/studio.spec.ts): SGD at learning rate 3 drives
    // this ELU student's weights to infinity within a few steps. Deterministic: seeded data
    // and weights on the cpu backend.
    await c.configure({
      ...TOY_CONFIG,
      backend: 'cpu',
      task: { ...TOY_CONFIG.task, dataset: 'moons', points: 300 },
      teacher: { ...TOY_CONFIG.teacher, trainSteps: 100 },
      student: { kind: 'mlp', hidden: [32, 32], activation: 'elu' },
      train: { ...TOY_CONFIG.train, optimizer: 'sgd', lr: 3 },
    });
    await c.play();
    // Whichever way the run ends; the assertions below say which it must be.
    await waitFor((e) => e.type === 'status' && ['diverged', 'done', 'error'].includes(e.status));
    const last = events.at(-1)!;
    expect(last).toMatchObject({
      type: 'status',
      status: 'diverged',
      reason: { code: 'diverged', lane: 0, part: 'Total' },
    });
    const reason = last.type === 'status' && last.reason?.code === 'diverged' ? last.reason : undefined;
    const [divergedAt, restored] = [reason!.step, reason!.restoredStep];
    // Back to a checkpoint that later steps had confirmed: after the start, before the bad step.
    expect(restored).toBeGreaterThan(0);
    expect(restored).toBeLessThan(divergedAt);
    // The UI is told to drop the undone points, right before the status.
    expect(events.at(-2)).toEqual({ type: 'truncate', step: restored });
    // The run is paused there: the next step is the one after the restored step.
    const n = events.length;
    await c.step();
    const batches = events.slice(n).flatMap((e) => (e.type === 'metrics' ? [e.batch] : []));
    expect(batches.flatMap((b) => b.steps)).toEqual([restored + 1]);
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
    expect(statuses.map((e) => e.reason?.code)).toContain('preparing-teacher');
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
    c.setAssets(fsAssets);
    await c.configure({
      ...IMAGE_CONFIG,
      backend: 'cpu',
      task: { ...IMAGE_CONFIG.task, trainImages: 500, testImages: 200 },
      train: { ...IMAGE_CONFIG.train, batchSize: 16, evalEvery: 1 },
    });
    expect(await c.query('saliency', { index: 0 })).toBeNull(); // nothing built yet
    await c.step();
    const epochOf = () => events.flatMap((e) => (e.type === 'metrics' ? [e.batch.epoch] : [])).at(-1);
    const first = await c.query('saliency', { index: 0 });
    expect(first).toMatchObject({ epoch: epochOf(), step: 1 });
    expect(first!.value.lanes).toHaveLength(1);
    // Each task answers its own views' queries only: an image task has no text views.
    expect(await c.query('samples', { length: 10 })).toBeNull();
    await c.reset();
    const after = await c.query('saliency', { index: 0 });
    expect(after).toMatchObject({ epoch: first!.epoch + 1, step: 0 });
    expect(epochOf()).toBe(after!.epoch);
    // The toy task's views ask nothing: no saliency there.
    await c.configure(quick);
    await c.step();
    expect(await c.query('saliency', { index: 0 })).toBeNull();
    await expect(c.query('__proto__' as 'saliency', { index: 0 })).rejects.toThrow(/Unknown view query/);
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
