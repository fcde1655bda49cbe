/**
 * What Auto and a hand-chosen backend check before a backend runs: the WebGPU adapter the
 * browser offers, the device a backend names, and whether a backend can run an imported
 * teacher as a session runs it.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../config/schema';
import type { Workload } from './backend';
import { gradTimesInput } from './evaluation';
import { missingKernel } from './missing-kernel';
import { wasmThreadCount, wasmThreadsOn } from './wasm-threads';

export interface GpuAdapterSummary {
  description: string;
  fallback: boolean;
}

/** Looks at the WebGPU adapter the browser would hand tfjs, without creating a device. */
export async function probeWebGpu(): Promise<GpuAdapterSummary | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  const fallback =
    Boolean(info.isFallbackAdapter ?? legacy.isFallbackAdapter) ||
    /swiftshader/i.test(info.architecture + info.description);
  const description = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  return { description, fallback };
}

function webglRenderer(): string {
  try {
    const backend = tf.backend() as unknown as { gpgpu?: { gl: WebGL2RenderingContext } };
    const gl = backend.gpgpu?.gl;
    if (!gl) return 'WebGL';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return 'WebGL';
  }
}

/**
 * Why this backend cannot run the workload's teacher, or null when it can. The teacher runs
 * once as a session runs it: a forward pass in inference mode and the input gradients the
 * image task's saliency probe takes through it (gradTimesInput, the probe's own code). Only
 * input gradients are asked for, yet tfjs's fused convolution (a Conv2D whose activation is
 * linear, as before a BatchNormalization) derives its filter gradient along with them in its
 * custom gradient. tfjs's WASM has no Conv2DBackpropFilter (the studio registers one,
 * wasm-kernels.ts); any other kernel a backend lacks keeps Auto off it, in words.
 */
export async function teacherProblem(w: Workload): Promise<string | null> {
  if (!w.makeTeacher) return null;
  const teacher = await w.makeTeacher();
  const x = tf.randomNormal([2, ...w.inputShape], 0, 1, 'float32', 3);
  const classes = tf.zeros([2], 'int32') as tf.Tensor1D;
  try {
    const maps = gradTimesInput(teacher, x, classes);
    await maps.data();
    maps.dispose();
    return null;
  } catch (e) {
    disposeFailedTape();
    const missing = missingKernel(e);
    if (!missing) throw e;
    return `it has no ${missing.kernel} kernel, which this teacher needs (the saliency maps take gradients through it)`;
  } finally {
    tf.dispose([x, classes]);
    teacher.dispose();
  }
}

/**
 * tfjs frees the tensors a gradient tape saved for the backward pass only once that pass
 * succeeds (tfjs-core engine.gradients); after a kernel failed mid-way they would stay
 * allocated, and the tape would stay active. A trial that fails must leave memory as it was.
 */
function disposeFailedTape(): void {
  const state = tf.engine().state as unknown as {
    gradientDepth: number;
    activeTape: { saved?: tf.Tensor[] }[] | null;
  };
  if (state.gradientDepth !== 0) return;
  state.activeTape?.forEach((node) => node.saved?.forEach((t) => t.dispose()));
  state.activeTape = null;
}

/** A trial's failure in words: a missing kernel is named, anything else quoted. */
export function trialFailure(e: unknown): string {
  const missing = missingKernel(e);
  return missing
    ? `it has no ${missing.kernel} kernel, which training this student needs`
    : `trial failed: ${(e as Error).message}`;
}

export async function describe(
  name: BackendName,
  gpu: GpuAdapterSummary | null,
): Promise<{ adapter: string; software: boolean }> {
  switch (name) {
    case 'webgpu':
      return { adapter: gpu?.description ?? 'WebGPU', software: gpu?.fallback ?? false };
    case 'webgl': {
      const r = webglRenderer();
      return { adapter: r, software: /swiftshader|llvmpipe|software/i.test(r) };
    }
    case 'wasm':
      return {
        adapter:
          (tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'WebAssembly + SIMD' : 'WebAssembly') +
          (wasmThreadsOn() ? ` + threads (${wasmThreadCount()})` : ''),
        software: false,
      };
    case 'cpu':
      return { adapter: 'JavaScript (no acceleration)', software: false };
  }
}
