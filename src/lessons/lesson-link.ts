/**
 * A lesson in a link: `#v=2&c=<its first experiment>&lesson=<payload>`, the payload compressed
 * the way a link's settings are (lz-string, URL-safe). The experiment part opens on its own in
 * any version; the lesson part is bounded and checked like an imported file (parse.ts), so a
 * hostile one is refused with a message and the page keeps what it had.
 */
import LZString from 'lz-string';
import { LINK_LIMITS } from '../share/formats';
import { parseLesson, type ParsedLesson } from './parse';
import type { Lesson } from './schema';

/** The link parameter that carries a lesson. */
export const LESSON_PARAM = 'lesson';

/**
 * The longest payload a lesson link may carry: what the hash limit of every link (share/formats.ts)
 * leaves after a typical experiment part.
 */
export const LESSON_PAYLOAD_CHARS = LINK_LIMITS.hashChars - 2_000;
/** The decompressed JSON (a crafted payload can expand quadratically). */
const LESSON_JSON_CHARS = 60_000;

export type EncodedLesson = { ok: true; payload: string } | { ok: false; error: string };

export function encodeLessonParam(lesson: Lesson): EncodedLesson {
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify(lesson));
  if (payload.length > LESSON_PAYLOAD_CHARS)
    return {
      ok: false,
      error: `This lesson is too long for a link (${payload.length.toLocaleString('en-US')} characters, at most ${LESSON_PAYLOAD_CHARS.toLocaleString('en-US')}); export it as a file instead.`,
    };
  return { ok: true, payload };
}

/** Reads a lesson parameter; never throws. */
export function decodeLessonParam(payload: string): ParsedLesson {
  if (payload.length > LESSON_PAYLOAD_CHARS)
    return { ok: false, errors: [`The lesson in this link is too long (${payload.length} characters).`] };
  let json: string | null;
  try {
    json = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, errors: ['The lesson in this link is damaged (it could not be decompressed).'] };
  if (json.length > LESSON_JSON_CHARS) return { ok: false, errors: ['The lesson in this link is too large.'] };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, errors: ['The lesson in this link is damaged (it is not valid JSON).'] };
  }
  const r = parseLesson(value);
  return r.ok ? r : { ok: false, errors: ['The lesson in this link is not one this studio can play:', ...r.errors] };
}

/** The lesson parameter of a link hash (with or without '#'), if any. */
export function lessonParamOf(hash: string): string | null {
  if (hash.length > LINK_LIMITS.hashChars) return null;
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash).get(LESSON_PARAM);
}
