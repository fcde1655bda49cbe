import { describe, expect, it } from 'vitest';
import { parseWidths } from './widths';

const HOW = 'write whole numbers separated by commas, e.g. 32, 16';

describe('a list of widths as typed', () => {
  it('reads commas and spaces, and empty text as no layer', () => {
    expect(parseWidths('48, 48', 'Hidden widths')).toEqual({ ok: true, value: [48, 48] });
    expect(parseWidths(' 32,16 ', 'Hidden widths')).toEqual({ ok: true, value: [32, 16] });
    expect(parseWidths('32 16', 'Hidden widths')).toEqual({ ok: true, value: [32, 16] });
    expect(parseWidths('  ', 'Hidden widths')).toEqual({ ok: true, value: [] });
  });

  it('refuses an empty place between commas instead of dropping it (issue 16, item 7)', () => {
    expect(parseWidths('48,,48', 'Hidden widths')).toEqual({
      ok: false,
      message: `Hidden widths: “48,,48” has nothing between two commas; ${HOW}`,
    });
    expect(parseWidths('48,', 'Conv filters')).toEqual({
      ok: false,
      message: `Conv filters: “48,” ends with a comma; ${HOW}`,
    });
    expect(parseWidths(',48', 'Hidden widths')).toMatchObject({ ok: false, message: /starts with a comma/ });
  });

  it('names an entry that is not a whole number', () => {
    expect(parseWidths('48, 4.5', 'Dense widths')).toEqual({
      ok: false,
      message: `Dense widths: “4.5” is not a whole number; ${HOW}`,
    });
    expect(parseWidths('48; 48', 'Hidden widths')).toMatchObject({ ok: false, message: /“48;” is not a whole number/ });
  });
});
