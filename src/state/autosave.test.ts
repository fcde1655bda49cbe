import { describe, expect, it, vi } from 'vitest';
import { laneFor } from '../config/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import { getPreset } from '../config/presets';
import type { LossColumn, SessionInfo } from '../worker/protocol';
import { defaultName, startAutosave } from './autosave';
import { useConfigStore } from './config';
import type { SavedRun } from './history';
import { useRunStore } from './run';

const saved = vi.hoisted(() => [] as SavedRun[]);
vi.mock('./history', async (original) => ({
  ...(await original<typeof import('./history')>()),
  history: {
    put: async (run: SavedRun) => void saved.push(run),
    list: async () => [],
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
    const stop = startAutosave(async () => []);
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
    const [first, last, fresh] = saved as [SavedRun, SavedRun, SavedRun];
    expect(last.id).toBe(first.id);
    expect(last.summary.objectives).toEqual(race.lanes.map((l) => l.objective));
    expect(last.config).toEqual(race);
    expect(last.summary.agreement).toHaveLength(4);
    expect(fresh.id).not.toBe(first.id);
    expect(fresh.config).toEqual(single);
    expect(fresh.summary.agreement).toEqual([0.5]);
  });
});
