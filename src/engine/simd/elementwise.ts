/** The element-wise and row-wise SIMD functions (GELU, LayerNorm, 2-D transpose), one module per backend. */
import { geluFunction, geluGradFunction } from './gelu-kernels';
import { layerNormFunction, layerNormGradFunction } from './layernorm-kernels';
import { type SimdExports, simdKernels } from './module';
import { transposeFunction } from './transpose-kernel';

/** Null where our kernels cannot run (no SIMD, not wasm): the caller keeps its tfjs form. */
export function elementwiseKernels(): SimdExports | null {
  return simdKernels('elementwise', () => [
    { name: 'gelu', ...geluFunction() },
    { name: 'geluGrad', ...geluGradFunction() },
    { name: 'layerNorm', ...layerNormFunction() },
    { name: 'layerNormGrad', ...layerNormGradFunction() },
    { name: 'transpose', ...transposeFunction() },
  ]);
}
