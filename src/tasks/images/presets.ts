/** Ready-made Fashion-MNIST experiments, each with a sentence on what to look for. */
import { lane } from '../../config/lanes';
import type { Preset } from '../../config/presets';
import { IMAGE_CONFIG, IMAGE_STUDENTS } from './defaults';

export const IMAGE_PRESETS: readonly Preset[] = [
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
    id: 'capacity-gap',
    name: 'Fashion-MNIST capacity gap: three teacher sizes, three student sizes',
    lookFor:
      'An 8-unit MLP distilled from the smallest of three shipped CNN teachers (3.7k to 57k weights), next to a label-only student. Switch Teacher › Size, or the student’s width to 4 or 16, and run again: the Capacity gap chart under the charts places each run at its teacher/student size ratio and rings each width’s best teacher. Does the best ratio stay put as the student grows? (README: Labs)',
    config: {
      ...IMAGE_CONFIG,
      teacher: { ...IMAGE_CONFIG.teacher, model: { kind: 'pretrained', id: 'fashion-cnn-xxs' } },
      student: { kind: 'mlp', hidden: [8], activation: 'relu' },
      lanes: [lane('hinton'), lane('baseline')],
      train: { ...IMAGE_CONFIG.train, steps: 1000, evalEvery: 100 },
    },
  },
  {
    id: 'teacher-assistant',
    name: 'Fashion-MNIST teacher assistant: CNN → 64-unit MLP → 4-unit MLP',
    lookFor:
      'The shipped CNN first teaches a 64-unit MLP assistant (1,000 steps of soft targets on every training image); the 4-unit student then learns from the assistant, next to a label-only student. Turn Teacher assistant off to distil the student from the CNN directly, and compare (README: Labs).',
    config: {
      ...IMAGE_CONFIG,
      teacher: { ...IMAGE_CONFIG.teacher, assistant: { hidden: [64], steps: 1000 } },
      student: { kind: 'mlp', hidden: [4], activation: 'relu' },
      lanes: [lane('hinton'), lane('baseline')],
      train: { ...IMAGE_CONFIG.train, steps: 1000, evalEvery: 100 },
    },
  },
  {
    id: 'several-teachers',
    name: 'Fashion-MNIST with 1% labels: three teachers mixed',
    lookFor:
      'The three shipped CNN teachers (3.7k, 14k and 57k weights) averaged into one, distilled into a 64-unit MLP with 120 labelled images, next to a label-only student. Switch Teacher › Mix (confidence-weighted, or per example the most confident), or turn Several teachers off, and compare the student with each teacher alone (README: Labs).',
    config: {
      ...IMAGE_CONFIG,
      task: { ...IMAGE_CONFIG.task, labelledFraction: 0.01 },
      teacher: {
        ...IMAGE_CONFIG.teacher,
        ensemble: {
          with: [
            { kind: 'pretrained', id: 'fashion-cnn-xs' },
            { kind: 'pretrained', id: 'fashion-cnn-xxs' },
          ],
          mix: 'average',
        },
      },
      lanes: [lane('hinton'), lane('baseline')],
      train: { ...IMAGE_CONFIG.train, steps: 1000, evalEvery: 100 },
    },
  },
];
