/**
 * Repair of a decoded config: every invalid field goes back to its default, with a notice
 * naming it. A default that is itself what is invalid (an objective the models cannot run)
 * escalates: a lane takes the first objective that validates.
 */
import { DEFAULT_CONFIG, TASK_DEFAULTS, laneFor } from '../config/defaults';
import { isTaskKind } from '../tasks/registry';
import { validateConfig, type ExperimentConfig, type FieldError } from '../config/schema';
import { deepEqual } from '../lib/equal';
import { OBJECTIVES, defaultParams, getObjective, hasObjective } from '../objectives';
import { DEFAULT_SCHEDULE } from '../objectives/schedule';
import { deletePath, isObject, isUnder, ownChild, ownGet, setPath, type Obj } from './diff';
import { LINK_LIMITS, MAX_LANES } from './formats';
import { fixNotice, type Fix } from './fix-notice';
import type { Notices } from './notices';

/**
 * Validates `cfg` (edited in place: it is the decoder's own copy), replacing each invalid field
 * by its default and validating again (fixing one field can reveal another: the schema's
 * cross-field checks run only once the types are right). After a bounded number of rounds, the
 * task's default experiment.
 */
export function repair(cfg: unknown, notices: Notices): { config: ExperimentConfig; touched: string[] } {
  const touched: string[] = [];
  // The same repair is reported once, however many rounds it takes.
  const said = new Set<string>();
  const note = (text: string) => {
    if (said.has(text)) return;
    said.add(text);
    notices.add(text);
  };
  for (let round = 0; round < LINK_LIMITS.repairRounds && isObject(cfg); round++) {
    const result = validateConfig(cfg);
    if (result.ok) return { config: result.config, touched };
    const defaults = defaultsFor(cfg);
    const done: string[] = [];
    // Outer fields first, so that a replaced section settles the errors inside it.
    const errors = uniqueByPath(result.errors).sort((a, b) => depthOf(a.path) - depthOf(b.path));
    for (const e of errors) {
      if (done.some((d) => isUnder(e.path, d))) continue;
      let fix = fixFor(cfg, e.path, defaults);
      // A default equal to what is there cannot be the fix: the value is fine alone and wrong in
      // this combination (Hinton KD, the default, with a student vocabulary of its own); nor can
      // a lane's default that would be refused in the same place. Escalate.
      if (fix && !('drop' in fix) && (deepEqual(ownGet(cfg, fix.path), fix.value) || stillInvalid(cfg, fix, e.path)))
        fix = escalate(cfg, e.path, defaults);
      if (!fix || fix.path === '') continue;
      const before = ownGet(cfg, e.path);
      const changed = 'drop' in fix ? deletePath(cfg, fix.path) : setPath(cfg, fix.path, structuredClone(fix.value));
      if (!changed) continue;
      note(fixNotice(cfg, e, before, fix, MAX_LANES));
      done.push(fix.path);
    }
    touched.push(...done);
    if (!done.length) break;
  }
  const kind = isObject(cfg) ? ownGet(cfg, 'task.kind') : undefined;
  note('The settings in this link could not be repaired; showing the default experiment instead.');
  return { config: structuredClone(defaultsByKind(kind)), touched: [''] };
}

/** Today's default experiment of task kind `kind`; the default task's when `kind` is not one. */
export const defaultsByKind = (kind: unknown): ExperimentConfig =>
  isTaskKind(kind) ? TASK_DEFAULTS[kind] : DEFAULT_CONFIG;

/** Repairs use today's defaults (always valid under today's schema), not the link's base. */
const defaultsFor = (cfg: Obj): ExperimentConfig => defaultsByKind(ownGet(cfg, 'task.kind'));

/**
 * What to put at an invalid `path`: the default's value there; for a lane, the defaults of the
 * lane's own objective; for a union's `kind`, the default of the whole object (its other fields
 * belong to the kind); for an element of a list of numbers, the default list. Where the default
 * has no such path, the nearest enclosing one that it has; an unknown objective parameter is
 * dropped.
 */
function fixFor(cfg: Obj, path: string, defaults: ExperimentConfig): Fix | null {
  const segs = path === '' ? [] : path.split('.');
  if (segs[0] === 'lanes') {
    const lanes = ownChild(cfg, 'lanes');
    const defaultLane = (i: string) => defaults.lanes[Number(i)] ?? defaults.lanes[0]!;
    if (segs.length === 1)
      return Array.isArray(lanes) && lanes.length > MAX_LANES
        ? { path, value: lanes.slice(0, MAX_LANES) }
        : { path, value: defaults.lanes };
    const i = segs[1]!;
    if (segs.length === 2) return { path, value: defaultLane(i) };
    const lane = ownChild(lanes, i);
    const field = segs[2];
    if (field === 'objective') return { path, value: defaultLane(i).objective };
    if (field === 'params') {
      const id = ownChild(lane, 'objective');
      const def = typeof id === 'string' && hasObjective(id) ? getObjective(id) : null;
      if (segs.length === 3) return { path, value: def ? defaultParams(def) : {} };
      const spec = def?.params.find((p) => p.key === segs[3]);
      const paramPath = segs.slice(0, 4).join('.');
      return spec ? { path: paramPath, value: spec.default } : { path: paramPath, drop: true };
    }
    // A bad top-k field is dropped: the lane then learns from the whole distribution.
    if (field === 'teacherTopK' || field === 'missingProbability')
      return { path: segs.slice(0, 3).join('.'), drop: true };
    if (field === 'schedule') {
      if (segs.length === 3) return { path, value: DEFAULT_SCHEDULE };
      const key = segs[3]!;
      if (Object.hasOwn(DEFAULT_SCHEDULE, key))
        return { path: segs.slice(0, 4).join('.'), value: DEFAULT_SCHEDULE[key as keyof typeof DEFAULT_SCHEDULE] };
    }
  }
  let p = segs;
  if (p.length > 1 && p.at(-1) === 'kind') p = p.slice(0, -1);
  while (p.length > 1 && Array.isArray(ownGet(cfg, p.slice(0, -1).join('.')))) p = p.slice(0, -1);
  return optionalSection(cfg, p, defaults) ?? nearestDefault(defaults, p);
}

/**
 * A field the default experiment does not have (one of an optional section, such as a text
 * task's teacher-output pool, absent by default): removed, so that the schema's own default for
 * it applies, or else its section removed, when the rest of their parent is valid without it.
 * Null otherwise (a field of another kind of model than the default's, which its parent cannot
 * do without): the nearest default then replaces it.
 */
function optionalSection(cfg: Obj, segs: string[], defaults: ExperimentConfig): Fix | null {
  if (ownGet(defaults, segs.join('.')) !== undefined) return null;
  for (let i = segs.length - 1; i >= 1; i--) {
    const path = segs.slice(0, i + 1).join('.');
    const parent = segs.slice(0, i).join('.');
    if (ownGet(cfg, path) === undefined) return null;
    const trial = structuredClone(cfg);
    deletePath(trial, path);
    const r = validateConfig(trial);
    if (r.ok || !r.errors.some((x) => isUnder(x.path, parent))) return { path, drop: true, defaulted: true };
    if (ownGet(defaults, parent) !== undefined) return null;
  }
  return null;
}

/**
 * The default at `segs` or, where the default has no such path, at the nearest enclosing one
 * that it has. Given `unlike`, only a default that differs from what `unlike` has there.
 */
function nearestDefault(defaults: ExperimentConfig, segs: string[], unlike?: Obj): Fix | null {
  for (let p = segs; p.length > 0; p = p.slice(0, -1)) {
    const path = p.join('.');
    const value = ownGet(defaults, path);
    if (value !== undefined && !(unlike && deepEqual(ownGet(unlike, path), value))) return { path, value };
  }
  return null;
}

/** How `cfg` would validate with `value` at `path`, tried on a copy. */
function validateWith(cfg: Obj, path: string, value: unknown): ReturnType<typeof validateConfig> {
  const trial = structuredClone(cfg);
  setPath(trial, path, structuredClone(value));
  return validateConfig(trial);
}

/**
 * Objectives in the order a repair tries them for a lane whose objective cannot run with these
 * models: those that distil the teacher's outputs (registry order), then feature matching, then
 * labels only.
 */
const REPAIR_OBJECTIVES = [...OBJECTIVES].sort(
  (a, b) =>
    Number(!a.needs.teacher) * 2 +
    Number(!!a.needs.features) -
    (Number(!b.needs.teacher) * 2 + Number(!!b.needs.features)),
);

/** Whether a lane's fix would leave the same field invalid (checked for lanes only: cheap enough). */
function stillInvalid(cfg: Obj, fix: Extract<Fix, { value: unknown }>, path: string): boolean {
  if (!path.startsWith('lanes.')) return false;
  const r = validateWith(cfg, fix.path, fix.value);
  return !r.ok && r.errors.some((x) => x.path === path);
}

/**
 * When the default at an invalid path is what is already there. For a lane: the first
 * objective (REPAIR_OBJECTIVES) with which the lane validates, with its default parameters and
 * schedule. Elsewhere: the default of the nearest enclosing section that differs.
 */
function escalate(cfg: Obj, path: string, defaults: ExperimentConfig): Fix | null {
  const segs = path.split('.');
  if (segs[0] === 'lanes' && segs.length >= 2 && /^\d+$/.test(segs[1]!)) {
    const lanePath = `lanes.${segs[1]}`;
    const current = ownGet(cfg, lanePath);
    for (const o of REPAIR_OBJECTIVES) {
      const lane = laneFor(o.id);
      if (deepEqual(current, lane)) continue;
      const r = validateWith(cfg, lanePath, lane);
      if (r.ok || !r.errors.some((x) => isUnder(x.path, lanePath)))
        return { path: lanePath, value: lane, label: o.name };
    }
    return null;
  }
  return nearestDefault(defaults, segs.slice(0, -1), cfg);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const depthOf = (path: string) => (path === '' ? 0 : path.split('.').length);

function uniqueByPath(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.path) && seen.add(e.path));
}
