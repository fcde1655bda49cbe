/** Ready-made experiments on an image folder (the shipped sample until the user brings theirs). */
import { lane } from '../../config/lanes';
import type { Preset } from '../../config/presets';
import { IMAGE_STUDENTS } from '../images/defaults';
import { IMAGEFOLDER_CONFIG } from './defaults';

export const IMAGEFOLDER_PRESETS: readonly Preset[] = [
  {
    id: 'imagefolder',
    name: 'Your image folder: CNN teacher trained here → small MLP',
    lookFor:
      'A CNN teacher trains on the folder’s labels in the browser (progress bar), then a 64-unit MLP learns from it with a quarter of the labels. Drop your own zip of class folders in the Data section; the gallery and confusion matrices show where they disagree.',
    config: IMAGEFOLDER_CONFIG,
  },
  {
    id: 'imagefolder-cnn',
    name: 'Your image folder: KD vs labels only, CNN students',
    lookFor:
      'Two small CNN students: one distilled, one on the labelled quarter alone. With few labels the distilled student usually ends ahead on the held-out images.',
    config: {
      ...IMAGEFOLDER_CONFIG,
      student: IMAGE_STUDENTS.smallCnn.spec,
      lanes: [lane('hinton'), lane('baseline')],
    },
  },
];
