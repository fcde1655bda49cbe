import { beforeEach, describe, expect, it } from 'vitest';
import type { LossColumn, RunLayout, SessionInfo } from '../worker/protocol';
import { useRunStore } from './run';

const columns = (lane: number, parts: string[]): LossColumn[] => [
  { lane, key: 'total', label: 'Total', kind: 'total' },
  ...parts.map((key) => ({ lane, key, label: key, kind: 'part' as const })),
];
const evalColumns = [
  { id: 'agreement', label: 'Agreement' },
  { id: 'studentAccuracy', label: 'Student accuracy' },
];
const race: SessionInfo = {
  classes: 3,
  teacher: { params: 100 },
  teacherMetrics: { teacherAccuracy: 0.9 },
  studentParams: 40,
  lanes: 2,
  lossColumns: [...columns(0, ['kd', 'ce']), ...columns(1, ['tckd', 'nckd'])],
  evalColumns,
};
const handle = useRunStore.getState().handle;

describe('the run store', () => {
  beforeEach(() => {
    handle({ type: 'reset' });
    handle({ type: 'session', info: race });
    handle({
      type: 'metrics',
      batch: {
        columns: race.lossColumns.map((c) => `${c.lane}:${c.key}`),
        steps: [1],
        losses: new Float32Array(6),
        evals: [{ step: 1, values: new Float32Array(4).fill(0.5) }],
        stepsPerSecond: 10,
        step: 1,
        numTensors: 12,
        epoch: 1,
      },
    });
    useRunStore.getState().selectLane(1);
  });

  it('restarts students in the layout the reset carries, not the old session’s', () => {
    const one: RunLayout = { lanes: 1, studentParams: 20, lossColumns: columns(0, ['ce']), evalColumns };
    handle({ type: 'reset', layout: one });
    const s = useRunStore.getState();
    expect(s.step).toBe(0);
    expect(s.session).toMatchObject({ lanes: 1, studentParams: 20, teacherMetrics: race.teacherMetrics });
    expect(s.loss.names).toEqual(['0:total', '0:ce']);
    expect(s.loss.length).toBe(0);
    expect(s.evals.names).toEqual(['0:agreement', '0:studentAccuracy']);
    expect(s.lane).toBe(0);
  });

  it('forgets the old task’s session, backend and tensor count when new data comes', () => {
    handle({
      type: 'backend',
      info: { name: 'wasm', adapter: 'WASM', software: false, choice: 'auto', reason: 'fastest', trials: [] },
    });
    handle({ type: 'data', data: { kind: 'text', classes: 49, vocab: 'abc' } });
    handle({ type: 'reset' });
    const s = useRunStore.getState();
    expect(s.session).toBeUndefined();
    expect(s.backend).toBeUndefined();
    expect(s.numTensors).toBeUndefined();
    expect(s.loss.names).toEqual([]);
    // Nothing about the lanes changed: the student shown stays selected.
    expect(s.lane).toBe(1);
  });
});
