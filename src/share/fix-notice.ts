/**
 * How a link's notice says what was repaired: the field named as the control panel labels it
 * (config/field-labels.ts; the dotted path only where the panel shows no field), the value in
 * the units the field shows, why it was refused, and what took its place. "Learning rate:
 * “fast” is not a number from 0.00001 to 10; using 0.02". A number's rule is worded from its
 * range; any other reason follows a dash, never inside brackets (a budget's reason has its own
 * numbers and advice). Untrusted text from the link is clipped and quoted (notices.ts).
 */
import { fieldName, type FieldName } from '../config/field-labels';
import { shownNumber, wanted } from '../config/number-rules';
import type { FieldError } from '../config/schema';
import { clip, show } from './notices';

/** A repair: the value put at `path`, or the entry dropped; `label` names an escalation. */
export type Fix =
  | { path: string; value: unknown; label?: string }
  /** `defaulted`: dropped so that the schema's own default applies (an optional section). */
  | { path: string; drop: true; defaulted?: true };

interface Named {
  text: string;
  scale: number;
  /** A group of settings ("Training settings"): said with "are". */
  group: boolean;
}

/** The field at `path` by its label; an entry of a list by the list's label and its place. */
function nameOf(cfg: unknown, path: string): Named {
  const text = (f: FieldName) => `${f.section ? `${f.section} › ` : ''}${f.label}`;
  const own = fieldName(cfg, path);
  if (own) return { text: text(own), scale: own.scale, group: own.label.endsWith(' settings') };
  const segs = path.split('.');
  const last = segs.at(-1)!;
  const parent = /^\d+$/.test(last) ? fieldName(cfg, segs.slice(0, -1).join('.')) : undefined;
  if (parent) return { text: `${text(parent)}, entry ${Number(last) + 1}`, scale: parent.scale, group: false };
  return { text: clip(path), scale: 1, group: false };
}

/** A value as the field shows it: a number scaled, anything else quoted as the link has it. */
const shownValue = (v: unknown, scale: number) =>
  typeof v === 'number' && Number.isFinite(v) ? `“${shownNumber(v, scale)}”` : show(v);

/** A replacement, if it is short enough to say: a number, a word, a list of numbers. */
function replacement(v: unknown, scale: number): string | null {
  if (typeof v === 'number') return shownNumber(v, scale);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'string') return clip(v);
  if (typeof v !== 'object' || (Array.isArray(v) && !v.some((x) => typeof x === 'object')))
    return clip(JSON.stringify(v), 40);
  return null;
}

/** Why the value was refused, after "is": its broken rule, or the schema's reason after a dash. */
function why(e: FieldError, scale: number): string {
  const b = e.rule;
  if (!b) return `not valid — ${clip(e.message, 120)}`;
  if (b.rule === 'number') return `not ${wanted(b.spec, scale)}`;
  if (b.rule === 'whole') return 'not a whole number';
  return b.rule === 'min' ? `below ${shownNumber(b.spec.min, scale)}` : `above ${shownNumber(b.spec.max, scale)}`;
}

export function fixNotice(cfg: unknown, e: FieldError, before: unknown, fix: Fix, maxLanes: number): string {
  const name = nameOf(cfg, e.path);
  const head =
    before === undefined
      ? `${name.text} ${name.group ? 'are' : 'is'} missing`
      : `${name.text}: ${shownValue(before, name.scale)} is ${why(e, name.scale)}`;
  if ('drop' in fix && !fix.defaulted) return `${head}; ignored`;
  if ('drop' in fix)
    return fix.path === e.path ? `${head}; using its default` : `${head}; without ${nameOf(cfg, fix.path).text}`;
  if (fix.label) return `${head}; using ${clip(fix.label)} instead`;
  if (fix.path === 'lanes' && Array.isArray(before) && before.length > maxLanes)
    return `${before.length} students are too many (at most ${maxLanes}); keeping the first ${maxLanes}`;
  if (fix.path === e.path) {
    const v = replacement(fix.value, name.scale);
    return `${head}; using ${v ?? (name.group ? 'the defaults' : 'the default')}`;
  }
  // A section or a whole list put back: named, and its value said when it is short.
  const whole = nameOf(cfg, fix.path);
  const v = replacement(fix.value, whole.scale);
  return `${head}; using the default ${whole.text}${v === null ? '' : `: ${v}`}`;
}
