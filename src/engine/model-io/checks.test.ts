/** The checks on an imported model's declarations, one helper at a time. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from '../../test/tf';
import { checkManifest } from './manifest';
import { weightFileUrl } from './paths';
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

  it('names weight files as they sit beside model.json, and matches picked files by name in any order', () => {
    const checked = checkManifest([
      { paths: ['././a.bin', 'b.bin'], weights: [{ name: 'k', shape: [1], dtype: 'float32' }] },
    ]);
    expect(checked.paths).toEqual(['a.bin', 'b.bin']);
    const a = new ArrayBuffer(1);
    const b = new ArrayBuffer(2);
    const ordered = orderWeightFiles(checked.paths, [
      { name: 'b.bin', bytes: b },
      { name: 'a.bin', bytes: a },
    ]);
    expect(ordered).toEqual([a, b]);
    expect(ordered[0]).toBe(a);
    // "./a.bin" and "a.bin" are one file.
    expect(() => checkManifest([{ paths: ['./a.bin', 'a.bin'], weights: [] }])).toThrow(/lists the file a\.bin twice/);
  });

  it('refuses weight files anywhere but beside model.json', () => {
    for (const path of ['./x/a.bin', '../a.bin', '..', '/etc/passwd', 'C:\\w.bin', '//elsewhere.example/a.bin', './'])
      expect(() => checkManifest([{ paths: [path], weights: [] }]), path).toThrow(/which is not beside model\.json/);
  });

  it('resolves weight files beside the model.json URL only', () => {
    const model = new URL('https://models.example/zoo/mnist/model.json');
    expect(weightFileUrl('./model.weights.bin', model).href).toBe('https://models.example/zoo/mnist/model.weights.bin');
    expect(weightFileUrl('my model.bin', model).href).toBe('https://models.example/zoo/mnist/my%20model.bin');
    // What only a URL parser sees: encoded dots and slashes, another scheme, a query, a fragment.
    for (const path of [
      '%2e%2e',
      '.%2E',
      'a%2Fb.bin',
      'a%5cb.bin',
      'http:w.bin',
      'data:,x',
      '?x=1',
      '#x',
      'javascript:alert(1)',
    ])
      expect(() => weightFileUrl(path, model), path).toThrow(/which is not beside model\.json/);
  });

  it('refuses names every object already has, for weights and for layers', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(() => checkManifest([{ paths: ['a.bin'], weights: [{ name, shape: [1], dtype: 'float32' }] }])).toThrow(
        `The model names a weight “${name}”`,
      );
    const functional = {
      class_name: 'Functional',
      config: {
        name: 'f',
        layers: [{ class_name: 'InputLayer', name: 'in', config: { name: 'in' }, inbound_nodes: [] }],
        input_layers: [['in', 0, 0]],
        output_layers: [['valueOf', 0, 0]],
      },
    };
    expect(() => checkTopology(functional, 10)).toThrow('The model names a layer “valueOf”');
  });
});
