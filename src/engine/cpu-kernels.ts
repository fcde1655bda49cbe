/**
 * Faster Conv2DBackpropFilter and MaxPoolGrad kernels for tfjs's cpu backend (4.22.0): CNNs
 * train on it in minutes instead of hours (tfjs is unmaintained; we work around it here).
 *
 * The stock kernels read every element through TensorBuffer.get(b, r, c, d) (an array of
 * indices and a bounds check per read); Conv2DBackpropFilter also walks the batch innermost.
 * Measured with tf.profile on one batch of 64 through this CNN: ~6.8 s of a ~7.5 s step in
 * Conv2DBackpropFilter; with both replacements a step takes ~0.4 s. These versions compute the
 * same sums with flat typed-array offsets in memory order and skip zero inputs (ReLU outputs
 * and the black background are mostly zeros). They handle the NHWC layout the layers API uses
 * and hand anything else to the stock kernel.
 *
 * The worker installs them on the cpu backend (CNN students train there about 14× faster),
 * and so do the Node tests and the teacher script. `checkCpuKernels` compares both against the
 * stock kernels (a unit test runs it; the teacher script runs it before training), so a wrong
 * gradient can never train a model silently.
 */
import * as tf from '@tensorflow/tfjs';

/** The slice of the cpu backend used here (its class is not a direct dependency). */
interface CpuBackend {
  data: { get(dataId: unknown): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

type Pad = 'valid' | 'same' | number;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

export interface FilterGradAttrs {
  strides: [number, number] | number;
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: Rounding;
  filterShape: [number, number, number, number];
}

interface PoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: Pad;
  dimRoundingMode?: Rounding;
}

const values = (backend: CpuBackend, t: tf.TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
const shape4 = (t: tf.TensorInfo) => t.shape as [number, number, number, number];

/** dW[r, c, i, o] = Σ over batch and output positions of x[b, y·s + r, x·s + c, i] · dy[b, y, x, o]. */
export function filterGradValues(
  xShape: [number, number, number, number],
  xv: ArrayLike<number>,
  dyv: ArrayLike<number>,
  attrs: FilterGradAttrs,
): Float32Array {
  const info = tf.backend_util.computeConv2DInfo(
    xShape,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  // Accumulate in float64, as the stock kernel does in its scalar sum, then round once.
  const dw = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let yR = 0; yR < outHeight; yR++) {
      for (let yC = 0; yC < outWidth; yC++) {
        const dyOff = ((b * outHeight + yR) * outWidth + yC) * outChannels;
        for (let wR = 0; wR < filterHeight; wR++) {
          const xR = yR * strideHeight + wR - top;
          if (xR < 0 || xR >= inHeight) continue;
          for (let wC = 0; wC < filterWidth; wC++) {
            const xC = yC * strideWidth + wC - left;
            if (xC < 0 || xC >= inWidth) continue;
            const xOff = ((b * inHeight + xR) * inWidth + xC) * inChannels;
            const wOff = (wR * filterWidth + wC) * inChannels * outChannels;
            for (let d1 = 0; d1 < inChannels; d1++) {
              const v = xv[xOff + d1]!;
              if (v === 0) continue;
              const row = wOff + d1 * outChannels;
              for (let d2 = 0; d2 < outChannels; d2++) dw[row + d2]! += v * dyv[dyOff + d2]!;
            }
          }
        }
      }
    }
  }
  return Float32Array.from(dw);
}

function conv2dFilterGrad(x: tf.TensorInfo, dy: tf.TensorInfo, attrs: FilterGradAttrs, backend: CpuBackend) {
  const dw = filterGradValues(shape4(x), values(backend, x), values(backend, dy), attrs);
  return backend.makeTensorInfo(attrs.filterShape, 'float32', dw);
}

/**
 * Routes each output's gradient to the input that won its window: the first maximum in
 * row-major window order, as tfjs's forward pass and stock gradient choose it (ties and
 * overlapping windows then agree too). A window of NaNs has no winner and gets no gradient.
 */
function maxPoolGrad(x: tf.TensorInfo, dy: tf.TensorInfo, attrs: PoolGradAttrs, backend: CpuBackend) {
  const info = tf.backend_util.computePool2DInfo(
    shape4(x),
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const xv = values(backend, x);
  const dyv = values(backend, dy);
  const dx = new Float32Array(xv.length);
  for (let b = 0; b < batchSize; b++) {
    for (let yR = 0; yR < outHeight; yR++) {
      const r0 = Math.max(0, yR * strideHeight - top);
      const r1 = Math.min(inHeight, yR * strideHeight - top + filterHeight);
      for (let yC = 0; yC < outWidth; yC++) {
        const c0 = Math.max(0, yC * strideWidth - left);
        const c1 = Math.min(inWidth, yC * strideWidth - left + filterWidth);
        const dyOff = ((b * outHeight + yR) * outWidth + yC) * channels;
        for (let d = 0; d < channels; d++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let r = r0; r < r1; r++) {
            for (let c = c0; c < c1; c++) {
              const i = ((b * inHeight + r) * inWidth + c) * channels + d;
              if (xv[i]! > best) {
                best = xv[i]!;
                at = i;
              }
            }
          }
          if (at >= 0) dx[at]! += dyv[dyOff + d]!;
        }
      }
    }
  }
  return backend.makeTensorInfo(x.shape, 'float32', dx);
}

const stock = new Map<string, tf.KernelFunc>();

function replace(kernelName: string, kernelFunc: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(kernelName, 'cpu');
  if (!original) throw new Error(`tfjs has no ${kernelName} kernel for the cpu backend`);
  stock.set(kernelName, original.kernelFunc);
  tf.unregisterKernel(kernelName, 'cpu');
  tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc: kernelFunc(original.kernelFunc) });
}

/** Installs both kernels on the cpu backend (idempotent). */
export function installFastCpuKernels(): void {
  if (stock.size > 0) return;
  replace(tf.Conv2DBackpropFilter, (original) => (args) => {
    const attrs = args.attrs as unknown as FilterGradAttrs;
    if (attrs.dataFormat !== 'NHWC') return original(args);
    const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    return conv2dFilterGrad(x, dy, attrs, args.backend as unknown as CpuBackend);
  });
  replace(tf.MaxPoolGrad, () => (args) => {
    // The layers API and tf.maxPool are always NHWC, and the kernel has no dilations.
    const { input, dy } = args.inputs as { input: tf.TensorInfo; dy: tf.TensorInfo };
    return maxPoolGrad(input, dy, args.attrs as unknown as PoolGradAttrs, args.backend as unknown as CpuBackend);
  });
}

async function maxDifference(kernelName: string, inputs: tf.NamedTensorMap, attrs: object): Promise<number> {
  const diff = tf.tidy(() => {
    const fast = tf.engine().runKernel(kernelName, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
    const info = stock.get(kernelName)!({ inputs, attrs: attrs as tf.NamedAttrMap, backend: tf.backend() });
    const reference = tf.engine().makeTensorFromTensorInfo(info as tf.TensorInfo);
    return tf.max(tf.abs(tf.sub(fast, reference)));
  });
  const worst = (await diff.data())[0]!;
  diff.dispose();
  return worst;
}

/**
 * Throws unless both kernels match tfjs's own on a few shapes, paddings and strides (seeded
 * random data with exact zeros and ties). Takes well under a second.
 */
export async function checkCpuKernels(): Promise<void> {
  if (stock.size === 0) throw new Error('installFastCpuKernels() first');
  const convCases = [
    { x: [3, 9, 8, 2], filter: [3, 3, 2, 4], strides: 1, pad: 'valid' },
    { x: [2, 7, 7, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' },
    { x: [2, 10, 9, 2], filter: [5, 3, 2, 3], strides: 2, pad: 'same' },
    { x: [2, 11, 11, 1], filter: [2, 2, 1, 2], strides: 2, pad: 'valid' },
  ] as const;
  for (const [i, c] of convCases.entries()) {
    const x = tf.tidy(() => tf.relu(tf.randomNormal([...c.x], 0, 1, 'float32', 100 + i))) as tf.Tensor4D;
    const outShape = tf.tidy(() => tf.conv2d(x, tf.zeros([...c.filter]) as tf.Tensor4D, c.strides, c.pad).shape);
    const dy = tf.randomNormal(outShape, 0, 1, 'float32', 200 + i);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    const worst = await maxDifference(tf.Conv2DBackpropFilter, { x, dy }, attrs);
    tf.dispose([x, dy]);
    if (!(worst < 1e-4)) throw new Error(`fast Conv2DBackpropFilter differs from tfjs's by ${worst} (case ${i})`);
  }
  const poolCases = [
    { x: [2, 26, 26, 3], size: 2, strides: 2, pad: 'valid' },
    { x: [2, 11, 11, 2], size: 2, strides: 2, pad: 'valid' },
    { x: [2, 9, 7, 2], size: 3, strides: 2, pad: 'same' },
    { x: [1, 6, 6, 2], size: 3, strides: 1, pad: 'valid' },
  ] as const;
  for (const [i, c] of poolCases.entries()) {
    // ReLU'd and rounded, so windows hold ties and all-zero windows, as real activations do.
    const x = tf.tidy(() => tf.relu(tf.round(tf.randomNormal([...c.x], 0, 2, 'float32', 300 + i)))) as tf.Tensor4D;
    const y = tf.maxPool(x, c.size, c.strides, c.pad);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 400 + i);
    const attrs = { filterSize: c.size, strides: c.strides, pad: c.pad };
    const worst = await maxDifference(tf.MaxPoolGrad, { dy, input: x, output: y }, attrs);
    tf.dispose([x, y, dy]);
    if (!(worst < 1e-5)) throw new Error(`fast MaxPoolGrad differs from tfjs's by ${worst} (case ${i})`);
  }
}
