/**
 * The flat-buffer Adam against tfjs's own: bit for bit the same weights and slots on cpu and
 * wasm, slots saved and restored across the two, fewer kernels a step, no tensor left behind.
 */
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { tf, useCpu } from '../test/tf';
import { FlatAdamOptimizer } from './flat-adam';
import { setStepForms, type StepForms } from './step-forms';

/** A 2-10-3 MLP's variables, seeded. */
function variables(tag: string): tf.Variable[] {
  const rng = createRng(5, 'flat-adam');
  const make = (shape: number[], i: number) =>
    tf.variable(
      tf.tensor(
        Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * 0.5),
        shape,
      ),
      true,
      `${tag}/w${i}`,
    );
  return [make([2, 10], 0), make([10], 1), make([10, 3], 2), make([3], 3)];
}

/** `steps` updates with gradients that depend on the weights (so drift would compound). */
function train(opt: tf.Optimizer, vars: tf.Variable[], steps: number, from = 0): void {
  for (let s = from; s < from + steps; s++) {
    const grads = tf.tidy(() =>
      Object.fromEntries(vars.map((v, i) => [v.name, tf.add(tf.mul(tf.sin(v), 0.3 + 0.1 * i), Math.cos(s) * 0.01)])),
    );
    opt.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
}

const values = (ts: tf.Tensor[]) => Promise.all(ts.map((t) => t.data()));
/** The cpu backend as the other unit tests set it up (not a React hook, whatever its name). */
const cpuBackend = useCpu;

async function onBackend(backend: 'cpu' | 'wasm', forms: StepForms = 'lean') {
  if (backend === 'cpu') await cpuBackend();
  else {
    const dist = dirname(
      createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
    );
    setWasmPaths(`${dist}/`);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tf.env().set('IS_TEST', false);
    await tf.setBackend('wasm');
  }
  const a = variables(`${backend}-tfjs`);
  const b = variables(`${backend}-flat`);
  const tfjs = tf.train.adam(0.01);
  const ours = new FlatAdamOptimizer(0.01);
  train(tfjs, a, 30);
  setStepForms(forms);
  try {
    train(ours, b, 30);
  } finally {
    setStepForms('lean');
  }
  const slots = async (o: tf.Optimizer) => {
    const w = await o.getWeights();
    return { names: w.map((x) => x.name.replace(/^[^/]+\//, '')), data: await values(w.map((x) => x.tensor)) };
  };
  return { a, b, tfjs, ours, slots };
}

describe('the flat-buffer Adam', () => {
  // lean: one kernel a step (adam-kernel.ts); reference: tfjs's ops over the flat buffer.
  for (const [backend, forms] of [
    ['cpu', 'lean'],
    ['wasm', 'lean'],
    ['cpu', 'reference'],
    ['wasm', 'reference'],
  ] as const) {
    it(`gives tfjs's Adam's weights and slots bit for bit on ${backend} (${forms})`, async () => {
      const { a, b, tfjs, ours, slots } = await onBackend(backend, forms);
      expect(await values(b)).toEqual(await values(a));
      const [x, y] = [await slots(tfjs), await slots(ours)];
      expect(y.names).toEqual(x.names);
      expect(y.data).toEqual(x.data);
      tf.dispose([...a, ...b]);
      tfjs.dispose();
      ours.dispose();
    });
  }

  it('takes tfjs Adam’s saved slots and gives its own to tfjs, training on identically', async () => {
    await useCpu();
    const a = variables('x-tfjs');
    const b = variables('x-flat');
    const tfjs = tf.train.adam(0.01);
    train(tfjs, a, 10);
    b.forEach((v, i) => v.assign(a[i]!));
    // tfjs's slots into ours, named after ours' variables.
    const saved = await tfjs.getWeights();
    const ours = new FlatAdamOptimizer(0.01);
    await ours.setWeights(saved.map((w) => ({ name: w.name.replace('x-tfjs', 'x-flat'), tensor: w.tensor })));
    train(tfjs, a, 10, 10);
    train(ours, b, 10, 10);
    // setWeights recomputes β powers as pow(β, t + 1) in both, so both runs go on the same way.
    expect(await values(b)).toEqual(await values(a));
    // And back: ours' slots into a fresh tfjs Adam.
    const back = tf.train.adam(0.01);
    const mine = await ours.getWeights();
    await back.setWeights(mine.map((w) => ({ name: w.name, tensor: w.tensor.clone() })));
    const theirs = await back.getWeights();
    expect(await values(theirs.slice(1).map((w) => w.tensor))).toEqual(
      await values(mine.slice(1).map((w) => w.tensor)),
    );
    tf.dispose([...a, ...b, saved[0]!.tensor, mine[0]!.tensor, theirs[0]!.tensor]);
    [tfjs, ours, back].forEach((o) => o.dispose());
  });

  it('runs fewer kernels a step and leaves no tensor behind', async () => {
    await useCpu();
    // Kernels that do work (a reshape is a view on every backend: no dispatch on WebGPU).
    const kernels = async (opt: tf.Optimizer, vars: tf.Variable[], forms: StepForms = 'lean') => {
      setStepForms(forms);
      try {
        train(opt, vars, 1); // the slots are made on the first step
        const info = await tf.profile(() => train(opt, vars, 1));
        return info.kernels.filter((k) => k.name !== 'Reshape').length;
      } finally {
        setStepForms('lean');
      }
    };
    // Three MLPs' worth: 12 variables, as a small transformer has dozens.
    const many = (tag: string) => [0, 1, 2].flatMap((i) => variables(`${tag}${i}`));
    const a = many('k-tfjs');
    const b = many('k-flat');
    const c = many('k-ops');
    const tfjs = tf.train.adam(0.01);
    const ours = new FlatAdamOptimizer(0.01);
    const opByOp = new FlatAdamOptimizer(0.01);
    const [theirs, mine, ops] = [await kernels(tfjs, a), await kernels(ours, b), await kernels(opByOp, c, 'reference')];
    // The gradients cost 3 kernels a variable in all three. Adam: tfjs 14 a variable and 4 a
    // step; flat, op by op, the same 14 + 4 once, 2 concats and a split, whatever the number of
    // variables; flat in one kernel (cpu and wasm), 1.
    expect(theirs - 3 * a.length).toBe(14 * a.length + 4);
    expect(ops - 3 * c.length).toBe(14 + 4 + 3);
    expect(mine - 3 * b.length).toBe(1);
    console.log(
      `Adam kernels a step, 12 variables: tfjs ${theirs - 36}, flat op by op ${ops - 36}, flat kernel ${mine - 36}`,
    );
    opByOp.dispose();
    tf.dispose(c);
    const before = tf.memory().numTensors;
    train(ours, b, 20);
    expect(tf.memory().numTensors).toBe(before);
    // getWeights hands out per-variable views of the flat slots, let go at its next call.
    (await ours.getWeights())[0]!.tensor.dispose();
    (await ours.getWeights())[0]!.tensor.dispose();
    expect(tf.memory().numTensors).toBe(before + 2 * b.length);
    // Disposed: the views, the two flat slots and the two running powers.
    ours.dispose();
    expect(tf.memory().numTensors).toBe(before - 4);
    tfjs.dispose();
    tf.dispose([...a, ...b]);
  });
});

describe('the default toy step', () => {
  it('issues fewer kernels with the flat Adam', async () => {
    await useCpu();
    const { Session } = await import('./session');
    const { TOY_CONFIG } = await import('../tasks/toy2d/defaults');
    // The default experiment, with a teacher trained for a few steps only (it is not counted).
    const cfg = { ...TOY_CONFIG, teacher: { ...TOY_CONFIG.teacher, trainSteps: 20 } };
    const count = async (swap: boolean) => {
      const s = await Session.create(cfg);
      if (swap)
        for (const lane of s.lanes) {
          lane.optimizer.dispose();
          lane.optimizer = tf.train.adam(cfg.train.lr);
        }
      s.trainStep();
      await s.flush();
      const info = await tf.profile(() => s.trainStep());
      await s.flush();
      s.dispose();
      return info.kernels.filter((k) => k.name !== 'Reshape').length;
    };
    const [theirs, mine] = [await count(true), await count(false)];
    console.log(`kernels in a default toy step (no Reshape): tfjs Adam ${theirs}, flat Adam ${mine}`);
    expect(mine).toBeLessThan(theirs);
  });
});
