/**
 * zod, as every schema here imports it: without its eval fast path, and with its own messages
 * replaced by plain words.
 *
 * zod compiles a parser with `new Function` when it may, and probes whether it may by trying;
 * under the app's Content-Security-Policy (no 'unsafe-eval', security.config.ts) that probe is
 * refused and reported as a violation, in the page and in the worker. Configured before any
 * schema is made, since zod decides per object schema when it is built. Configs are small:
 * nothing measurable is lost.
 *
 * Every field of the config names its own message (config/fields.ts); what is left to zod's
 * default words ("Invalid input: expected object, received undefined") is a section or a list
 * of the wrong kind, which a damaged link or file can hold. A person reads those words in a
 * notice, so they say what was wanted in words instead.
 */
import { z } from 'zod';

const KINDS: Readonly<Record<string, string>> = {
  object: 'a group of settings',
  array: 'a list',
  string: 'words',
  boolean: 'on or off',
  number: 'a number',
  int: 'a whole number',
};

/** A value's kind in words (what the link or file held instead). */
function kindOf(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : 'a number';
  return KINDS[typeof v === 'object' ? 'object' : typeof v] ?? 'another kind of value';
}

/** zod's default message for an issue, in plain words (exported for its test). */
export function plainWords(iss: { code: string; input?: unknown; expected?: string; origin?: string }): string {
  switch (iss.code) {
    case 'invalid_type':
      return `Expected ${KINDS[iss.expected ?? ''] ?? 'another kind of value'}, not ${kindOf(iss.input)}`;
    case 'invalid_value':
    case 'invalid_union':
      return 'Not one of the values this setting takes';
    case 'too_small':
      return iss.origin === 'array' ? 'Too few entries' : iss.origin === 'string' ? 'Too short' : 'Too small';
    case 'too_big':
      return iss.origin === 'array' ? 'Too many entries' : iss.origin === 'string' ? 'Too long' : 'Too large';
    case 'unrecognized_keys':
      return 'Holds settings this version does not know';
    default:
      return 'Not a valid value for this setting';
  }
}

z.config({ jitless: true, customError: (iss) => plainWords(iss) });

export { z };
