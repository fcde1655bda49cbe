/**
 * LayerNorm over the rows of [rows, width] (width a multiple of 4) in f32x4 passes, forward
 * and gradient, in place of the nine to twelve tfjs kernels of each (means, centring, squares,
 * rsqrt, products, and the γ and β gradients as transposes and ones products).
 *
 * layerNorm(x, g, b, y, n, inv, rows, width, 1/width, affine, ε): n = (x − mean)·inv per row,
 *   inv = 1/√(var + ε) kept per row, and when `affine` ≠ 0, y = n·γ + β (else y is not written:
 *   the frozen teacher folds γ and β into the layers that read n).
 * layerNormGrad(dy, n, inv, g, dx, dg, db, rows, width, 1/width): dn = dy·γ,
 *   dx = inv·(dn − mean(dn) − n·mean(dn·n)); dγ = Σ_rows dy·n, dβ = Σ_rows dy.
 */
import {
  type Code,
  F32,
  FunctionBuilder,
  I32,
  V128,
  bump,
  f32,
  f32Store,
  f32x4,
  f32x4Splat,
  forRange,
  get,
  hsum,
  i32,
  op,
  set,
  v128Load,
  v128Store,
  v128Zero,
} from './wasm-emit';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const load = (p: number, c: number): Code => [...get(p), ...get(c), op.i32Add, ...v128Load()];

export function layerNormFunction(): { params: number[]; body: Code } {
  const params = [I32, I32, I32, I32, I32, I32, I32, I32, F32, I32, F32];
  const f = new FunctionBuilder(params as never);
  const [x, g, b, y, n, inv, rows, width, invWidth, affine, epsilon] = range(params.length);
  const [r, c, rowBytes, xr, nr, yr, ip] = range(7).map(() => f.local(I32));
  const [mean, rs] = [f.local(F32), f.local(F32)];
  const [sum, mv, rv, nv] = range(4).map(() => f.local(V128));
  const perRow: Code = [
    ...v128Zero(),
    ...set(sum),
    ...forRange(c, i32(0), get(rowBytes), 16, [...get(sum), ...load(xr, c), ...f32x4.add(), ...set(sum)]),
    ...get(sum),
    ...hsum(nv),
    ...get(invWidth),
    op.f32Mul,
    ...set(mean),
    ...get(mean),
    ...f32x4Splat(),
    ...set(mv),
    ...v128Zero(),
    ...set(sum),
    ...forRange(c, i32(0), get(rowBytes), 16, [
      ...load(xr, c),
      ...get(mv),
      ...f32x4.sub(),
      ...set(nv),
      ...get(sum),
      ...get(nv),
      ...get(nv),
      ...f32x4.mul(),
      ...f32x4.add(),
      ...set(sum),
    ]),
    ...f32(1),
    ...get(sum),
    ...hsum(nv),
    ...get(invWidth),
    op.f32Mul,
    ...get(epsilon),
    op.f32Add,
    op.f32Sqrt,
    op.f32Div,
    ...set(rs),
    ...get(ip),
    ...get(rs),
    ...f32Store(),
    ...get(rs),
    ...f32x4Splat(),
    ...set(rv),
    ...forRange(c, i32(0), get(rowBytes), 16, [
      ...load(xr, c),
      ...get(mv),
      ...f32x4.sub(),
      ...get(rv),
      ...f32x4.mul(),
      ...set(nv),
      ...get(nr),
      ...get(c),
      op.i32Add,
      ...get(nv),
      ...v128Store(),
      ...get(affine),
      0x04, // if
      0x40,
      ...get(yr),
      ...get(c),
      op.i32Add,
      ...get(nv),
      ...load(g, c),
      ...f32x4.mul(),
      ...load(b, c),
      ...f32x4.add(),
      ...v128Store(),
      0x0b,
    ]),
    ...bump(xr, get(rowBytes)),
    ...bump(nr, get(rowBytes)),
    ...bump(yr, get(rowBytes)),
    ...bump(ip, i32(4)),
  ];
  const body = [
    ...get(width),
    ...i32(4),
    op.i32Mul,
    ...set(rowBytes),
    ...get(x),
    ...set(xr),
    ...get(n),
    ...set(nr),
    ...get(y),
    ...set(yr),
    ...get(inv),
    ...set(ip),
    ...forRange(r, i32(0), get(rows), 1, perRow),
  ];
  return { params, body: f.encode(body) };
}

export function layerNormGradFunction(): { params: number[]; body: Code } {
  const params = [I32, I32, I32, I32, I32, I32, I32, I32, I32, F32];
  const f = new FunctionBuilder(params as never);
  const [dy, n, inv, g, dx, dg, db, rows, width, invWidth] = range(params.length);
  const [r, c, rowBytes, dyr, nr, dxr, ip] = range(7).map(() => f.local(I32));
  const [s1, s2, m1, m2, rv, dn, dyv, nv, tmp] = range(9).map(() => f.local(V128));
  const accumulate = (p: number, value: Code): Code => [
    ...get(p),
    ...get(c),
    op.i32Add,
    ...load(p, c),
    ...value,
    ...f32x4.add(),
    ...v128Store(),
  ];
  const perRow: Code = [
    ...v128Zero(),
    ...set(s1),
    ...v128Zero(),
    ...set(s2),
    ...forRange(c, i32(0), get(rowBytes), 16, [
      ...load(dyr, c),
      ...load(g, c),
      ...f32x4.mul(),
      ...set(dn),
      ...get(s1),
      ...get(dn),
      ...f32x4.add(),
      ...set(s1),
      ...get(s2),
      ...get(dn),
      ...load(nr, c),
      ...f32x4.mul(),
      ...f32x4.add(),
      ...set(s2),
    ]),
    ...get(s1),
    ...hsum(tmp),
    ...get(invWidth),
    op.f32Mul,
    ...f32x4Splat(),
    ...set(m1),
    ...get(s2),
    ...hsum(tmp),
    ...get(invWidth),
    op.f32Mul,
    ...f32x4Splat(),
    ...set(m2),
    ...get(ip),
    0x2a, // f32.load
    2,
    0,
    ...f32x4Splat(),
    ...set(rv),
    ...forRange(c, i32(0), get(rowBytes), 16, [
      ...load(dyr, c),
      ...set(dyv),
      ...load(nr, c),
      ...set(nv),
      ...get(dxr),
      ...get(c),
      op.i32Add,
      ...get(dyv),
      ...load(g, c),
      ...f32x4.mul(),
      ...get(m1),
      ...f32x4.sub(),
      ...get(nv),
      ...get(m2),
      ...f32x4.mul(),
      ...f32x4.sub(),
      ...get(rv),
      ...f32x4.mul(),
      ...v128Store(),
      ...accumulate(dg, [...get(dyv), ...get(nv), ...f32x4.mul()]),
      ...accumulate(db, get(dyv)),
    ]),
    ...bump(dyr, get(rowBytes)),
    ...bump(nr, get(rowBytes)),
    ...bump(dxr, get(rowBytes)),
    ...bump(ip, i32(4)),
  ];
  const body = [
    ...get(width),
    ...i32(4),
    op.i32Mul,
    ...set(rowBytes),
    ...forRange(c, i32(0), get(rowBytes), 16, [
      ...get(dg),
      ...get(c),
      op.i32Add,
      ...v128Zero(),
      ...v128Store(),
      ...get(db),
      ...get(c),
      op.i32Add,
      ...v128Zero(),
      ...v128Store(),
    ]),
    ...get(dy),
    ...set(dyr),
    ...get(n),
    ...set(nr),
    ...get(dx),
    ...set(dxr),
    ...get(inv),
    ...set(ip),
    ...forRange(r, i32(0), get(rows), 1, perRow),
  ];
  return { params, body: f.encode(body) };
}
