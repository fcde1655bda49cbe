/**
 * A transformer's weights shaped for the host-cache decoder (transformer-decode-host.ts): every
 * LayerNorm's γ and β folded into the matMul that reads it (transformer-frozen.ts's `fold`,
 * exact in real arithmetic), the final one into the head, and q, k, v kept as one [width,
 * 3·width] product, since the attention kernel reads the three side by side. A character then
 * costs four matMuls per layer and one for the head.
 *
 * A frozen teacher builds these once (transformer.ts's `decodeWeights`): XNNPACK packs a
 * matMul's right operand the first time it meets its data (about 12 ns per float here, 5.5 ms
 * for the shipped teacher's 460k weights), so fresh weights for every generation would pay that
 * at every step. A student in training folds its current weights for each generation.
 */
import * as tf from '@tensorflow/tfjs';
import { fold, type FrozenLinear } from './transformer-frozen';

/** x·w + b with w as [1, in, out], the shape wasm's _FusedMatMul kernel multiplies by (no reshape per use). */
export interface DecodeLinear {
  w: tf.Tensor3D;
  b: tf.Tensor1D;
}

export interface DecodeLayer {
  qkv: DecodeLinear;
  out: DecodeLinear;
  mlpIn: DecodeLinear;
  mlpOut: DecodeLinear;
}

export interface DecodeWeights {
  /** The model's own embedding tables (not copies): [vocab, width] and [context, width]. */
  tokens: tf.Tensor2D;
  positions: tf.Tensor2D;
  layers: DecodeLayer[];
  /** The final LayerNorm folded into the head. */
  head: DecodeLinear;
  /** Frees what this made (not the model's tables). */
  dispose(): void;
}

/** The folded weights of a model whose weights are `w(name)`; every new tensor kept. */
export function decodeWeights(w: (name: string) => tf.Tensor, layers: number): DecodeWeights {
  let made!: { layers: DecodeLayer[]; head: DecodeLinear; tensors: tf.Tensor[] };
  // Not tidy's return value (its type wants a plain tensor container): kept by hand instead.
  tf.tidy(() => {
    const plain = (p: string): FrozenLinear => ({
      w: w(`${p}/w`) as tf.Tensor2D,
      b: tf.clone(w(`${p}/b`)) as tf.Tensor1D,
    });
    const as3d = (f: FrozenLinear): DecodeLinear => ({ w: tf.reshape(f.w, [1, ...f.w.shape]), b: f.b });
    const out = {
      layers: Array.from({ length: layers }, (_, l): DecodeLayer => {
        const p = `block${l}`;
        const g = (n: string) => w(`${p}/${n}`);
        return {
          qkv: as3d(fold(g('ln1/gamma'), g('ln1/beta'), g('attn/qkv/w'), g('attn/qkv/b'))),
          out: as3d(plain(`${p}/attn/out`)),
          mlpIn: as3d(fold(g('ln2/gamma'), g('ln2/beta'), g('mlp/in/w'), g('mlp/in/b'))),
          mlpOut: as3d(plain(`${p}/mlp/out`)),
        };
      }),
      head: as3d(fold(w('final/ln/gamma'), w('final/ln/beta'), w('head/w'), w('head/b'))),
    };
    const linears = [...out.layers.flatMap((l) => [l.qkv, l.out, l.mlpIn, l.mlpOut]), out.head];
    const tensors = linears.flatMap((f) => [f.w, f.b]);
    tensors.forEach((t) => tf.keep(t));
    made = { ...out, tensors };
  });
  return {
    tokens: w('embed/tokens') as tf.Tensor2D,
    positions: w('embed/positions') as tf.Tensor2D,
    layers: made.layers,
    head: made.head,
    dispose: () => tf.dispose(made.tensors),
  };
}
