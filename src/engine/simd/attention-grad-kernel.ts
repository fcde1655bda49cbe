/**
 * The gradient of attention-kernels.ts's `attend`, emitted for one head width (see there for
 * the layout and the maths). Two causal passes per query row i: dP_ij = dO_i·v_j into a
 * scratch row and D_i = Σ_j P_ij dP_ij, then dS_ij = P_ij (dP_ij − D_i) spread into dQ_i
 * (accumulated in locals), dK_j and dV_j (accumulated in memory, zeroed first).
 */
import {
  type Code,
  F32,
  FunctionBuilder,
  I32,
  V128,
  bump,
  f32,
  f32Load,
  f32Store,
  f32x4,
  f32x4Splat,
  forRange,
  get,
  hsum,
  i32,
  op,
  set,
  tee,
  v128Load,
  v128Store,
  v128Zero,
  ids,
} from './wasm-emit';

import { forEachHeadRow, range } from './attention-heads';

export function attendGradFunction(headWidth: number): { params: number[]; body: Code } {
  const P = [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F32];
  const f = new FunctionBuilder(P as never);
  const [q, k, v, p, dO, dQ, dK, dV, scratch, batch, steps, heads, rowBytes, scale] = ids(P.length);
  const [b, h, i, j, t, base, rowOff, hp, prow, vj, kj, dkj, dvj, pj, sj] = f.locals(I32, 15);
  const [D, pf] = [f.local(F32), f.local(F32)];
  const H = headWidth / 4;
  const qv = range(H).map(() => f.local(V128));
  const dov = range(H).map(() => f.local(V128));
  const dq = range(H).map(() => f.local(V128));
  const [acc, tmp, ws, wp] = f.locals(V128, 4);
  const add = (x: number, y: number): Code => [...get(x), ...get(y), op.i32Add];
  const throughDiagonal: Code = [...get(i), ...i32(1), op.i32Add];

  const zero = forRange(t, i32(0), [...get(batch), ...get(steps), op.i32Mul, ...get(rowBytes), op.i32Mul], 16, [
    ...add(dK, t),
    ...v128Zero(),
    ...v128Store(),
    ...add(dV, t),
    ...v128Zero(),
    ...v128Store(),
  ]);
  const first = forRange(j, i32(0), throughDiagonal, 1, [
    ...v128Zero(),
    ...set(acc),
    ...range(H).flatMap((d) => [
      ...get(acc),
      ...get(dov[d]!),
      ...get(vj),
      ...v128Load(16 * d),
      ...f32x4.mul(),
      ...f32x4.add(),
      ...set(acc),
    ]),
    ...get(sj),
    ...get(acc),
    ...hsum(tmp),
    ...f32Store(),
    ...get(D),
    ...get(pj),
    ...f32Load(),
    ...get(sj),
    ...f32Load(),
    op.f32Mul,
    op.f32Add,
    ...set(D),
    ...bump(vj, get(rowBytes)),
    ...bump(pj, i32(4)),
    ...bump(sj, i32(4)),
  ]);
  const rmw = (ptr: number, d: number, w: number, x: number): Code => [
    ...get(ptr),
    ...get(ptr),
    ...v128Load(16 * d),
    ...get(w),
    ...get(x),
    ...f32x4.mul(),
    ...f32x4.add(),
    ...v128Store(16 * d),
  ];
  const second = forRange(j, i32(0), throughDiagonal, 1, [
    ...get(pj),
    ...f32Load(),
    ...tee(pf),
    ...f32x4Splat(),
    ...set(wp),
    ...get(pf),
    ...get(sj),
    ...f32Load(),
    ...get(D),
    op.f32Sub,
    op.f32Mul,
    ...f32x4Splat(),
    ...set(ws),
    ...range(H).flatMap((d) => [
      ...get(dq[d]!),
      ...get(ws),
      ...get(kj),
      ...v128Load(16 * d),
      ...f32x4.mul(),
      ...f32x4.add(),
      ...set(dq[d]!),
      ...rmw(dkj, d, ws, qv[d]!),
      ...rmw(dvj, d, wp, dov[d]!),
    ]),
    ...bump(kj, get(rowBytes)),
    ...bump(dkj, get(rowBytes)),
    ...bump(dvj, get(rowBytes)),
    ...bump(pj, i32(4)),
    ...bump(sj, i32(4)),
  ]);
  const query: Code = [
    ...get(base),
    ...get(i),
    ...get(rowBytes),
    op.i32Mul,
    op.i32Add,
    ...set(rowOff),
    // q_i scaled (dK_j = scale Σ dS_ij q_i), dO_i, in locals
    ...range(H).flatMap((d) => [
      ...add(q, rowOff),
      ...v128Load(16 * d),
      ...get(scale),
      ...f32x4Splat(),
      ...f32x4.mul(),
      ...set(qv[d]!),
    ]),
    ...range(H).flatMap((d) => [...add(dO, rowOff), ...v128Load(16 * d), ...set(dov[d]!)]),
    ...get(hp),
    ...get(i),
    ...get(steps),
    op.i32Mul,
    ...i32(4),
    op.i32Mul,
    op.i32Add,
    ...set(prow),
    ...f32(0),
    ...set(D),
    ...add(v, base),
    ...set(vj),
    ...get(prow),
    ...set(pj),
    ...get(scratch),
    ...set(sj),
    ...first,
    ...range(H).flatMap((d) => [...v128Zero(), ...set(dq[d]!)]),
    ...add(k, base),
    ...set(kj),
    ...add(dK, base),
    ...set(dkj),
    ...add(dV, base),
    ...set(dvj),
    ...get(prow),
    ...set(pj),
    ...get(scratch),
    ...set(sj),
    ...second,
    ...range(H).flatMap((d) => [
      ...add(dQ, rowOff),
      ...get(dq[d]!),
      ...get(scale),
      ...f32x4Splat(),
      ...f32x4.mul(),
      ...v128Store(16 * d),
    ]),
  ];
  const body = [...zero, ...forEachHeadRow({ b, h, i, batch, steps, heads, rowBytes, p, base, hp }, headWidth, query)];
  return { params: P, body: f.encode(body) };
}
