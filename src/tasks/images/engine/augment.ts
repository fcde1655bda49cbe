/**
 * Augmentation of transfer images, on the device, from seeded host-side randomness: random
 * shifts (exact, by pixel-aligned crops of a padded image), horizontal flips, Gaussian noise,
 * and mixup (λ ~ Beta(α, α), partner drawn from the same batch).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../../lib/rng';
import type { AugmentSettings } from '../augment-settings';

export { augmenting } from '../augment-settings';

/** Gamma(k, 1) by Marsaglia–Tsang (k < 1 through the boost Gamma(k+1)·U^(1/k)). */
function gamma(k: number, rng: Rng): number {
  if (k < 1) return gamma(k + 1, rng) * Math.pow(rng.next() || 1e-12, 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function beta(a: number, rng: Rng): number {
  const x = gamma(a, rng);
  const y = gamma(a, rng);
  return x / (x + y);
}

/** Augments a batch of images [n, H, W, C] in [0, 1]; returns a new tensor. */
export function augmentImages(x: tf.Tensor4D, task: AugmentSettings, rng: Rng): tf.Tensor4D {
  const [n, h, w] = x.shape;
  if (n === 0) return tf.clone(x);
  return tf.tidy(() => {
    let out: tf.Tensor4D = x;
    const { shift, flip, noise } = task.augment;
    if (shift > 0) {
      const padded = tf.pad(out, [
        [0, 0],
        [shift, shift],
        [shift, shift],
        [0, 0],
      ]);
      const H = h + 2 * shift - 1;
      const W = w + 2 * shift - 1;
      const boxes = new Float32Array(n * 4);
      for (let i = 0; i < n; i++) {
        const dy = rng.int(2 * shift + 1); // 0 = up by `shift`, `shift` = unmoved
        const dx = rng.int(2 * shift + 1);
        boxes.set([dy / H, dx / W, (dy + h - 1) / H, (dx + w - 1) / W], i * 4);
      }
      out = tf.image.cropAndResize(padded, tf.tensor2d(boxes, [n, 4]), tf.range(0, n, 1, 'int32'), [h, w], 'bilinear');
    }
    if (flip) {
      const mask = Float32Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
      const m = tf.reshape(tf.tensor1d(mask), [n, 1, 1, 1]);
      out = tf.add(tf.mul(tf.reverse(out, 2), m), tf.mul(out, tf.sub(1, m)));
    }
    if (noise > 0)
      out = tf.clipByValue(tf.add(out, tf.randomNormal(out.shape, 0, noise, 'float32', rng.int(2 ** 31))), 0, 1);
    if (task.mixup > 0) {
      const lambda = Float32Array.from({ length: n }, () => beta(task.mixup, rng));
      const partner = Int32Array.from({ length: n }, () => rng.int(n));
      const l = tf.reshape(tf.tensor1d(lambda), [n, 1, 1, 1]);
      out = tf.add(tf.mul(out, l), tf.mul(tf.gather(out, tf.tensor1d(partner, 'int32')), tf.sub(1, l)));
    }
    return out;
  });
}
