import { describe, expect, it } from 'vitest';
import { laneFor } from '../config/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import { defaultName } from './autosave';

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
