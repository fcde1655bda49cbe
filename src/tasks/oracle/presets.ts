/** The oracle task's experiments: teacher hacking on a fixed pool against fresh inputs. */
import type { Preset } from '../../config/presets';
import { ORACLE_CONFIG } from './defaults';

export const ORACLE_PRESETS: readonly Preset[] = [
  {
    id: 'teacher-hacking',
    name: 'Teacher hacking: a fixed pool vs fresh inputs',
    lookFor:
      'Two identical 2-64-64-3 students distil the same teacher by forward KL at T = 1. Student 1 sees only a fixed pool of 8 inputs, student 2 fresh inputs at every step. Watch the log-log chart: student 1’s proxy distance to the teacher on its pool keeps falling as a power law (fitted slope about −1.4) while its golden distance to the oracle climbs (in our run, wasm, seed 42: 0.65 at step 60, 1.2 by step 1,600, the readout names the steps); student 2’s proxy and golden distances both keep falling (golden 0.063 at step 6,000).',
    config: ORACLE_CONFIG,
  },
];
