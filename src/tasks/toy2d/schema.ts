import { z } from '../../config/zod';
import { int, num, oneOf } from '../../config/fields';
import { TOY_DATASETS } from './datasets';

/** Seeded 2D points of a few classes: the task a first visit opens on. */
export const Toy2dTask = z.object({
  kind: z.literal('toy2d'),
  dataset: oneOf('Data set', TOY_DATASETS),
  classes: int('Classes', 2, 8),
  noise: num('Noise', 0, 1),
  points: int('Points', 60, 5000),
  testFraction: num('Test fraction', 0.1, 0.6),
});
export type Toy2dTask = z.infer<typeof Toy2dTask>;
