/**
 * The plain-text notices a decoded link comes with, and how untrusted text from the link is
 * echoed in them (never HTML: the UI renders them as text).
 */
import { LINK_LIMITS } from './formats';

/** Collects notices, keeping the first few (a hostile link can produce thousands). */
export class Notices {
  readonly list: string[] = [];
  private extra = 0;
  add(text: string) {
    if (this.list.length < LINK_LIMITS.notices) this.list.push(text);
    else this.extra++;
  }
  done(): string[] {
    return this.extra ? [...this.list, `…and ${this.extra} more.`] : this.list;
  }
}

// Control characters and bidirectional overrides could disguise an echoed value.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text for a notice: no control characters, at most `max` characters. */
export function clip(text: string, max = 60): string {
  const t = text.replace(UNSAFE_CHARS, '');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** An untrusted value for a notice, quoted: a string as it is, anything else as JSON. */
export function show(value: unknown): string {
  return `“${typeof value === 'string' ? clip(value, 40) : clip(JSON.stringify(value) ?? String(value), 40)}”`;
}
