import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, IMAGE_CONFIG, TEXT_CONFIG, laneFor } from '../config/defaults';
import { defaultName } from './autosave';

describe('default run names', () => {
  const at = new Date(2026, 10, 23, 14, 5);
  it('name the data: the toy data set, Fashion-MNIST, or the text corpus', () => {
    expect(defaultName(DEFAULT_CONFIG, at)).toBe('Spiral · Forward KL · 14:05');
    expect(defaultName(IMAGE_CONFIG, at)).toMatch(/^Fashion-MNIST · /);
    expect(defaultName({ ...TEXT_CONFIG, lanes: [laneFor('uld'), laneFor('baseline')] }, at)).toBe(
      'Moby-Dick · ULD vs No teacher · 14:05',
    );
  });
});
