import { describe, expect, it } from 'vitest';
import { TOUR_STEPS, type TourWatch } from './tour-steps';

const idle: TourWatch = { status: 'idle', step: 0, selected: null };
const byId = (id: string) => TOUR_STEPS.find((s) => s.id === id)!;

describe('the guided first run', () => {
  it('points at the teacher’s training, the soft targets, the student’s map and the agreement curve, in that order', () => {
    expect(TOUR_STEPS.map((s) => s.id)).toEqual(['teacher', 'soft-targets', 'student-map', 'agreement']);
  });

  it('waits for the teacher to be ready, a point to be picked and the run to end', () => {
    const teacher = byId('teacher').done!;
    expect(teacher({ ...idle, status: 'teacher' })).toBe(false);
    expect(teacher({ ...idle, status: 'running', step: 0 })).toBe(false);
    expect(teacher({ ...idle, status: 'running', step: 12 })).toBe(true);
    expect(byId('soft-targets').done!({ ...idle, selected: 0 })).toBe(true);
    expect(byId('soft-targets').done!(idle)).toBe(false);
    const map = byId('student-map').done!;
    expect(map({ ...idle, status: 'running', step: 2999 })).toBe(false);
    expect(map({ ...idle, status: 'paused', step: 1200 })).toBe(false);
    expect(map({ ...idle, status: 'done', step: 3000 })).toBe(true);
    // The last pointer waits only for Done.
    expect(byId('agreement').done).toBeUndefined();
  });

  it('says what it waits for and what happened, for every pointer that waits', () => {
    for (const s of TOUR_STEPS.filter((t) => t.done)) {
      expect(s.waiting).toMatch(/^Moves on when /);
      expect(s.happened).toBeTruthy();
    }
  });
});
