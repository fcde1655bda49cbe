/**
 * Held-out evaluation of the student lanes: the metric registry on the test set, the test
 * logits the views draw, and explanation agreement (gradient × input saliency against the
 * teacher's) on a fixed probe of test images.
 */
import * as tf from '@tensorflow/tfjs';
import { mapAgreement } from '../lib/attribution';
import type { MetricDef } from '../metrics';
import { agreement } from '../metrics/agreement';
import { klTeacherStudent } from '../metrics/kl';
import type { Model } from './models/types';
import { forwardInChunks } from './forward';
import type { TaskData } from './task-data';

/** Eval columns beyond the metric registry, for image tasks. */
export const SALIENCY_METRICS = [
  { id: 'saliencyCosine', label: 'Saliency cosine (foreground pixels)' },
  { id: 'saliencySpearman', label: 'Saliency Spearman ρ (foreground pixels)' },
] as const;

/**
 * Eval columns measured on the training probe (TaskData.trainProbe: windows of a text pool the
 * students train on), after the held-out metrics: with the held-out agreement beside it, the gap
 * is how much of the teacher a student has learnt only where it was shown.
 */
export const PROBE_METRICS = [
  { id: 'poolAgreement', label: 'Agreement on the pool', metric: agreement },
  { id: 'poolKl', label: 'KL(teacher‖student) on the pool', metric: klTeacherStudent },
] as const;

/**
 * The eval column of a task defined by a model of its own (TaskData.golden: the oracle task),
 * after a training probe's: the golden distance, KL(oracle‖student) on the held-out set, beside
 * the proxy distance to the teacher (teacher hacking, Tiapkin et al. 2025).
 */
export const GOLDEN_METRICS = [{ id: 'golden', label: 'KL(oracle‖student)', metric: klTeacherStudent }] as const;

/** Each lane's eval columns: the task's metrics, a training probe's, then saliency agreement. */
export function evalColumns(metricDefs: readonly MetricDef[], data: TaskData): { id: string; label: string }[] {
  const probe = data.trainProbe ? PROBE_METRICS : [];
  const golden = data.golden ? GOLDEN_METRICS : [];
  const saliency = data.saliencyProbe ? SALIENCY_METRICS : [];
  return [...metricDefs, ...probe, ...golden, ...saliency].map(({ id, label }) => ({ id, label }));
}

/** Values per lane that evaluateLanes measures on the device (saliency agreement is the host's). */
export const measuredPerLane = (metricDefs: readonly MetricDef[], data: TaskData): number =>
  metricDefs.length + (data.trainProbe ? PROBE_METRICS.length : 0) + (data.golden ? GOLDEN_METRICS.length : 0);

/** Test images whose saliency maps are compared at every evaluation. */
export const PROBE_SIZE = 32;

/**
 * Gradient × input of the logit of class `classes[i]` for each row: a_i = Σ_d ∂f_c/∂x_d · x_d
 * per pixel (reference §4). The same class (the teacher's prediction) is used for both models.
 */
export function gradTimesInput(model: Model, x: tf.Tensor, classes: tf.Tensor1D): tf.Tensor {
  return tf.tidy(() => {
    const picked = (input: tf.Tensor) => {
      const logits = model.forward(input).logits;
      return tf.sum(tf.mul(logits, tf.oneHot(classes, logits.shape[1])));
    };
    return tf.mul(tf.grad(picked)(x), x);
  });
}

export interface EvalTensors {
  /** [lanes, metrics.length (+ PROBE_METRICS.length with a training probe, + GOLDEN_METRICS.length)] */
  metrics: tf.Tensor;
  /** Per lane, the test logits (kept for the views). */
  testLogits: tf.Tensor2D[];
  /** [lanes, PROBE_SIZE, pixels], when a probe is set. */
  saliency?: tf.Tensor;
}

export function evaluateLanes(
  students: Model[],
  metricDefs: readonly MetricDef[],
  testX: tf.Tensor,
  testY: tf.Tensor1D,
  teacherTest: tf.Tensor2D,
  probe?: { x: tf.Tensor; classes: tf.Tensor1D },
  chunk?: number,
  trainProbe?: { x: tf.Tensor; labels: tf.Tensor1D; teacherLogits: tf.Tensor2D },
  golden?: tf.Tensor2D,
): EvalTensors {
  const logitsOn = (x: tf.Tensor) =>
    students
      .map((s) => forwardInChunks(s, x, undefined, chunk))
      .map(({ logits, features }) => {
        features.dispose();
        return logits;
      });
  const testLogits = logitsOn(testX);
  const probeLogits = trainProbe ? logitsOn(trainProbe.x) : [];
  const metrics = tf.tidy(() =>
    tf.stack(
      testLogits.flatMap((studentLogits, l) => [
        ...metricDefs.map((m) => m.compute(tf, { teacherLogits: teacherTest, studentLogits, labels: testY })),
        ...(trainProbe
          ? PROBE_METRICS.map((p) =>
              p.metric.compute(tf, {
                teacherLogits: trainProbe.teacherLogits,
                studentLogits: probeLogits[l]!,
                labels: trainProbe.labels,
              }),
            )
          : []),
        ...(golden
          ? GOLDEN_METRICS.map((g) => g.metric.compute(tf, { teacherLogits: golden, studentLogits, labels: testY }))
          : []),
      ]),
    ),
  );
  tf.dispose(probeLogits);
  const saliency = probe
    ? tf.tidy(() =>
        tf.stack(students.map((s) => tf.reshape(gradTimesInput(s, probe.x, probe.classes), [probe.x.shape[0]!, -1]))),
      )
    : undefined;
  return { metrics, testLogits, saliency };
}

/**
 * Mean cosine and Spearman ρ(|a|) between each lane's maps and the teacher's, per lane, each
 * probe image compared over its foreground pixels (`foreground[i]`, indices into the image):
 * gradient × input is 0 on a zero pixel for every model, and those shared zeros would make
 * ρ high for any student (see lib/attribution.ts).
 */
export function saliencyAgreement(
  maps: Float32Array,
  teacher: Float32Array,
  lanes: number,
  foreground?: readonly Int32Array[],
): number[][] {
  const perLane = maps.length / lanes;
  const pixels = teacher.length / PROBE_SIZE;
  return Array.from({ length: lanes }, (_, l) => {
    let cos = 0;
    let rho = 0;
    for (let i = 0; i < PROBE_SIZE; i++) {
      const s = maps.subarray(l * perLane + i * pixels, l * perLane + (i + 1) * pixels);
      const t = teacher.subarray(i * pixels, (i + 1) * pixels);
      const a = mapAgreement(s, t, foreground?.[i]);
      cos += a.cosine / PROBE_SIZE;
      rho += a.spearman / PROBE_SIZE;
    }
    return [cos, rho];
  });
}
