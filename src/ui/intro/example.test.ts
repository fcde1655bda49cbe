import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../../tasks/toy2d/defaults';
import { EXAMPLE, exampleProbs, pct } from './example';

describe('the intro card’s picture', () => {
  it('shows what its caption says: a sure teacher at T = 1 that reveals class 0 at T = 4', () => {
    expect(exampleProbs(1).map(pct)).toEqual(['2.4%', '97.6%', '0.0%']);
    expect(exampleProbs(4).map(pct)).toEqual(['26.3%', '66.8%', '6.9%']);
    // The teacher is right about the point, and softening keeps its top class.
    expect(exampleProbs(1).indexOf(Math.max(...exampleProbs(1)))).toBe(EXAMPLE.trueClass);
    expect(exampleProbs(4).indexOf(Math.max(...exampleProbs(4)))).toBe(EXAMPLE.trueClass);
  });

  it('is about the default experiment: its classes and its temperature', () => {
    expect(EXAMPLE.logits).toHaveLength(TOY_CONFIG.task.classes);
    expect(TOY_CONFIG.lanes[0]!.objective).toBe('hinton');
    expect(TOY_CONFIG.lanes[0]!.params.T).toBe(EXAMPLE.T);
  });
});
