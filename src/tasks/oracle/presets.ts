/** The oracle task's experiments: teacher hacking on a fixed pool against fresh inputs. */
import type { Preset } from '../../config/presets';
import { ORACLE_CONFIG } from './defaults';

export const ORACLE_PRESETS: readonly Preset[] = [
  {
    id: 'teacher-hacking',
    name: 'Teacher hacking: a fixed pool vs fresh inputs',
    lookFor:
      'Two identical students distil the same teacher by forward KL. Student 1 sees only a fixed pool of 48 inputs, student 2 fresh inputs at every step. On the log-log chart, student 1’s proxy distance to the teacher keeps falling while its golden distance to the oracle turns up (the readout names the step); student 2’s golden distance keeps falling towards the teacher’s own distance to the oracle.',
    config: ORACLE_CONFIG,
  },
];
