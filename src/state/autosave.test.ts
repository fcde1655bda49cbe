import { describe, expect, it, vi } from 'vitest';
import { laneFor } from '../config/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import { getPreset } from '../config/presets';
import type { LossColumn, SessionInfo } from '../worker/protocol';
import { startAutosave } from './autosave';
import { defaultName } from './run-name';
import { useConfigStore } from './config';
import type { RunMeta } from './history';
import type { SeriesChunk } from './series-log';
import type { StudentSnapshot } from '../worker/protocol';
import { useRunStore } from './run';

type Saved = RunMeta & { chunk: SeriesChunk };
const saved = vi.hoisted(() => [] as Saved[]);
const weights = vi.hoisted(() => [] as { id: string; step: number }[]);
vi.mock('./history', async (original) => ({
  ...(await original<typeof import('./history')>()),
  history: {
    append: async (meta: RunMeta, chunk: SeriesChunk) => void saved.push({ ...meta, chunk }),
    putWeights: async (id: string, step: number) => void weights.push({ id, step }),
    list: async () => [],
    count: async () => 0,
  },
}));

describe('default run names', () => {
  const at = new Date(2026, 10, 23, 14, 5);
  it('name the data: the toy data set, Fashion-MNIST, or the text corpus', () => {
    expect(defaultName(TOY_CONFIG, at)).toBe('Spiral · Forward KL · 14:05');
    expect(defaultName(IMAGE_CONFIG, at)).toMatch(/^Fashion-MNIST · /);
    expect(defaultName({ ...TEXT_CONFIG, lanes: [laneFor('uld'), laneFor('baseline')] }, at)).toBe(
      'Moby-Dick · ULD vs No teacher · 14:05',
    );
  });
});

describe('autosave', () => {
  const totals = (lanes: number): LossColumn[] =>
    Array.from({ length: lanes }, (_, lane) => ({ lane, key: 'total', label: 'Total', kind: 'total' as const }));
  const info: SessionInfo = {
    classes: 3,
    teacher: { params: 10 },
    teacherMetrics: {},
    studentParams: 5,
    lanes: 4,
    lossColumns: totals(4),
    evalColumns: [{ id: 'agreement', label: 'Agreement' }],
  };
  const handle = useRunStore.getState().handle;
  const metrics = (step: number, lanes: number) =>
    handle({
      type: 'metrics',
      batch: {
        columns: totals(lanes).map((c) => `${c.lane}:total`),
        steps: [step],
        losses: new Float32Array(lanes).fill(1),
        evals: [{ step, values: new Float32Array(lanes).fill(0.5) }],
        stepsPerSecond: 1,
        step,
        epoch: 1,
        numTensors: 1,
      },
    });

  it('keeps the old run under its own experiment when another one is chosen mid-run', async () => {
    const race = getPreset('race')!.config;
    const single = getPreset('default')!.config;
    useConfigStore.getState().replace(race, { fresh: true });
    const stop = startAutosave({ students: async () => [], snapshot: async () => null });
    handle({ type: 'session', info });
    metrics(5, 4);
    // Another experiment is chosen; the worker still sends a step of the old run before it
    // restarts the students in the new layout.
    useConfigStore.getState().replace(single, { fresh: true });
    metrics(8, 4);
    handle({
      type: 'reset',
      layout: { lanes: 1, studentParams: 5, lossColumns: totals(1), evalColumns: info.evalColumns },
    });
    metrics(1, 1);
    await vi.waitFor(() => expect(saved.map((r) => r.summary.step)).toEqual([5, 8, 1]));
    stop();
    const [first, last, fresh] = saved as [Saved, Saved, Saved];
    expect(last.id).toBe(first.id);
    expect(last.summary.objectives).toEqual(race.lanes.map((l) => l.objective));
    expect(last.config).toEqual(race);
    expect(last.summary.agreement).toHaveLength(4);
    expect(fresh.id).not.toBe(first.id);
    expect(fresh.config).toEqual(single);
    expect(fresh.summary.agreement).toEqual([0.5]);
  });
});

describe('autosave of the series and the students', () => {
  const totals: LossColumn[] = [{ lane: 0, key: 'total', label: 'Total', kind: 'total' }];
  const info: SessionInfo = {
    classes: 3,
    teacher: { params: 10 },
    teacherMetrics: {},
    studentParams: 5,
    lanes: 1,
    lossColumns: totals,
    evalColumns: [{ id: 'agreement', label: 'Agreement' }],
  };
  const handle = useRunStore.getState().handle;
  /** Steps from+1 … to in one batch, with an evaluation at `to`. */
  const metrics = (from: number, to: number) => {
    const steps = Array.from({ length: to - from }, (_, i) => from + i + 1);
    handle({
      type: 'metrics',
      batch: {
        columns: ['0:total'],
        steps,
        losses: Float32Array.from(steps, (s) => s / 1000),
        evals: [{ step: to, values: new Float32Array([to / 10_000]) }],
        stepsPerSecond: 1,
        step: to,
        epoch: 1,
        numTensors: 1,
      },
    });
  };
  const snapshot = (step: number) => ({ step }) as StudentSnapshot;

  it('saves only the new rows, at least every 200 steps, and a divergence as a cut', async () => {
    saved.length = 0;
    useConfigStore.getState().replace(getPreset('default')!.config, { fresh: true });
    const stop = startAutosave({ students: async () => [], snapshot: async () => snapshot(1) });
    handle({ type: 'session', info });
    handle({ type: 'status', status: 'running' });
    metrics(0, 10); // the first batch is saved at once
    metrics(10, 150); // within 2 s and 200 steps: waits
    metrics(150, 260); // 200 steps since the last save
    handle({ type: 'truncate', step: 240 });
    metrics(240, 500);
    stop();
    const chunks = saved.map((r) => r.chunk);
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2]);
    expect(chunks.map((c) => [c.loss.steps[0], c.loss.steps.at(-1)])).toEqual([
      [1, 10],
      [11, 260],
      [241, 500],
    ]);
    expect(chunks[2]!.cut).toEqual({ loss: 240, evals: 240 });
    expect(saved.every((r) => r.id === saved[0]!.id && r.live)).toBe(true);
  });

  it('saves the students when the run pauses, and a restore goes on in the same record from its step', async () => {
    saved.length = 0;
    weights.length = 0;
    const stop = startAutosave({ students: async () => [], snapshot: async () => snapshot(300) });
    handle({ type: 'session', info });
    handle({ type: 'status', status: 'running' });
    metrics(0, 300);
    handle({ type: 'status', status: 'paused' });
    await vi.waitFor(() => expect(weights).toEqual([{ id: saved[0]!.id, step: 300 }]));
    expect(saved.at(-1)!.live).toBe(false);
    handle({ type: 'status', status: 'running' });
    metrics(300, 420);
    // The worker is replaced: a new session, then the students are back at step 300.
    useRunStore.getState().expectRestore();
    handle({ type: 'reset' });
    handle({ type: 'session', info });
    handle({ type: 'restored', step: 300 });
    expect(useRunStore.getState().loss.steps.at(-1)).toBe(300);
    metrics(300, 320);
    handle({ type: 'status', status: 'paused' });
    const ids = new Set(saved.map((r) => r.id));
    expect(ids.size).toBe(1);
    // Students replaced (a restart): their last copy goes with the run, which is no longer live.
    handle({ type: 'status', status: 'running' });
    metrics(320, 330);
    handle({ type: 'replaced', snapshot: snapshot(330) });
    await vi.waitFor(() => expect(weights.at(-1)).toEqual({ id: saved[0]!.id, step: 330 }));
    expect(saved.at(-1)!.live).toBe(false);
    expect(saved.at(-1)!.chunk.loss.steps.at(-1)).toBe(330);
    stop();
    const cutAt = saved.findIndex((r) => r.chunk.cut);
    expect(saved[cutAt]!.chunk.cut).toEqual({ loss: 300, evals: 299 });
    // Everything saved before the cut is kept up to step 300; after it, steps 301 on again.
    expect(saved.slice(cutAt + 1).flatMap((r) => r.chunk.loss.steps)[0]).toBe(301);
  });

  it('opening the run it is recording goes on in the same record without reusing a chunk number', async () => {
    saved.length = 0;
    const stop = startAutosave({ students: async () => [], snapshot: async () => snapshot(1) });
    handle({ type: 'session', info });
    handle({ type: 'status', status: 'running' });
    metrics(0, 250);
    metrics(250, 500);
    const id = saved[0]!.id;
    // History's Open of this very run, read when two chunks were in: its series and next number.
    const { loss, evals } = useRunStore.getState();
    useRunStore.getState().expectRestore({ loss, evals }, { id, name: 'x', createdAt: 1, nextChunk: 2 });
    handle({ type: 'replaced', snapshot: snapshot(500) });
    handle({ type: 'reset' });
    handle({ type: 'restored', step: 400 });
    metrics(400, 700);
    stop();
    const seqs = saved.map((r) => r.chunk.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(saved.every((r) => r.id === id)).toBe(true);
  });
});

describe('autosave keeps History to runs that trained, each under its own name (issue 16, item 8)', () => {
  const totals: LossColumn[] = [{ lane: 0, key: 'total', label: 'Total', kind: 'total' }];
  const info: SessionInfo = {
    classes: 3,
    teacher: { params: 10 },
    teacherMetrics: {},
    studentParams: 5,
    lanes: 1,
    lossColumns: totals,
    evalColumns: [{ id: 'agreement', label: 'Agreement' }],
  };
  const handle = useRunStore.getState().handle;
  const metrics = (from: number, to: number) => {
    const steps = Array.from({ length: to - from }, (_, i) => from + i + 1);
    handle({
      type: 'metrics',
      batch: {
        columns: ['0:total'],
        steps,
        losses: Float32Array.from(steps, (s) => s / 1000),
        evals: [{ step: to, values: new Float32Array([0.5]) }],
        stepsPerSecond: 1,
        step: to,
        epoch: 1,
        numTensors: 1,
      },
    });
  };
  const xor = getPreset('modes')!.config;
  const spiral = getPreset('default')!.config;

  it('never writes a run at step 0, nor over a run whose students were replaced by another experiment', async () => {
    saved.length = 0;
    weights.length = 0;
    useConfigStore.getState().replace(xor, { fresh: true });
    const stop = startAutosave({ students: async () => [], snapshot: async () => ({ step: 145 }) as StudentSnapshot });
    handle({ type: 'session', info });
    // The untrained students' evaluation at step 0: nothing trained, nothing saved.
    handle({
      type: 'metrics',
      batch: {
        columns: [],
        steps: [],
        losses: new Float32Array(0),
        evals: [{ step: 0, values: new Float32Array([0.3]) }],
        stepsPerSecond: 0,
        step: 0,
        epoch: 1,
        numTensors: 1,
      },
    });
    handle({ type: 'status', status: 'paused' });
    handle({ type: 'status', status: 'running' });
    metrics(0, 145);
    // Paused: its students are asked for; meanwhile another data set is chosen and the worker
    // drops the session (a rebuild: new data, a reset without a layout).
    handle({ type: 'status', status: 'paused' });
    useConfigStore.getState().replace({ ...xor, task: { ...xor.task, dataset: 'spiral' } });
    handle({ type: 'data', data: { kind: 'toy2d' } as never });
    handle({ type: 'reset' });
    // (It waits up to a second for curves up to its step, which the reset took off the page.)
    await vi.waitFor(() => expect(weights).toEqual([{ id: saved[0]!.id, step: 145 }]), { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(saved.map((r) => r.summary.step).filter((s) => s === 0)).toEqual([]);
    expect(saved.at(-1)!.summary.step).toBe(145);
    expect(new Set(saved.map((r) => r.id)).size).toBe(1);
  });

  it('names a run after the experiment it is saved with, unless the person named it', async () => {
    saved.length = 0;
    useConfigStore.getState().replace(spiral, { fresh: true });
    const stop = startAutosave({ students: async () => [], snapshot: async () => null });
    // A saved run resumed under a name that says another data set (an older record's).
    useRunStore
      .getState()
      .expectRestore(undefined, { id: 'r1', name: 'Xor · Forward KL · 14:05', createdAt: 1, nextChunk: 0 });
    handle({ type: 'session', info });
    handle({ type: 'restored', step: 10 });
    metrics(10, 20);
    handle({ type: 'status', status: 'paused' });
    expect(saved.at(-1)!.name).toMatch(/^Spiral · Forward KL · \d\d:\d\d$/);
    expect(saved.at(-1)!.summary.task).toBe('spiral');
    // Renamed by the person: the name stays theirs.
    useRunStore
      .getState()
      .expectRestore(undefined, { id: 'r2', name: 'my xor run', named: true, createdAt: 1, nextChunk: 0 });
    handle({ type: 'restored', step: 20 });
    metrics(20, 30);
    handle({ type: 'status', status: 'paused' });
    stop();
    expect(saved.at(-1)!.name).toBe('my xor run');
  });
});
