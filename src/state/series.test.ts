import { describe, expect, it } from 'vitest';
import { Series } from './series';

describe('Series', () => {
  it('appends rows, truncates after a step, and grows columns that appear mid-run', () => {
    const s = new Series(['0:total', '0:kd']);
    s.push(1, [3, 2]);
    s.push(2, [2, 1]);
    const idx = s.columnIndices(['0:total', '0:tckd']);
    s.pushMapped(3, [1.5, 0.7], 0, idx);
    expect(s.names).toEqual(['0:total', '0:kd', '0:tckd']);
    expect(s.column('0:total')).toEqual([3, 2, 1.5]);
    expect(s.column('0:kd')).toEqual([2, 1, NaN]);
    expect(s.column('0:tckd')).toEqual([NaN, NaN, 0.7]);
    s.truncateAfter(1);
    expect(s.steps).toEqual([1]);
    expect(s.column('0:tckd')).toEqual([NaN]);
    expect(s.last('0:total')).toBe(3);
  });
});
