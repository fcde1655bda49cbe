/**
 * Adam over one flat buffer: the moments of all of a student's variables live in two flat
 * variables, and a step updates them with one run of Adam's element-wise ops instead of one
 * run per variable. tfjs's AdamOptimizer issues about 14 kernels per variable and step (a 2×48
 * transformer student has 28 variables: some 400 kernels, the largest share of a text step's
 * dispatches on WebGPU); this issues the same 14 once, plus a concat of the gradients and of
 * the values and a slice per variable. On cpu and wasm the whole step is one kernel instead
 * (adam-kernel.ts, the same numbers), unless the reference step forms are forced (step-forms.ts).
 *
 * The arithmetic is tfjs's, op for op and with the same constants (adam_optimizer.js in
 * tfjs-core 4.22), so every element gets bit for bit the value tfjs would give it: curves,
 * golden runs and the PyTorch replay (kd/optim.py) are unchanged. The slots are saved and
 * restored in tfjs's layout (`<variable>/m`, `<variable>/v`, in order), so snapshots written
 * with either optimiser restore into the other. The class name stays 'Adam'.
 */
import * as tf from '@tensorflow/tfjs';
import { FLAT_ADAM, ensureFlatAdamKernels, hasFlatAdamKernel, type FlatAdamAttrs } from './adam-kernel';
import { stepForms } from './step-forms';

/** What tfjs optimisers save and take: a named tensor (tfjs-core's NamedTensor, not re-exported). */
type NamedTensor = { name: string; tensor: tf.Tensor };

interface Slot {
  name: string;
  shape: number[];
  size: number;
}

/** The fields of tfjs's AdamOptimizer this class shares (private there, so reached by cast). */
interface AdamFields {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

const flat = (ts: tf.Tensor[]): tf.Tensor1D =>
  ts.length === 1 ? tf.reshape(ts[0]!, [-1]) : tf.concat(ts.map((t) => tf.reshape(t, [-1])));

export class FlatAdamOptimizer extends tf.AdamOptimizer {
  private slots: Slot[] | null = null;
  private m: tf.Variable | null = null;
  private v: tf.Variable | null = null;
  /** The per-variable views getWeights last handed out (disposed at the next call). */
  private views: tf.Tensor[] = [];

  constructor(learningRate: number) {
    // tf.train.adam's defaults.
    super(learningRate, 0.9, 0.999);
    ensureFlatAdamKernels();
  }

  private get fields(): AdamFields {
    return this as unknown as AdamFields;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name]! }));
    const variables = named.map(({ name }) => {
      const v = tf.engine().registeredVariables[name];
      if (!v) throw new Error(`Adam: no variable named ${name}`);
      return v;
    });
    if (!this.slots) this.allocate(variables.map((v) => ({ name: v.name, shape: v.shape, size: v.size })));
    const slots = this.slots!;
    // Slots go by position, as in tfjs (restored slots carry the names of the variables they were
    // saved from); the sizes must fit.
    if (slots.length !== variables.length || slots.some((s, i) => s.size !== variables[i]!.size))
      throw new Error('Adam: the variables changed between steps; build a new optimiser for new variables');
    slots.forEach((s, i) => (s.name = variables[i]!.name));
    if (stepForms() === 'lean' && hasFlatAdamKernel()) this.applyInOneKernel(named, variables);
    else this.applyOpByOp(named, variables);
    this.incrementIterations();
  }

  /** The whole step as one kernel (adam-kernel.ts, cpu and wasm): the same numbers. */
  private applyInOneKernel(named: NamedTensor[], variables: tf.Variable[]): void {
    const { accBeta1, accBeta2 } = this.fields;
    const inputs: tf.NamedTensorMap = { m: this.m!, v: this.v!, accBeta1, accBeta2 };
    named.forEach((g, i) => {
      inputs[`g${i}`] = g.tensor;
      inputs[`w${i}`] = variables[i]!;
    });
    const attrs: FlatAdamAttrs = {
      count: variables.length,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      learningRate: this.learningRate,
    };
    const outs = tf.engine().runKernel(FLAT_ADAM, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    const n = variables.length;
    variables.forEach((v, i) => v.assign(outs[i]!));
    [this.m!, this.v!, accBeta1, accBeta2].forEach((t, i) => t.assign(outs[n + i]!));
    tf.dispose(outs);
  }

  /** tfjs's ops over the flat buffer, as on every backend without the kernel. */
  private applyOpByOp(named: NamedTensor[], variables: tf.Variable[]): void {
    const slots = this.slots!;
    const { accBeta1, accBeta2 } = this.fields;
    tf.tidy(() => {
      const oneMinusAccBeta1 = tf.sub(1, accBeta1);
      const oneMinusAccBeta2 = tf.sub(1, accBeta2);
      const gradient = flat(named.map((g) => g.tensor));
      const value = flat(variables);
      // As in tfjs's AdamOptimizer.applyGradients, element by element.
      const newFirstMoment = tf.add(tf.mul(this.m!, this.beta1), tf.mul(gradient, 1 - this.beta1));
      const newSecondMoment = tf.add(tf.mul(this.v!, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2));
      const biasCorrectedFirstMoment = tf.div(newFirstMoment, oneMinusAccBeta1);
      const biasCorrectedSecondMoment = tf.div(newSecondMoment, oneMinusAccBeta2);
      this.m!.assign(newFirstMoment);
      this.v!.assign(newSecondMoment);
      const newValue = tf.add(
        tf.mul(
          tf.div(biasCorrectedFirstMoment, tf.add(tf.sqrt(biasCorrectedSecondMoment), this.epsilon)),
          -this.learningRate,
        ),
        value,
      );
      const parts =
        slots.length === 1
          ? [newValue]
          : tf.split(
              newValue,
              slots.map((s) => s.size),
            );
      parts.forEach((p, i) => variables[i]!.assign(tf.reshape(p, slots[i]!.shape)));
      accBeta1.assign(tf.mul(accBeta1, this.beta1));
      accBeta2.assign(tf.mul(accBeta2, this.beta2));
    });
  }

  private allocate(slots: Slot[], m?: tf.Tensor, v?: tf.Tensor): void {
    const total = slots.reduce((n, s) => n + s.size, 0);
    this.slots = slots;
    // The variable keeps the data; the tensor it was made from is let go (tidy), as tfjs does.
    this.m = tf.tidy(() => tf.variable(m ?? tf.zeros([total]), false));
    this.v = tf.tidy(() => tf.variable(v ?? tf.zeros([total]), false));
  }

  /** tfjs's layout: the step count, then every variable's first moment, then its second. */
  override async getWeights(): Promise<NamedTensor[]> {
    tf.dispose(this.views);
    this.views = [];
    const iterations = await this.saveIterations();
    if (!this.slots) return [iterations];
    const sizes = this.slots.map((s) => s.size);
    const views = tf.tidy(() =>
      [this.m!, this.v!].flatMap((buffer) =>
        (this.slots!.length === 1 ? [buffer] : tf.split(buffer, sizes)).map((p, i) =>
          tf.reshape(p, this.slots![i]!.shape),
        ),
      ),
    );
    this.views = views;
    const n = this.slots.length;
    return [
      iterations,
      ...views.map((tensor, i) => ({ name: `${this.slots![i % n]!.name}/${i < n ? 'm' : 'v'}`, tensor })),
    ];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const slots = await this.extractIterations(weightValues);
    const { accBeta1, accBeta2 } = this.fields;
    // As tfjs does; a snapshot puts back the running powers as they were (optim.ts adamPowers).
    tf.tidy(() => {
      accBeta1.assign(tf.pow(this.beta1, this.iterations_ + 1));
      accBeta2.assign(tf.pow(this.beta2, this.iterations_ + 1));
    });
    this.disposeSlots();
    const n = slots.length / 2;
    if (!n) return;
    const layout = slots.slice(0, n).map(({ name, tensor }) => ({
      name: name.replace(/\/m$/, ''),
      shape: tensor.shape,
      size: tensor.size,
    }));
    const [m, v] = tf.tidy(() => [
      flat(slots.slice(0, n).map((s) => s.tensor)),
      flat(slots.slice(n).map((s) => s.tensor)),
    ]);
    this.allocate(layout, m, v);
    tf.dispose([m!, v!]);
  }

  private disposeSlots(): void {
    tf.dispose([...this.views, ...(this.m ? [this.m] : []), ...(this.v ? [this.v] : [])]);
    this.views = [];
    this.m = this.v = null;
    this.slots = null;
  }

  override dispose(): void {
    super.dispose();
    this.disposeSlots();
  }
}
