/**
 * The lean batch (host-batch.ts) is the reference batch (feature-batch.ts) value for value:
 * labelled rows then transfer rows, a transfer row labelled with the teacher's class and masked
 * out of the hard-label loss; with the inputs from the host, and gathered on the device when
 * the host has no copy (image pixels).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { tf, useCpu } from '../test/tf';
import { featureBatch, type StepBatch } from './feature-batch';
import { hostBatch, readHostRows } from './host-batch';
import { Session } from './session';
import { setStepForms } from './step-forms';

/** A batch made inside a tidy (its index tensors go), itself kept. */
const made = (f: () => StepBatch): StepBatch =>
  tf.tidy(() => f() as unknown as tf.TensorContainer) as unknown as StepBatch;

const values = async (b: StepBatch) => ({
  x: Array.from(await b.x.data()),
  xShape: b.x.shape,
  labels: Array.from(await b.labels.data()),
  labelMask: b.labelMask && Array.from(await b.labelMask.data()),
  teacherLogits: Array.from(await b.teacherLogits.data()),
});

describe('the lean batch', () => {
  it('equals the reference batch, with transfer rows and with the inputs gathered on the device', async () => {
    await useCpu();
    const s = await Session.create({ ...TOY_CONFIG, teacher: { ...TOY_CONFIG.teacher, trainSteps: 10 } });
    const rows = (await readHostRows(s.data, s.teacher))!;
    expect(rows.x && rows.logits).toBeTruthy();
    const plan = { labelled: Int32Array.from([5, 0, 17, 5]), transfer: Int32Array.from([3, 99, 41]) };
    setStepForms('reference');
    const reference = made(() => featureBatch(s.data, s.teacher, plan, true, false, createRng(1, 'augment')));
    setStepForms('lean');
    const lean = made(() => hostBatch(rows, plan, s.data, s.teacher));
    const onDevice = made(() => hostBatch({ ...rows, x: undefined, logits: undefined }, plan, s.data, s.teacher));
    const [r, l, d] = [await values(reference), await values(lean), await values(onDevice)];
    expect(l).toEqual(r);
    expect(d).toEqual(r);
    expect(r.labelMask).toEqual([1, 1, 1, 1, 0, 0, 0]);
    for (const b of [reference, lean, onDevice]) tf.dispose(Object.values(b).filter((t): t is tf.Tensor => !!t));
    s.dispose();
  });
});
