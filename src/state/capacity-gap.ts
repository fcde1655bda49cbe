/**
 * The capacity-gap labs in the page, without a sweep: each run of a point of a lab's ladder (a
 * Fashion-MNIST teacher and a one-layer MLP student; on the toy task a one-layer MLP teacher and
 * student) leaves its latest evaluation here, one entry per lab × teacher × width × seed, so
 * switching the teacher (or the width) and running again adds a point to the lab's ratio chart.
 * Kept for the page's life; Clear empties a lab's.
 */
import { create } from 'zustand';
import { FASHION_TEACHERS, type FashionTeacher } from '../config/models';
import type { ExperimentConfig } from '../config/schema';
import { CAPACITY_GAP_LAB, capacityGapSpec, STUDENT_WIDTHS } from '../sweeps/capacity-gap';
import type { PointResult, SweepResult, SweepSpec } from '../sweeps/types';

/** Where a run sits on a lab's ladder: the lab, its teacher (a shipped id or a width) and the student's width. */
export interface GapPoint {
  lab: string;
  teacher: string | number;
  width: number;
}

export interface GapObservation extends GapPoint {
  seed: number;
  step: number;
  accuracy: number;
  agreement: number;
  teacherAccuracy: number;
}

interface GapState {
  observed: Record<string, GapObservation>;
  record(o: GapObservation): void;
  clear(lab: string): void;
}

export const useGapStore = create<GapState>((set) => ({
  observed: {},
  record: (o) =>
    set((s) => {
      const key = `${o.lab}|${o.teacher}|${o.width}|${o.seed}`;
      const had = s.observed[key];
      if (had && had.step === o.step && had.accuracy === o.accuracy) return s;
      return { observed: { ...s.observed, [key]: o } };
    }),
  clear: (lab) =>
    set((s) => ({ observed: Object.fromEntries(Object.entries(s.observed).filter(([, o]) => o.lab !== lab)) })),
}));

/** The Fashion lab's point when `config` is one (a shipped teacher, a student of the ladder), else null. */
export function gapPointOf(config: ExperimentConfig): (GapPoint & { teacher: FashionTeacher }) | null {
  const t = config.teacher.model;
  const s = config.student;
  if (t.kind !== 'pretrained' || !(FASHION_TEACHERS as readonly string[]).includes(t.id)) return null;
  if (s.kind !== 'mlp' || s.hidden.length !== 1 || !(STUDENT_WIDTHS as readonly number[]).includes(s.hidden[0]!))
    return null;
  return { lab: CAPACITY_GAP_LAB, teacher: t.id as FashionTeacher, width: s.hidden[0]! };
}

/**
 * One lab's observations as a sweep's result (the lab's spec, each seed a run), for its series
 * function (capacityGapSeries, toyCapacityGapSeries).
 */
export function observedResult(
  observed: Record<string, GapObservation>,
  lab: string = CAPACITY_GAP_LAB,
  specOf: (seeds: number[]) => SweepSpec = capacityGapSpec,
): Pick<SweepResult, 'spec' | 'points'> {
  const all = Object.values(observed).filter((o) => o.lab === lab);
  const points = new Map<string, PointResult>();
  for (const o of all) {
    const key = `${o.teacher}|${o.width}`;
    const p = points.get(key) ?? { values: [o.teacher, o.width], runs: [] };
    p.runs.push({
      seed: o.seed,
      lanes: [{ studentAccuracy: o.accuracy, agreement: o.agreement }],
      teacher: { teacherAccuracy: o.teacherAccuracy },
      steps: o.step,
    });
    points.set(key, p);
  }
  const seeds = [...new Set(all.map((o) => o.seed))];
  return { spec: specOf(seeds), points: [...points.values()] };
}
