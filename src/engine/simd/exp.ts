/**
 * e^x on f32x4, for our kernels' softmax and sigmoid: Cephes' expf (2ⁿ·p(r) with n = round(x·log₂e),
 * r = x − n·ln 2 in two parts so r keeps its low bits, p(r) = 1 + r + r²·q(r), q of degree 5), for
 * −87.3 ≤ x ≤ 0 (inputs below are clamped: e^x is then ≈ 1e-38, as good as 0 beside a
 * softmax's largest term 1). The argument local is overwritten; `n` is a scratch local.
 */
import { type Code, f32, f32x4, f32x4Splat, get, i32, i32x4, set } from './wasm-emit';

export function exp4(x: number, n: number): Code {
  const poly = [1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
  const splat = (c: number): Code => [...f32(c), ...f32x4Splat()];
  const r = x; // reused: x becomes r in place
  const code: Code = [
    ...get(x),
    ...splat(-87.33654),
    ...f32x4.max(),
    ...set(x),
    ...get(x),
    ...splat(Math.LOG2E),
    ...f32x4.mul(),
    ...f32x4.nearest(),
    ...set(n),
    // r = x − n·C1 − n·C2 (ln 2 in two parts, so r keeps its low bits)
    ...get(x),
    ...get(n),
    ...splat(0.693359375),
    ...f32x4.mul(),
    ...f32x4.sub(),
    ...get(n),
    ...splat(-2.1219444e-4),
    ...f32x4.mul(),
    ...f32x4.sub(),
    ...set(r),
    ...splat(poly[0]!),
  ];
  for (const c of poly.slice(1)) code.push(...get(r), ...f32x4.mul(), ...splat(c), ...f32x4.add());
  // p·r² + r + 1
  code.push(
    ...get(r),
    ...f32x4.mul(),
    ...get(r),
    ...f32x4.mul(),
    ...get(r),
    ...f32x4.add(),
    ...splat(1),
    ...f32x4.add(),
  );
  // · 2ⁿ, built in the exponent bits: (n + 127) << 23
  code.push(...get(n), ...f32x4.truncSatToI32(), ...i32(127), ...i32x4.splat(), ...i32x4.add(), ...i32(23));
  code.push(...i32x4.shl(), ...f32x4.mul());
  return code;
}
