/**
 * The readable flags of a link, next to its payload: `play=1`, `mode=present`, the controls a
 * lesson hides (`hide=data,seed`, or Playground-style `seed_hide=true`) and the
 * reproducibility stamp (stamp.ts). Written by withFlags, read leniently by parseFlags.
 */
import { TASK_DEFAULTS } from '../config/defaults';
import { ALL_TASKS } from '../tasks/registry';
import { PRESETS } from '../config/presets';
import { OBJECTIVES } from '../objectives';
import { DEFAULT_SCHEDULE } from '../objectives/schedule';
import { isObject, joinPath } from './diff';
import { MAX_LANES } from './formats';
import { clip, type Notices } from './notices';
import { formatStamp, parseStamp, type ReproStamp } from './stamp';

/** The control sections a lesson link can hide (the control panel's sections, and the presets). */
export const CONTROL_IDS = ['data', 'teacher', 'student', 'objectives', 'training', 'backend', 'presets'] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

export interface LinkFlags {
  /** Start training as soon as the link opens. */
  play: boolean;
  /** Control sections hidden for a lesson, in CONTROL_IDS order. */
  hide: ControlId[];
  /** Single controls hidden for a lesson, by config path (sorted); absent when none. */
  hideFields?: string[];
  /** Presentation mode: views only, nothing editable. */
  present: boolean;
  stamp?: ReproStamp;
}

/** Most single controls a link can hide (a hostile link could name thousands). */
const MAX_HIDDEN_FIELDS = 40;

let knownPaths: Set<string> | null = null;
/** Every control's config path: leaves of each task's default, every preset and student kind. */
function controlPaths(): Set<string> {
  if (knownPaths) return knownPaths;
  const paths = new Set<string>();
  const walk = (value: unknown, path: string) => {
    if (isObject(value) && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, joinPath(path, k));
    } else if (path && !/^lanes\./.test(path)) paths.add(path);
  };
  for (const c of [...Object.values(TASK_DEFAULTS), ...PRESETS.map((p) => p.config)]) walk(c, '');
  for (const s of ALL_TASKS.flatMap((t) => t.studentPresets)) walk(s.spec, 'student');
  knownPaths = paths;
  return paths;
}

const LANE_FIELD =
  /^lanes\.(\d)\.(objective|teacherTopK|missingProbability|params\.([A-Za-z]\w{0,30})|schedule\.([A-Za-z]\w{0,30}))$/;

/**
 * Whether `path` names a single control a lesson link can hide: a field of some task's config
 * ("seed", "train.lr", "task.noise", "student.window"), or a lane's objective, parameter or
 * schedule field ("lanes.0.params.T").
 */
export function controlPathKnown(path: string): boolean {
  if (path.length > 80) return false;
  const lane = LANE_FIELD.exec(path);
  if (lane) {
    if (Number(lane[1]) >= MAX_LANES) return false;
    if (lane[3]) return OBJECTIVES.some((o) => o.params.some((p) => p.key === lane[3]));
    if (lane[4]) return Object.hasOwn(DEFAULT_SCHEDULE, lane[4]);
    return true;
  }
  return controlPaths().has(path);
}

/** `head` (the link's `v=` and `c=`) followed by the flags that are set. */
export function withFlags(head: string, flags: Partial<LinkFlags>): string {
  // Written by hand, not with URLSearchParams: it would escape the payload's '$' and '+'
  // (both safe in a fragment) and the commas of `hide`, making every link longer.
  const parts = [head];
  if (flags.play) parts.push('play=1');
  if (flags.present) parts.push('mode=present');
  const hide: string[] = CONTROL_IDS.filter((id) => flags.hide?.includes(id));
  const fields = [...new Set(flags.hideFields ?? [])].filter(controlPathKnown).sort();
  if (hide.length || fields.length) parts.push(`hide=${[...hide, ...fields].join(',')}`);
  const stamp = flags.stamp && formatStamp(flags.stamp);
  if (stamp) parts.push(`stamp=${stamp}`);
  return parts.join('&');
}

/** The flags in a link's parameters; each one that cannot be read is left out with a notice. */
export function parseFlags(params: URLSearchParams, notices: Notices): LinkFlags {
  const flags: LinkFlags = { play: false, hide: [], present: false };
  const play = params.get('play');
  if (play !== null) {
    if (play === '1' || play === 'true') flags.play = true;
    else if (play !== '0' && play !== 'false') notices.add(`play=“${clip(play)}” is not 1 or 0; not playing.`);
  }
  const mode = params.get('mode');
  if (mode !== null) {
    if (mode === 'present') flags.present = true;
    else if (mode !== 'edit') notices.add(`Unknown mode “${clip(mode)}”; ignored.`);
  }
  // Sections and single controls, from `hide=a,b` and from Playground-style `a_hide=true`.
  const named: string[] = [];
  const hide = params.get('hide');
  if (hide !== null)
    named.push(
      ...hide
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  let playground = 0;
  for (const [key, value] of params) {
    if (!key.endsWith('_hide') || ++playground > MAX_HIDDEN_FIELDS * 2) continue;
    const name = key.slice(0, -'_hide'.length);
    if (value === 'true' || value === '1') named.push(name);
    else if (value !== 'false' && value !== '0')
      notices.add(`${clip(key)}=“${clip(value)}” is not true or false; that control is not hidden.`);
  }
  if (named.length) {
    const sections = new Set<string>(CONTROL_IDS);
    const unknown = named.filter((id) => !sections.has(id) && !controlPathKnown(id));
    if (unknown.length)
      notices.add(
        `Unknown controls to hide ignored: ${[...new Set(unknown)]
          .slice(0, 5)
          .map((id) => clip(id))
          .join(', ')}.`,
      );
    flags.hide = CONTROL_IDS.filter((id) => named.includes(id));
    const fields = [...new Set(named.filter((id) => !sections.has(id) && controlPathKnown(id)))].sort();
    if (fields.length > MAX_HIDDEN_FIELDS)
      notices.add(`Only the first ${MAX_HIDDEN_FIELDS} of ${fields.length} controls to hide are hidden.`);
    if (fields.length) flags.hideFields = fields.slice(0, MAX_HIDDEN_FIELDS);
  }
  const stamp = params.get('stamp');
  if (stamp !== null) {
    const parsed = parseStamp(stamp);
    if (parsed) flags.stamp = parsed;
    else notices.add(`The reproducibility stamp “${clip(stamp)}” is not readable; ignored.`);
  }
  return flags;
}
