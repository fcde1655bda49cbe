/**
 * A tiny WebAssembly binary emitter: enough of the format (types, one imported memory,
 * functions, exports; LEB128; the i32, f32 and f32x4 instructions our kernels use) to build
 * SIMD kernels from TypeScript at run time, with no toolchain, no download and no binary asset.
 *
 * Code is a flat byte array; the helpers below return the bytes of one instruction or one
 * structured construct, so a kernel reads as nested calls. Opcodes are the core spec's and
 * the SIMD proposal's (0xfd prefix), as V8 ships them.
 */
export type Code = number[];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

export function uleb(n: number): Code {
  const out: Code = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): Code {
  const out: Code = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const utf8 = (s: string): Code => {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
};
const vec = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Code): Code => [id, ...uleb(body.length), ...body];

export const get = (i: number): Code => [0x20, ...uleb(i)];
export const set = (i: number): Code => [0x21, ...uleb(i)];
export const tee = (i: number): Code => [0x22, ...uleb(i)];
export const i32 = (n: number): Code => [0x41, ...sleb(n | 0)];
export const f32 = (x: number): Code => [0x43, ...new Uint8Array(new Float32Array([x]).buffer)];

// Memory access: alignment hint 4 bytes (any address works; the hint only may not exceed natural).
export const f32Load = (offset = 0): Code => [0x2a, 2, ...uleb(offset)];
export const f32Store = (offset = 0): Code => [0x38, 2, ...uleb(offset)];

export const op = {
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32GeS: 0x4e,
  f32Add: 0x92,
  f32Sub: 0x93,
  f32Mul: 0x94,
  f32Div: 0x95,
  f32Max: 0x97,
  f32Gt: 0x5e,
  select: 0x1b,
  f32Sqrt: 0x91,
} as const;

const simd = (code: number, ...imm: number[]): Code => [0xfd, ...uleb(code), ...imm];
export const v128Load = (offset = 0): Code => simd(0x00, 2, ...uleb(offset));
export const v128Store = (offset = 0): Code => simd(0x0b, 2, ...uleb(offset));
export const v128Zero = (): Code => simd(0x0c, ...new Array<number>(16).fill(0));
/** An f32x4 constant of four c (v128.const: no splat at run time). */
export const f32x4Const = (c: number): Code => {
  const lane = [...new Uint8Array(new Float32Array([c]).buffer)];
  return simd(0x0c, ...lane, ...lane, ...lane, ...lane);
};
export const f32x4Splat = (): Code => simd(0x13);
export const f32x4Lane = (lane: number): Code => simd(0x1f, lane);
export const f32x4 = {
  add: () => simd(0xe4),
  sub: () => simd(0xe5),
  mul: () => simd(0xe6),
  div: () => simd(0xe7),
  max: () => simd(0xe9),
  /** b < a ? b : a, lane-wise: one instruction on x64, unlike min's NaN rules. */
  pmin: () => simd(0xea),
  /** a < b ? b : a, lane-wise. */
  pmax: () => simd(0xeb),
  abs: () => simd(0xe0),
  neg: () => simd(0xe1),
  ge: () => simd(0x46),
  nearest: () => simd(0x6a),
  truncSatToI32: () => simd(0xf8),
};
/** i8x16.shuffle by f32 lanes: 0–3 pick a's lanes, 4–7 b's (a, b on the stack). */
export const shuffle32 = (lanes: [number, number, number, number]): Code =>
  simd(0x0d, ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]));
/** (a & mask) | (b & ~mask), the stack holding a, b, mask. */
export const bitselect = (): Code => simd(0x52);
export const i32x4 = { shl: () => simd(0xab), add: () => simd(0xae) };

/** A counted loop: `i` from `from` while i < `to` (re-evaluated each time), by `step`. */
export function forRange(i: number, from: Code, to: Code, step: number, body: Code): Code {
  return [
    ...from,
    ...set(i),
    0x02, // block
    0x40,
    0x03, // loop
    0x40,
    ...get(i),
    ...to,
    op.i32GeS,
    0x0d, // br_if out of the block
    1,
    ...body,
    ...get(i),
    ...i32(step),
    op.i32Add,
    ...set(i),
    0x0c, // br to the loop's start
    0,
    0x0b,
    0x0b,
  ];
}

/** `local += delta` for an i32 local. */
export const bump = (local: number, delta: Code): Code => [...get(local), ...delta, op.i32Add, ...set(local)];

/** The four lanes of the f32x4 on the stack summed, left as an f32. */
export function hsum(tmp: number): Code {
  return [
    ...set(tmp),
    ...get(tmp),
    ...f32x4Lane(0),
    ...get(tmp),
    ...f32x4Lane(1),
    op.f32Add,
    ...get(tmp),
    ...f32x4Lane(2),
    ...get(tmp),
    ...f32x4Lane(3),
    op.f32Add,
    op.f32Add,
  ];
}

/** Indices (params or locals), typed so that destructuring up to 16 of them gives numbers. */
export type Ids = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
/** 0 … n − 1 (a function's params, by position). */
export const ids = (n: number): Ids => Array.from({ length: n }, (_, i) => i) as unknown as Ids;

/** One function: i32/f32 params, no result, its own extra locals, a body. */
export class FunctionBuilder {
  private readonly extra: ValType[] = [];
  constructor(readonly params: ValType[]) {}
  /** A fresh local of `type`; its index follows the params. */
  local(type: ValType): number {
    this.extra.push(type);
    return this.params.length + this.extra.length - 1;
  }
  /** `n` fresh locals of `type`. */
  locals(type: ValType, n: number): Ids {
    return Array.from({ length: n }, () => this.local(type)) as unknown as Ids;
  }
  encode(body: Code): Code {
    const groups = this.extra.map((t) => [1, t]);
    const bytes = [...vec(groups), ...body, 0x0b];
    return [...uleb(bytes.length), ...bytes];
  }
}

/** A module importing `env.memory` and exporting `functions` (name → signature and encoded body). */
export function emitModule(functions: { name: string; params: ValType[]; body: Code }[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  const imports = [[...utf8('env'), ...utf8('memory'), 0x02, 0x00, 1]];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...utf8(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(functions.map((f) => f.body))),
  ];
  return new Uint8Array(bytes);
}
