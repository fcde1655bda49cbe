import { describe, expect, it } from 'vitest';
import { classifyChange } from './changes';
import { getPreset } from './presets';

const config = (id: string) => getPreset(id)!.config;

describe('classifyChange', () => {
  it('applies a race whose lanes only switch objectives live, unless another experiment was chosen', () => {
    // The two 4-lane toy races: same data, teacher and students, other objectives.
    expect(classifyChange(config('race'), config('objectives'))).toBe('live');
    expect(classifyChange(config('race'), config('objectives'), true)).toBe('students');
  });

  it('restarts the students when the same experiment is chosen again, and never downgrades a rebuild', () => {
    expect(classifyChange(config('race'), config('race'))).toBe('none');
    expect(classifyChange(config('race'), config('race'), true)).toBe('students');
    expect(classifyChange(config('race'), config('temperature'), true)).toBe('students');
    expect(classifyChange(config('race'), config('modes'), true)).toBe('rebuild');
  });
});
