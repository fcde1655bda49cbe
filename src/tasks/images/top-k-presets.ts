/**
 * The top-k teacher lab on Fashion-MNIST (issue 17 §4; FIRST; DistillKit's offline top-k): the
 * same student learning from the teacher's top k for several k. The sentences come from
 * scripts/top-k/measure.ts (README "Teachers that give only their top k").
 */
import { forwardKl, lane } from '../../config/lanes';
import type { Lane } from '../../config/schema';
import type { Preset } from '../../config/presets';
import type { MissingProbability } from '../../lib/top-k';
import { IMAGE_CONFIG } from './defaults';

/** A lane that learns from the teacher's top k; all the classes (10) is the plain lane. */
const topK = (l: Lane, k: number, missingProbability?: MissingProbability): Lane =>
  k >= 10 ? l : { ...l, teacherTopK: k, ...(missingProbability && { missingProbability }) };

/** Reverse KL at T = 1 without labels, to set beside forwardKl(). */
const reverseKl = (): Lane => lane('reverse-kl');

export const TOP_K_PRESETS: readonly Preset[] = [
  {
    id: 'top-k',
    name: 'Fashion-MNIST: a teacher that gives only its top k (k = 1, 2, 3, 5, 10)',
    lookFor:
      'Five students learn by forward KL from the teacher’s top 1, 2, 3, 5 and all 10 classes, the rest renormalised away (DistillKit: zero). Each lane’s readout says what it stores per example and how much probability it drops; the “against k” chart sets accuracy, agreement and calibration error beside k. Top 1 is the teacher’s hard label: watch its calibration error.',
    config: {
      ...IMAGE_CONFIG,
      lanes: [1, 2, 3, 5, 10].map((k) => topK(forwardKl(), k)),
    },
  },
  {
    id: 'top-k-divergences',
    name: 'Fashion-MNIST top k: forward vs reverse KL from the top 1 and from all 10',
    lookFor:
      'Forward KL (students 1–2) and reverse KL (students 3–4) from the teacher’s top 1 and from all 10 classes, the missing probability spread uniformly (DistillKit: symmetric_uniform; reverse KL is infinite where a renormalised target is zero). The “against k” chart draws one line per divergence.',
    config: {
      ...IMAGE_CONFIG,
      lanes: [
        ...[1, 10].map((k) => topK(forwardKl(), k, 'symmetric_uniform')),
        ...[1, 10].map((k) => topK(reverseKl(), k, 'symmetric_uniform')),
      ],
    },
  },
];
