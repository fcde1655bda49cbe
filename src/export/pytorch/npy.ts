/**
 * NumPy's .npy format (version 1.0), written by hand: a magic string, a Python-dict header
 * padded to 64 bytes, then the raw little-endian data. It is 30 lines, the format is frozen,
 * and the npm packages that write it either pull in a whole array library or read only.
 * `numpy.load` reads these files (the export's Python tests do).
 */

export type NpyArray = Float32Array | Int32Array | Uint8Array;

const DESCR: Record<string, string> = { Float32Array: '<f4', Int32Array: '<i4', Uint8Array: '|u1' };

export function npy(data: NpyArray, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new Error(`An array of ${data.length} values cannot have the shape ${shape.join('×')}`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${DESCR[data.constructor.name]}', 'fortran_order': False, 'shape': (${dims}), }`;
  // Magic (6) + version (2) + header length (2) + header + '\n' is a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  // Typed arrays are little-endian on every platform a browser runs on.
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}
