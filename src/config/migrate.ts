/**
 * Upgrades configs saved or linked by older versions of the studio to CONFIG_VERSION, one
 * version at a time. Pure (no tfjs, no schema parsing): a migration only reshapes the value;
 * validateConfig judges the result afterwards, so a step never has to decide what is valid.
 *
 * Adding version N + 1: bump CONFIG_VERSION in schema.ts and append `{ from: N, to: N + 1, up }`
 * here. Steps must not read today's defaults (DEFAULT_CONFIG, DEFAULT_SCHEDULE...): they
 * describe how version N became N + 1, and that must not change when a later default does.
 */
import { CONFIG_VERSION } from './schema';

type Json = Record<string, unknown>;

export interface Migration {
  from: number;
  to: number;
  /** Reshapes a config of version `from` into version `to`. Must accept garbage without throwing. */
  up(config: Json): Json;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * 1 → 2 (images, schedules, teacher cache): every lane gains the constant schedule and
 * training keeps the teacher cache on, which is what a version-1 run did. Version 1 only had
 * the toy2d task and MLP models, which version 2 still describes the same way.
 */
const v1ToV2: Migration = {
  from: 1,
  to: 2,
  up(c) {
    const lanes = Array.isArray(c.lanes)
      ? c.lanes.map((lane: unknown) =>
          isObject(lane) && !Object.hasOwn(lane, 'schedule')
            ? { ...lane, schedule: { temperature: 'constant', temperatureEnd: 1, warmup: 0 } }
            : lane,
        )
      : c.lanes;
    const train =
      isObject(c.train) && !Object.hasOwn(c.train, 'teacherCache') ? { ...c.train, teacherCache: true } : c.train;
    return { ...c, version: 2, lanes, train };
  },
};

/** Ordered by `from`; each step's `to` is the next one's `from`. */
export const MIGRATIONS: readonly Migration[] = [v1ToV2];

/**
 * Brings `raw` to CONFIG_VERSION if it is an object with an older integer `version`; anything
 * else (current, newer, unversioned, not an object) comes back unchanged for validation to
 * report. `migratedFrom` is the version it started at, set only when a step ran. Never throws.
 */
export function migrateConfig(raw: unknown): { config: unknown; migratedFrom?: number } {
  if (!isObject(raw)) return { config: raw };
  const start = raw.version;
  if (typeof start !== 'number' || !Number.isInteger(start) || start >= CONFIG_VERSION) return { config: raw };
  let config: Json = raw;
  let version = start;
  while (version < CONFIG_VERSION) {
    const step = MIGRATIONS.find((m) => m.from === version);
    // No route from here (a version older than the oldest step) or a step that would not move
    // forward: stop, and let validation name what is wrong.
    if (!step || step.to <= step.from) break;
    try {
      config = step.up(config);
    } catch {
      break;
    }
    version = step.to;
  }
  return version === start ? { config: raw } : { config, migratedFrom: start };
}
