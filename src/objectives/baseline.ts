import { hardLabelLoss } from './divergences';
import { defineObjective } from './types';

/** The no-teacher baseline: plain cross-entropy on the hard labels. What KD has to beat. */
export default defineObjective({
  id: 'baseline',
  name: 'No teacher (labels only)',
  description:
    'Train the student on the hard labels alone. The control experiment: what the student learns without any teacher.',
  params: [],
  components: [{ key: 'ce', label: 'CE(y, q)' }],
  needs: { teacher: false },
  loss(tf, inputs) {
    const ce = hardLabelLoss(tf, inputs);
    return { total: ce, parts: { ce } };
  },
});
