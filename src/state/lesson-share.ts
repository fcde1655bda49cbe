/**
 * Lessons in and out: a link (the first checkpoint's experiment, which any version opens, plus
 * the lesson), a JSON file to download, a file to import, and the lesson a link opens with.
 * Whatever comes in is checked first (lessons/parse.ts); a bad one is a message, and the lesson
 * and experiment in force stay.
 */
import { decodeLessonParam, encodeLessonParam, lessonParamOf, LESSON_PARAM } from '../lessons/lesson-link';
import { parseLessonText } from '../lessons/parse';
import { resolveLesson } from '../lessons/resolve';
import type { Lesson } from '../lessons/schema';
import { encodeLink } from '../share/link';
import { useLessonStore } from './lesson';
import { useLinkStore } from './link';

export type LessonUrl = { ok: true; url: string } | { ok: false; error: string };

/** A link that opens `lesson` (at its first checkpoint's experiment, not yet playing). */
export function lessonUrl(lesson: Lesson): LessonUrl {
  const encoded = encodeLessonParam(lesson);
  if (!encoded.ok) return encoded;
  const first = resolveLesson(lesson).steps[0]!.config;
  return { ok: true, url: `${location.href.split('#')[0]}#${encodeLink(first)}&${LESSON_PARAM}=${encoded.payload}` };
}

/** The file name a lesson downloads as: its title in plain letters. */
export function lessonFileName(lesson: Lesson): string {
  const stem = lesson.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `lesson-${stem || 'untitled'}.json`;
}

export const lessonJson = (lesson: Lesson): string => `${JSON.stringify(lesson, null, 2)}\n`;

/** Opens a lesson file's text in the player (not started); the problems otherwise. */
export function openLessonText(text: string): string[] {
  const r = parseLessonText(text);
  if (!r.ok) return ['This file is not a lesson this studio can play:', ...r.errors];
  useLessonStore.getState().open(r.lesson);
  return [];
}

/**
 * The lesson the page was opened with (`lesson=` in the hash), shown in the player to start; a
 * lesson that cannot be read is said in the link notices and nothing else changes.
 */
export function openLessonFromLocation(): void {
  const param = lessonParamOf(location.hash);
  if (param === null) return;
  const r = decodeLessonParam(param);
  if (!r.ok) {
    useLinkStore.setState((s) => ({ notices: [...s.notices, r.errors.join(' ')] }));
    return;
  }
  useLessonStore.getState().open(r.lesson);
}
