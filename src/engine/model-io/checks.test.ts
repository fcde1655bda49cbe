/** The checks on an imported model's declarations, one helper at a time. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from '../../test/tf';
import { checkManifest } from './manifest';
import { checkTopology } from './topology';
import { checkManifestBytes, orderWeightFiles } from './weight-files';

beforeAll(useCpu);

describe('manifest helpers', () => {
  const manifest = [
    {
      paths: ['a.bin', 'b.bin'],
      weights: [
        { name: 'k', shape: [3, 4], dtype: 'float32' },
        { name: 'q', shape: [10], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } },
      ],
    },
    { paths: ['c.bin'], weights: [{ name: 'm', shape: [2], dtype: 'bool' }] },
  ];

  it('counts parameters and bytes from the declarations (quantized weights at their stored size)', () => {
    const checked = checkManifest(manifest);
    expect(checked.params).toBe(12 + 10 + 2);
    expect(checked.groups).toEqual([
      { paths: ['a.bin', 'b.bin'], bytes: 48 + 10 },
      { paths: ['c.bin'], bytes: 2 },
    ]);
    expect(() => checkManifestBytes(checked, [50, 8, 2])).not.toThrow();
    expect(() => checkManifestBytes(checked, [50, 8, 3])).toThrow(/^c\.bin is too long/);
  });

  it('rejects an unknown quantization type and a malformed group', () => {
    expect(() =>
      checkManifest([
        { paths: ['a.bin'], weights: [{ name: 'k', shape: [1], dtype: 'float32', quantization: { dtype: 'int4' } }] },
      ]),
    ).toThrow(/^Weight k is quantized as "int4", which TensorFlow\.js cannot decode/);
    expect(() => checkManifest([{ paths: 'a.bin', weights: [] }])).toThrow(/group 1 should have a list of paths/);
    // Names that every object "has" are not dtypes or layers.
    expect(() =>
      checkManifest([{ paths: ['a.bin'], weights: [{ name: 'k', shape: [1], dtype: 'toString' }] }]),
    ).toThrow(/has dtype "toString", which KD Studio cannot load/);
    expect(() => checkTopology({ class_name: 'constructor', config: {} }, 10)).toThrow(/does not know: constructor/);
    expect(() => checkManifest({})).toThrow(/should be a list of weight groups, but it is an object/);
  });

  it('matches named files by base name and in any order', () => {
    const a = new ArrayBuffer(1);
    const b = new ArrayBuffer(2);
    const ordered = orderWeightFiles(
      ['./x/a.bin', 'b.bin'],
      [
        { name: 'b.bin', bytes: b },
        { name: 'a.bin', bytes: a },
      ],
    );
    expect(ordered).toEqual([a, b]);
    expect(ordered[0]).toBe(a);
  });
});
