/**
 * The lessons shipped with the app: one JSON file each in ./shipped/, bundled (never fetched),
 * checked by the same schema as an imported lesson (a unit test holds every one to it).
 */
import { parseLesson } from './parse';
import type { Lesson } from './schema';

export interface ShippedLesson {
  /** The file's name without .json: a stable id. */
  id: string;
  lesson: Lesson;
}

const FILES = import.meta.glob<unknown>('./shipped/*.json', { eager: true, import: 'default' });

/** In the files' order (their names start with a number). */
export const SHIPPED_LESSONS: readonly ShippedLesson[] = Object.entries(FILES)
  // Numeric: lesson 10 comes after 9, not after 1.
  .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
  .flatMap(([path, json]) => {
    const r = parseLesson(json);
    // A shipped lesson that does not parse is a bug the unit test reports; the app leaves it out.
    return r.ok ? [{ id: path.replace(/^.*\/|\.json$/g, ''), lesson: r.lesson }] : [];
  });

export type { Lesson } from './schema';
