/**
 * e^x on f32x4, for our kernels' softmax and sigmoid: Cephes' expf, 2ⁿ·p(r) with
 * n = round(x·log₂e), r = x − n·ln 2 (ln 2 in two parts, so r keeps its low bits) and
 * p(r) = 1 + r + r²·q(r), q of degree 5: about 1 ulp on −86 ≤ x ≤ 88 (x is clamped there;
 * e^−86 ≈ 4e-38 is as good as 0 beside a softmax's largest term 1 or in a sigmoid).
 *
 * Cheap on x64: n is rounded by adding 1.5·2²³ (the float's low bits then hold n, shifted into
 * the exponent field and added to p's bits), and the clamps are pmin/pmax (one instruction,
 * unlike min/max with their NaN rules). `x` is overwritten; `t` and `nf` are scratch locals.
 */
import { type Code, f32x4, f32x4Const, get, i32, i32x4, set } from './wasm-emit';

const MAGIC = 12582912; // 1.5·2²³

export function exp4(x: number, t: number, nf: number): Code {
  const q = [1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
  const r = x; // x becomes r in place
  const code: Code = [
    ...get(x),
    ...f32x4Const(88),
    ...f32x4.pmin(),
    ...f32x4Const(-86),
    ...f32x4.pmax(),
    ...set(x),
    ...get(x),
    ...f32x4Const(Math.LOG2E),
    ...f32x4.mul(),
    ...f32x4Const(MAGIC),
    ...f32x4.add(),
    ...set(t),
    ...get(t),
    ...f32x4Const(MAGIC),
    ...f32x4.sub(),
    ...set(nf),
    ...get(x),
    ...get(nf),
    ...f32x4Const(0.693359375),
    ...f32x4.mul(),
    ...f32x4.sub(),
    ...get(nf),
    ...f32x4Const(-2.1219444e-4),
    ...f32x4.mul(),
    ...f32x4.sub(),
    ...set(r),
    ...f32x4Const(q[0]!),
  ];
  for (const c of q.slice(1)) code.push(...get(r), ...f32x4.mul(), ...f32x4Const(c), ...f32x4.add());
  // p = q·r² + r + 1, then its exponent field + n
  code.push(...get(r), ...f32x4.mul(), ...get(r), ...f32x4.mul(), ...get(r), ...f32x4.add(), ...f32x4Const(1));
  code.push(...f32x4.add(), ...get(t), ...i32(23), ...i32x4.shl(), ...i32x4.add());
  return code;
}
