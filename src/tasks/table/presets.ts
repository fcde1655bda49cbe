/** Ready-made experiments on the shipped penguins table. */
import { lane } from '../../config/lanes';
import type { Preset } from '../../config/presets';
import { TABLE_CONFIG } from './defaults';

export const TABLE_PRESETS: readonly Preset[] = [
  {
    id: 'penguins',
    name: 'Penguins: Hinton KD into a tiny MLP',
    lookFor:
      'Three species from beak, flipper, body mass, island and sex. The teacher is nearly perfect; the 8-unit student matches it within a few hundred steps. The projection view rings the test penguins on which the two disagree.',
    config: TABLE_CONFIG,
  },
  {
    id: 'penguins-race',
    name: 'Penguins, linear student: KD vs no teacher',
    lookFor:
      'A linear student (no hidden layer) learns from the teacher’s soft labels (student 1) or from the labels alone (student 2): compare their calibration (ECE) and agreement.',
    config: {
      ...TABLE_CONFIG,
      student: { kind: 'mlp', hidden: [], activation: 'tanh' },
      lanes: [lane('hinton'), lane('baseline')],
    },
  },
];
