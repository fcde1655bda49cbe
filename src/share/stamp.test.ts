import { describe, expect, it } from 'vitest';
import { formatStamp, parseStamp, type ReproStamp } from './stamp';

/** The stamp as it comes back out of a link: formatted, then decoded by URLSearchParams. */
const throughLink = (s: ReproStamp) => {
  const text = formatStamp(s);
  return text === null ? null : parseStamp(new URLSearchParams(`stamp=${text}`).get('stamp')!);
};

describe('reproducibility stamp', () => {
  it('writes the parts joined by dots, the app version escaped only for "+"', () => {
    expect(formatStamp({ appVersion: '0.1.0', seed: 42, backend: 'webgpu' })).toBe('0.1.0.42.webgpu');
    expect(formatStamp({ appVersion: '1.2.3+build.5', seed: 0, backend: 'wasm', teacherHash: 'abc_1-2' })).toBe(
      '1.2.3%2Bbuild.5.0.wasm.abc_1-2',
    );
  });

  it('reads it from the right, with or without a teacher hash', () => {
    expect(parseStamp('0.1.0.7.cpu')).toEqual({ appVersion: '0.1.0', seed: 7, backend: 'cpu' });
    expect(parseStamp('1.2.3.42.webgpu.3f2a9c01b7de')).toEqual({
      appVersion: '1.2.3',
      seed: 42,
      backend: 'webgpu',
      teacherHash: '3f2a9c01b7de',
    });
  });

  it('round-trips through a link', () => {
    for (const s of [
      { appVersion: '0.1.0', seed: 42, backend: 'webgpu' },
      { appVersion: '1.2.3-beta.4+build.5', seed: 2 ** 31 - 1, backend: 'wasm', teacherHash: '3f2a9c01b7de' },
      { appVersion: '7', seed: 0, backend: 'cpu', teacherHash: 'x' },
    ])
      expect(throughLink(s)).toEqual(s);
  });

  it('writes no stamp rather than one that would not read back', () => {
    for (const s of [
      { appVersion: '', seed: 42, backend: 'cpu' },
      { appVersion: '.1', seed: 42, backend: 'cpu' },
      { appVersion: '1', seed: -1, backend: 'cpu' },
      { appVersion: '1', seed: 1.5, backend: 'cpu' },
      { appVersion: '1', seed: 2 ** 31, backend: 'cpu' },
      { appVersion: '1', seed: 42, backend: 'web.gpu' },
      { appVersion: '1', seed: 42, backend: '9gpu' },
      { appVersion: '1', seed: 42, backend: 'cpu', teacherHash: 'a.b' },
      { appVersion: '1', seed: 42, backend: 'cpu', teacherHash: '' },
    ])
      expect(formatStamp(s), JSON.stringify(s)).toBeNull();
  });

  it('reads nothing from text that is not a stamp', () => {
    for (const text of ['', 'nope', '42.cpu', '1.x.cpu', '1.042.cpu', '1.2147483648.cpu', '<b>.1.cpu', '1.2.3.4.5'])
      expect(parseStamp(text), text).toBeNull();
  });
});
