/** Ready-made experiments on a text file, each with a sentence on what to look for. */
import { lane } from '../../config/lanes';
import type { Preset } from '../../config/presets';
import { TEXTFILE_CONFIG } from './defaults';

export const TEXTFILE_PRESETS: readonly Preset[] = [
  {
    id: 'textfile',
    name: 'Your text: a transformer trained here → tiny transformer',
    lookFor:
      'A 2×64 transformer learns the text first (the progress bar), then teaches a 1×32 one character by character. Drop your own .txt in the Data section: the vocabulary is built from it, and every language view works on it.',
    config: TEXTFILE_CONFIG,
  },
  {
    id: 'textfile-gkd',
    name: 'Your text: on-policy distillation (GKD: λ = 0.5, JSD β = 0.5)',
    lookFor:
      'Half the steps train on the student’s own samples, scored by the teacher trained on your text with the generalized JSD; compare with token-level KD on the same file.',
    config: {
      ...TEXTFILE_CONFIG,
      task: { ...TEXTFILE_CONFIG.task, onPolicy: 0.5 },
      lanes: [lane('jsd', { T: 1, alpha: 1, beta: 0.5 })],
    },
  },
];
