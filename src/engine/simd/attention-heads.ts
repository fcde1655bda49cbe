/**
 * What the attention kernels' forward (attention-kernels.ts) and backward (attention-grad-kernel.ts)
 * share: the loop over windows and heads that finds where a head's columns and its block of the
 * probabilities P start, so both read the [rows, width] layout the same way.
 */
import { type Code, forRange, get, i32, op, set } from './wasm-emit';

export const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Local (and parameter) indices of the kernel that the head loop reads and sets. */
export interface HeadLocals {
  /** Loop counters: window, head, query row. */
  b: number;
  h: number;
  i: number;
  /** Parameters: windows, rows per window, heads, bytes per row, P's pointer. */
  batch: number;
  steps: number;
  heads: number;
  rowBytes: number;
  p: number;
  /** Set for each head: its first column's byte offset, and its block of P. */
  base: number;
  hp: number;
}

/**
 * For each window b and head h: base = b·steps·rowBytes + h·headWidth·4 and
 * hp = p + ((b·heads + h)·steps²)·4, then `query` for each row i of the window.
 */
export function forEachHeadRow(l: HeadLocals, headWidth: number, query: Code): Code {
  const { b, h, i, batch, steps, heads, rowBytes, p, base, hp } = l;
  const perHead: Code = [
    ...get(b),
    ...get(steps),
    op.i32Mul,
    ...get(rowBytes),
    op.i32Mul,
    ...get(h),
    ...i32(headWidth * 4),
    op.i32Mul,
    op.i32Add,
    ...set(base),
    ...get(p),
    ...get(b),
    ...get(heads),
    op.i32Mul,
    ...get(h),
    op.i32Add,
    ...get(steps),
    op.i32Mul,
    ...get(steps),
    op.i32Mul,
    ...i32(4),
    op.i32Mul,
    op.i32Add,
    ...set(hp),
    ...forRange(i, i32(0), get(steps), 1, query),
  ];
  return forRange(b, i32(0), get(batch), 1, forRange(h, i32(0), get(heads), 1, perHead));
}
