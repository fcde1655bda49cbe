/**
 * The capacity-gap lab in the page, without a sweep: each run of a Fashion-MNIST teacher and a
 * one-layer MLP student of the lab's ladder leaves its latest evaluation here, one entry per
 * teacher × width × seed, so switching the teacher (or the width) and running again adds a
 * point to the ratio chart. Kept for the page's life; Clear empties it.
 */
import { create } from 'zustand';
import { FASHION_TEACHERS, type FashionTeacher } from '../config/models';
import type { ExperimentConfig } from '../config/schema';
import { capacityGapSpec, STUDENT_WIDTHS } from '../sweeps/capacity-gap';
import type { PointResult, SweepResult } from '../sweeps/types';

export interface GapObservation {
  teacher: FashionTeacher;
  width: number;
  seed: number;
  step: number;
  accuracy: number;
  agreement: number;
  teacherAccuracy: number;
}

interface GapState {
  observed: Record<string, GapObservation>;
  record(o: GapObservation): void;
  clear(): void;
}

export const useGapStore = create<GapState>((set) => ({
  observed: {},
  record: (o) =>
    set((s) => {
      const key = `${o.teacher}|${o.width}|${o.seed}`;
      const had = s.observed[key];
      if (had && had.step === o.step && had.accuracy === o.accuracy) return s;
      return { observed: { ...s.observed, [key]: o } };
    }),
  clear: () => set({ observed: {} }),
}));

/** The teacher and student width when `config` is a point of the lab, else null. */
export function gapPointOf(config: ExperimentConfig): { teacher: FashionTeacher; width: number } | null {
  const t = config.teacher.model;
  const s = config.student;
  if (t.kind !== 'pretrained' || !(FASHION_TEACHERS as readonly string[]).includes(t.id)) return null;
  if (s.kind !== 'mlp' || s.hidden.length !== 1 || !(STUDENT_WIDTHS as readonly number[]).includes(s.hidden[0]!))
    return null;
  return { teacher: t.id as FashionTeacher, width: s.hidden[0]! };
}

/** The observations as a sweep's result (the lab's spec, each seed a run), for capacityGapSeries. */
export function observedResult(observed: Record<string, GapObservation>): Pick<SweepResult, 'spec' | 'points'> {
  const all = Object.values(observed);
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
  return { spec: capacityGapSpec(seeds), points: [...points.values()] };
}
