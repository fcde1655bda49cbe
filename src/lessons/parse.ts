/**
 * A lesson from untrusted input (an imported file, a link): bounded, stripped of keys that could
 * reach a prototype, then checked by the schema. A problem is a sentence that says where
 * ("Step 2, question, answer: …"), never zod's own words, and nothing the page holds is touched.
 */
import { DROP, sanitize } from '../share/diff';
import { clip } from '../share/notices';
import { Lesson } from './schema';

export type ParsedLesson = { ok: true; lesson: Lesson } | { ok: false; errors: string[] };

/** A lesson file bigger than this is not a lesson (the shipped ones are 3–6 kB). */
export const LESSON_FILE_CHARS = 100_000;
/** Object and array levels (a lesson needs 6: steps, a step, experiment, patch, a value, a list). */
const DEPTH = 10;
/** Problems listed; the rest are counted. */
const SHOWN = 6;

/** Reads a lesson from JSON text. */
export function parseLessonText(text: string): ParsedLesson {
  if (text.length > LESSON_FILE_CHARS)
    return { ok: false, errors: [`This file is too large to be a lesson (${Math.ceil(text.length / 1000)} kB).`] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['This file is not a lesson: it is not valid JSON.'] };
  }
  return parseLesson(json);
}

/** Checks a lesson already parsed from JSON. */
export function parseLesson(json: unknown): ParsedLesson {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, errors: ['This is not a lesson: a lesson is a group of settings with a title and steps.'] };
  const dropped: string[] = [];
  const clean = sanitize(json, DEPTH, '', (path, why) =>
    dropped.push(`${clip(path)}: ${why === 'forbidden' ? 'not allowed in a lesson' : 'nested too deeply'}`),
  );
  if (clean === DROP || dropped.length) return { ok: false, errors: dropped.slice(0, SHOWN) };
  const r = Lesson.safeParse(clean);
  if (r.success) return { ok: true, lesson: r.data };
  const errors = r.error.issues.map((i) => `${where(i.path)}${i.message}.`);
  const unique = [...new Set(errors)];
  return {
    ok: false,
    errors: unique.length > SHOWN ? [...unique.slice(0, SHOWN), `…and ${unique.length - SHOWN} more.`] : unique,
  };
}

/** "Step 2, question, answer: " for ['steps', 1, 'question', 'answer']. */
function where(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    if (k === 'steps' && typeof path[i + 1] === 'number') {
      parts.push(`Step ${(path[i + 1] as number) + 1}`);
      i++;
    } else if (k === 'choices' && typeof path[i + 1] === 'number') {
      parts.push(`choice ${(path[i + 1] as number) + 1}`);
      i++;
    } else parts.push(clip(String(k), 40));
  }
  return parts.length ? `${parts.join(', ')}: ` : '';
}
