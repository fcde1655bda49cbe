import { describe, expect, it } from 'vitest';
import { assemble, rowsFrom, seriesData } from './series-log';
import { Series } from './series';

describe('the series log', () => {
  it('assembles chunks in order, cuts what a chunk undoes, and grows columns a later chunk adds', () => {
    const s = new Series(['0:total']);
    [1, 2, 3, 4].forEach((step) => s.push(step, [step * 10]));
    const first = rowsFrom(s, 0);
    s.truncateAfter(2);
    s.push(3, [31]);
    s.columnIndices(['0:ce']);
    s.push(4, [41, 0.5]);
    const second = rowsFrom(s, 2);
    const empty = { names: [], steps: [], columns: [] };
    // Out of order on purpose: the log is read by chunk number.
    const { loss } = assemble([
      { seq: 1, cut: { loss: 2, evals: 2 }, loss: second, evals: empty },
      { seq: 0, loss: first, evals: empty },
    ]);
    expect(seriesData(loss)).toEqual({
      names: ['0:total', '0:ce'],
      steps: [1, 2, 3, 4],
      columns: [
        [10, 20, 31, 41],
        [NaN, NaN, NaN, 0.5],
      ],
    });
  });

  it('starts from a record saved whole', () => {
    const base = { loss: { names: ['a'], steps: [1], columns: [[5]] }, evals: { names: [], steps: [], columns: [] } };
    const { loss } = assemble(
      [{ seq: 0, loss: { names: ['a'], steps: [2], columns: [[6]] }, evals: base.evals }],
      base,
    );
    expect([...loss.steps]).toEqual([1, 2]);
  });
});
