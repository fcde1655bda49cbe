/**
 * Causal attention as two WebAssembly SIMD functions, emitted for one head width (a multiple
 * of 4: the head's columns are then whole f32x4 vectors, held in locals, the loops over them
 * unrolled). They read q, k, v and write the output straight in the [rows, width] layout the
 * linear layers produce (head h is columns h·hw … h·hw + hw − 1 of each row), so no transpose,
 * no per-head piece and no mask tensor: the causal loops stop at the diagonal, which also skips
 * the half of the products the mask would have zeroed.
 *
 * attend(q, k, v, o, p, batch, steps, heads, rowBytes, scale): per window b, head h, query i,
 *   s_j = scale·q_i·k_j (j ≤ i), P_i = softmax(s), o_i = Σ_j P_ij v_j; P [b, h, i, j] is kept
 *   (zeros above the diagonal) for the gradient.
 * attendGrad(q, k, v, p, dO, dQ, dK, dV, scratch, batch, steps, heads, rowBytes, scale):
 *   dP_ij = dO_i·v_j, D_i = Σ_j P_ij dP_ij (= dO_i·o_i), dS_ij = P_ij (dP_ij − D_i),
 *   dQ_i = scale Σ_j dS_ij k_j, dK_j += scale dS_ij q_i, dV_j += P_ij dO_i.
 * Pointers are byte offsets into the memory; `steps` must be a multiple of 4 too.
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
import { exp4 } from './exp';

import { forEachHeadRow, range } from './attention-heads';

export function attendFunction(headWidth: number): { params: number[]; body: Code } {
  const P = [I32, I32, I32, I32, I32, I32, I32, I32, I32, F32];
  const f = new FunctionBuilder(P as never);
  const [q, k, v, o, p, batch, steps, heads, rowBytes, scale] = ids(P.length);
  const [b, h, i, j, base, rowOff, kj, pj, end4, pbase, hp] = f.locals(I32, 11);
  const [mx, inv, sc] = f.locals(F32, 3);
  const H = headWidth / 4;
  const qv = range(H).map(() => f.local(V128));
  const ov = range(H).map(() => f.local(V128));
  const [acc, tmp, ex, en, sum] = f.locals(V128, 5);
  const ptr = (t: number, off: number) => [...get(t), ...get(off), op.i32Add];

  const scores: Code = [
    ...v128Zero(),
    ...set(acc),
    ...range(H).flatMap((d) => [
      ...get(acc),
      ...get(qv[d]!),
      ...get(kj),
      ...v128Load(16 * d),
      ...f32x4.mul(),
      ...f32x4.add(),
      ...set(acc),
    ]),
    ...get(pj),
    ...get(acc),
    ...hsum(tmp),
    ...f32Store(),
  ];
  // mx = s > mx ? s : mx, s read back after the store (f32.max's NaN rules cost more)
  const track: Code = [
    ...get(pj),
    ...f32Load(),
    ...tee(sc),
    ...get(mx),
    ...get(sc),
    ...get(mx),
    op.f32Gt,
    op.select,
    ...set(mx),
  ];
  const scoreLoop = forRange(j, i32(0), [...get(i), ...i32(1), op.i32Add], 1, [
    ...scores,
    ...track,
    ...bump(kj, get(rowBytes)),
    ...bump(pj, i32(4)),
  ]);
  // p row entries j in (i, end4): −∞ before the exp pass (memory there is stale), 0 after.
  const fill = (value: number) =>
    forRange(j, [...get(i), ...i32(1), op.i32Add], get(end4), 1, [
      ...get(pbase),
      ...get(j),
      ...i32(4),
      op.i32Mul,
      op.i32Add,
      ...f32(value),
      ...f32Store(),
    ]);
  const expLoop = forRange(j, i32(0), get(end4), 4, [
    ...get(pbase),
    ...get(j),
    ...i32(4),
    op.i32Mul,
    op.i32Add,
    ...set(pj),
    ...get(pj),
    ...v128Load(),
    ...get(mx),
    ...f32x4Splat(),
    ...f32x4.sub(),
    ...set(ex),
    ...exp4(ex, en, acc),
    ...set(ex),
    ...get(pj),
    ...get(ex),
    ...v128Store(),
    ...get(sum),
    ...get(ex),
    ...f32x4.add(),
    ...set(sum),
  ]);
  const normLoop = forRange(j, i32(0), get(end4), 4, [
    ...get(pbase),
    ...get(j),
    ...i32(4),
    op.i32Mul,
    op.i32Add,
    ...set(pj),
    ...get(pj),
    ...get(pj),
    ...v128Load(),
    ...get(inv),
    ...f32x4Splat(),
    ...f32x4.mul(),
    ...v128Store(),
  ]);
  const zeroTail = forRange(j, get(end4), get(steps), 4, [
    ...get(pbase),
    ...get(j),
    ...i32(4),
    op.i32Mul,
    op.i32Add,
    ...v128Zero(),
    ...v128Store(),
  ]);
  const pvLoop = forRange(j, i32(0), [...get(i), ...i32(1), op.i32Add], 1, [
    ...get(pj),
    ...f32Load(),
    ...f32x4Splat(),
    ...set(tmp),
    ...range(H).flatMap((d) => [
      ...get(ov[d]!),
      ...get(tmp),
      ...get(kj),
      ...v128Load(16 * d),
      ...f32x4.mul(),
      ...f32x4.add(),
      ...set(ov[d]!),
    ]),
    ...bump(kj, get(rowBytes)),
    ...bump(pj, i32(4)),
  ]);
  const query: Code = [
    // rowOff = base + i·rowBytes; q_i scaled, in locals
    ...get(base),
    ...get(i),
    ...get(rowBytes),
    op.i32Mul,
    op.i32Add,
    ...set(rowOff),
    ...range(H).flatMap((d) => [
      ...ptr(q, rowOff),
      ...v128Load(16 * d),
      ...get(scale),
      ...f32x4Splat(),
      ...f32x4.mul(),
      ...set(qv[d]!),
    ]),
    // pbase = this row of P: the head's block + i·steps·4
    ...get(hp),
    ...get(i),
    ...get(steps),
    op.i32Mul,
    ...i32(4),
    op.i32Mul,
    op.i32Add,
    ...tee(pbase),
    ...set(pj),
    ...f32(-Infinity),
    ...set(mx),
    ...ptr(k, base),
    ...set(kj),
    ...scoreLoop,
    // end4 = (i + 4) & ~3
    ...get(i),
    ...i32(4),
    op.i32Add,
    ...i32(-4),
    op.i32And,
    ...set(end4),
    ...fill(-Infinity),
    ...v128Zero(),
    ...set(sum),
    ...expLoop,
    ...f32(1),
    ...get(sum),
    ...hsum(tmp),
    op.f32Div,
    ...set(inv),
    ...normLoop,
    ...fill(0),
    ...zeroTail,
    ...range(H).flatMap((d) => [...v128Zero(), ...set(ov[d]!)]),
    ...ptr(v, base),
    ...set(kj),
    ...get(pbase),
    ...set(pj),
    ...pvLoop,
    ...range(H).flatMap((d) => [...ptr(o, rowOff), ...get(ov[d]!), ...v128Store(16 * d)]),
  ];
  const body = forEachHeadRow({ b, h, i, batch, steps, heads, rowBytes, p, base, hp }, headWidth, query);
  return { params: P, body: f.encode(body) };
}
