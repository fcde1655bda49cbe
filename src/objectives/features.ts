import { hardLabelLoss, maskedMean } from './divergences';
import { defineObjective, type Scalar } from './types';

/** Why a feature-matching objective cannot run, if it cannot. Shared with RKD. */
export function featuresUnavailable({
  studentFeatureDim,
  teacherFeatureDim,
}: {
  studentFeatureDim: number;
  teacherFeatureDim: number;
}) {
  if (studentFeatureDim === 0) return 'needs hidden features, but the student has no hidden layer';
  if (teacherFeatureDim === 0) return 'needs hidden features, but the teacher has no hidden layer';
  return null;
}

/**
 * Hidden-feature matching. FitNets (mdistiller distillers/FitNet.py): a learned linear
 * regressor r maps the student's last hidden layer to the teacher's, and the hint loss is the
 * MSE (mean over elements) between r(h_s) and h_t. DistilBERT's variant uses 1 − cos(h_s, h_t)
 * (CosineEmbeddingLoss with target 1); here it goes through the same projection, since student
 * and teacher widths usually differ. L = CE + w·hint; the projection trains with the student.
 */
export default defineObjective({
  id: 'features',
  name: 'Hidden features (FitNets / cosine)',
  description:
    'Match the teacher’s hidden representation through a learned linear projection: MSE as in FitNets, or cosine distance as in DistilBERT.',
  paper: { title: 'FitNets: Hints for Thin Deep Nets', authors: 'Romero et al.', year: 2015, venue: 'ICLR' },
  params: [
    {
      key: 'weight',
      label: 'Hint weight w',
      default: 1,
      min: 0,
      max: 100,
      step: 0.5,
      help: 'mdistiller and RepDistiller use 100, for CIFAR conv feature maps through a conv + BN regressor. Here the hint is the MSE between the last hidden layers of small MLPs through a linear projection, and the studio defaults to 1 for these toy runs; raise it towards 100 to follow the paper’s weighting.',
    },
    { key: 'cosine', label: 'Cosine distance (DistilBERT)', default: 0, min: 0, max: 1, step: 1, kind: 'toggle' },
  ],
  components: [
    { key: 'hint', label: 'Hint' },
    { key: 'ce', label: 'CE(y, q)' },
  ],
  needs: { teacher: true, features: true },
  unavailable: featuresUnavailable,
  createState(tf, { studentFeatureDim: ds, teacherFeatureDim: dt, random }) {
    const limit = Math.sqrt(6 / (ds + dt));
    const w0 = Float32Array.from({ length: ds * dt }, () => (2 * random() - 1) * limit);
    const [w, b] = tf.tidy(() => [tf.variable(tf.tensor2d(w0, [ds, dt])), tf.variable(tf.zeros([dt]))]);
    return { trainable: [w!, b!], values: {}, variables: [w!, b!] };
  },
  loss(tf, inputs, { weight = 1, cosine = 0 }, state) {
    const { mask, studentFeatures, teacherFeatures } = inputs;
    if (!studentFeatures || !teacherFeatures || !state) throw new Error('Feature matching needs hidden features');
    const [w, b] = state.trainable;
    const projected = tf.add(tf.matMul(studentFeatures, w!), b!);
    const hintRows = cosine
      ? tf.sub(
          1,
          tf.div(
            tf.sum(tf.mul(projected, teacherFeatures), -1),
            tf.sqrt(
              tf.mul(
                tf.add(tf.sum(tf.square(projected), -1), 1e-12),
                tf.add(tf.sum(tf.square(teacherFeatures), -1), 1e-12),
              ),
            ),
          ),
        )
      : tf.mean(tf.squaredDifference(projected, teacherFeatures), -1);
    const hint = maskedMean(tf, hintRows, mask);
    const ce = hardLabelLoss(tf, inputs);
    return { total: tf.add(ce, tf.mul(hint, weight)) as Scalar, parts: { hint, ce } };
  },
});
