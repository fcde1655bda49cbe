/** Ready-made toy experiments, each with a sentence on what to look for. */
import { forwardKl, lane } from '../../config/lanes';
import type { Preset } from '../../config/presets';
import { TOY_CAPACITY_GAP_BASE } from './capacity-gap';
import { TOY_CONFIG } from './defaults';

export const TOY_PRESETS: readonly Preset[] = [
  {
    id: 'default',
    name: 'Spiral: Hinton KD',
    lookFor:
      'The student’s boundary bends into the teacher’s spiral; agreement climbs past 95% within a few hundred steps.',
    config: TOY_CONFIG,
  },
  {
    id: 'modes',
    name: 'Mode covering vs mode seeking (XOR, linear student)',
    lookFor:
      'The student is linear, so it cannot draw XOR. Forward KL (student 1) covers both classes everywhere: its map stays pale, 50/50, and its KL to the teacher sits at ln 2 ≈ 0.69. Reverse KL (student 2) seeks a mode: it commits to one straight cut, confidently right in three quadrants and confidently wrong in the fourth (accuracy near 69%; its KL keeps rising as it grows surer, about 2.5 at step 250, 4.5 at 1,000 and 6.0 at 2,000). Select student 3 and drag its β from 0 towards 1: the map stays pale until β is close to 1, then snaps into a committed cut.',
    config: {
      ...TOY_CONFIG,
      task: { kind: 'toy2d', dataset: 'xor', classes: 2, noise: 0.1, points: 900, testFraction: 0.3 },
      student: { kind: 'mlp', hidden: [], activation: 'tanh' },
      lanes: [forwardKl(), lane('reverse-kl'), lane('jsd', { beta: 0.5 })],
      train: { ...TOY_CONFIG.train, steps: 2000 },
    },
  },
  {
    id: 'race',
    name: 'Race: forward KL vs reverse KL vs JSD vs no teacher',
    lookFor:
      'Four identical students, one data stream, all at T = 1, for 600 steps (before every curve has flattened). Does the label-only student (4) fall behind? Not here: this teacher is nearly certain on every point, so at T = 1 its targets are almost the labels, and forward KL (1) ends with the same accuracy as no teacher on every seed we ran. Reverse KL (2) is the one that falls behind. Check it with Sweeps › “Does KD beat labels only?” (5 seeds, Welch’s t-test), then raise student 1’s T.',
    config: {
      ...TOY_CONFIG,
      student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
      lanes: [forwardKl(), lane('reverse-kl'), lane('jsd'), lane('baseline')],
      // 3,000 steps ended with every student at 99%+, where no gap can show; at 600 they still differ.
      train: { ...TOY_CONFIG.train, steps: 600 },
    },
  },
  {
    id: 'objectives',
    name: 'Race: Hinton KD vs TAID vs DKD vs FitNets',
    lookFor:
      'TAID’s t (Schedules and state, student 2) climbs towards 1; DKD’s loss (student 3) grows during its warm-up while TCKD and NCKD move differently; FitNets (student 4) matches hidden features through a learned projection, not outputs.',
    config: {
      ...TOY_CONFIG,
      student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
      lanes: [lane('hinton'), lane('taid'), lane('dkd'), lane('features')],
    },
  },
  {
    id: 'temperature',
    name: 'Temperature: constant vs cosine schedule',
    lookFor: 'Two Hinton students; student 2 anneals T from 8 to 1 along a cosine. Watch T in “Schedules and state”.',
    config: {
      ...TOY_CONFIG,
      lanes: [
        lane('hinton'),
        { ...lane('hinton', { T: 8 }), schedule: { temperature: 'cosine', temperatureEnd: 1, warmup: 0 } },
      ],
    },
  },
  {
    id: 'toy-capacity-gap',
    name: 'Capacity gap: a ladder of teachers trained here',
    lookFor:
      'A one-layer MLP teacher of width 16 and a student of width 4. “Run the ladder” (under the views) trains teachers of width 4 to 64 and distils each into students of width 2, 4 and 8 on 3 seeds; its chart puts student accuracy against the teacher/student weight ratio and rings each student’s best teacher. Is the best ratio about the same for every student?',
    config: TOY_CAPACITY_GAP_BASE,
  },
];
