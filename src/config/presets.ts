/**
 * Ready-made experiments. Each is a complete config (validated in a unit test) plus a sentence
 * on what to look for.
 */
import { DEFAULT_CONFIG, IMAGE_CONFIG, IMAGE_STUDENTS, TEXT_CONFIG, TEXT_STUDENTS, laneFor } from './defaults';
import type { ExperimentConfig } from './schema';

export interface Preset {
  id: string;
  name: string;
  /** What a person should look for. */
  lookFor: string;
  config: ExperimentConfig;
}

const lane = (id: string, params: Record<string, number> = {}) => {
  const l = laneFor(id);
  return { ...l, params: { ...l.params, ...params } };
};

/** Forward KL without the Hinton extras (T = 1, no CE, no T²), to compare divergences fairly. */
const forwardKl = () => lane('hinton', { T: 1, alpha: 1, t2: 0 });

export const PRESETS: readonly Preset[] = [
  {
    id: 'default',
    name: 'Spiral: Hinton KD',
    lookFor:
      'The student’s boundary bends into the teacher’s spiral; agreement climbs past 95% within a few hundred steps.',
    config: DEFAULT_CONFIG,
  },
  {
    id: 'modes',
    name: 'Mode covering vs mode seeking (XOR, linear student)',
    lookFor:
      'The student is linear, so it cannot draw XOR. Forward KL (student 1) covers both classes everywhere: its map stays pale, 50/50, and its KL to the teacher sits at ln 2 ≈ 0.69. Reverse KL (student 2) seeks a mode: it commits to one straight cut, confidently right in three quadrants and confidently wrong in the fourth (accuracy near 69%; its KL keeps rising as it grows surer, about 2.5 at step 250, 4.5 at 1,000 and 6.0 at 2,000). Select student 3 and drag its β from 0 towards 1: the map stays pale until β is close to 1, then snaps into a committed cut.',
    config: {
      ...DEFAULT_CONFIG,
      task: { kind: 'toy2d', dataset: 'xor', classes: 2, noise: 0.1, points: 900, testFraction: 0.3 },
      student: { kind: 'mlp', hidden: [], activation: 'tanh' },
      lanes: [forwardKl(), lane('reverse-kl'), lane('jsd', { beta: 0.5 })],
      train: { ...DEFAULT_CONFIG.train, steps: 2000 },
    },
  },
  {
    id: 'race',
    name: 'Race: forward KL vs reverse KL vs JSD vs no teacher',
    lookFor:
      'Four identical students, one data stream, all at T = 1. Compare the agreement and KL curves: which divergence transfers the teacher best, and how far does the label-only baseline fall behind?',
    config: {
      ...DEFAULT_CONFIG,
      student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
      lanes: [forwardKl(), lane('reverse-kl'), lane('jsd'), lane('baseline')],
    },
  },
  {
    id: 'objectives',
    name: 'Race: Hinton KD vs TAID vs DKD vs FitNets',
    lookFor:
      'TAID’s t (Schedules and state, student 2) climbs towards 1; DKD’s loss (student 3) grows during its warm-up while TCKD and NCKD move differently; FitNets (student 4) matches hidden features through a learned projection, not outputs.',
    config: {
      ...DEFAULT_CONFIG,
      student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
      lanes: [lane('hinton'), lane('taid'), lane('dkd'), lane('features')],
    },
  },
  {
    id: 'temperature',
    name: 'Temperature: constant vs cosine schedule',
    lookFor: 'Two Hinton students; student 2 anneals T from 8 to 1 along a cosine. Watch T in “Schedules and state”.',
    config: {
      ...DEFAULT_CONFIG,
      lanes: [
        lane('hinton'),
        { ...lane('hinton', { T: 8 }), schedule: { temperature: 'cosine', temperatureEnd: 1, warmup: 0 } },
      ],
    },
  },
  {
    id: 'images',
    name: 'Fashion-MNIST: CNN teacher → small MLP',
    lookFor:
      'The shipped CNN teacher (about 90% test accuracy) distilled into a 64-unit MLP with 10% of the labels. Check the gallery for disagreements, the confusion matrices (shirt vs T-shirt vs pullover) and the calibration diagrams.',
    config: IMAGE_CONFIG,
  },
  {
    id: 'budget',
    name: 'Fashion-MNIST with 1% labels: KD vs no teacher',
    lookFor:
      'Only 120 labelled images. The label-only baseline (student 2) overfits them; the KD student learns from the 11,880 unlabelled transfer images the teacher labels, and ends far ahead.',
    config: {
      ...IMAGE_CONFIG,
      task: { ...IMAGE_CONFIG.task, labelledFraction: 0.01 },
      lanes: [lane('hinton'), lane('baseline')],
    },
  },
  {
    id: 'augment',
    name: 'Fashion-MNIST: augmented transfer set, mixup, gap-aware sampling',
    lookFor:
      'Transfer images are shifted, flipped, noised and mixed; the teacher labels each variant afresh. Gap-aware sampling draws more of the classes where the student lags: watch the per-class gap chart flatten.',
    config: {
      ...IMAGE_CONFIG,
      task: {
        ...IMAGE_CONFIG.task,
        labelledFraction: 0.05,
        augment: { shift: 2, flip: true, noise: 0.05 },
        mixup: 0.4,
        gapSampling: true,
      },
      student: IMAGE_STUDENTS.smallCnn.spec,
    },
  },
  {
    id: 'text',
    name: 'Text: character transformer → small transformer',
    lookFor:
      'The shipped 4×96 transformer distilled into a 2×48 one, character by character. Watch the student’s sample turn from noise into word-like text, and its perplexity fall towards the teacher’s dashed line (on WASM, 300 steps take about 2 minutes and reach about 56% agreement).',
    config: TEXT_CONFIG,
  },
  {
    id: 'text-divergences',
    name: 'Text: forward KL vs reverse KL vs ULD (tiny transformer)',
    lookFor:
      'Three 1×32 students, same data. Forward KL (student 1) leads on agreement and perplexity after 300 steps (53% agreement vs 46% for the other two in our run). Reverse KL (student 2) is mode-seeking: it grows overconfident, its calibration error (ECE) was about 4× forward KL’s in our run. ULD (student 3) only matches how peaked the teacher is, not on which character: that part comes from its cross-entropy.',
    config: {
      ...TEXT_CONFIG,
      student: TEXT_STUDENTS.tinyTransformer.spec,
      lanes: [forwardKl(), lane('reverse-kl', { T: 1, alpha: 1 }), lane('uld')],
    },
  },
  {
    id: 'text-vocab',
    name: 'Text: a student with its own vocabulary — ULD vs labels only',
    lookFor:
      'The 1×32 student writes in 30 symbols (digits as #, punctuation as .), the teacher in 49, so only ULD can distil: it matches the sorted probabilities, blind to which character is which. In our run (300 steps) ULD did not beat the label-only student (46% vs 48% agreement, perplexity 9.9 vs 9.1) and made it overconfident (calibration error 0.150 vs 0.024): knowing how peaked the teacher is, without knowing where, is a weak signal.',
    config: {
      ...TEXT_CONFIG,
      task: { ...TEXT_CONFIG.task, studentVocab: 'coarse' },
      student: TEXT_STUDENTS.tinyTransformer.spec,
      lanes: [lane('uld'), lane('baseline')],
    },
  },
  {
    id: 'text-gkd',
    name: 'Text: on-policy distillation (GKD: λ = 0.5, JSD β = 0.5)',
    lookFor:
      'TRL’s GKD defaults: half the steps train on the student’s own samples (temperature 0.9), scored character by character by the teacher with the generalized JSD. On-policy steps generate text first, so steps are slower; compare the curves with the “character transformer → small transformer” experiment.',
    config: {
      ...TEXT_CONFIG,
      task: { ...TEXT_CONFIG.task, onPolicy: 0.5 },
      lanes: [lane('jsd', { T: 1, alpha: 1, beta: 0.5 })],
    },
  },
];

export const getPreset = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);
