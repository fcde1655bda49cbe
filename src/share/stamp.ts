/**
 * The reproducibility stamp a link can carry (`stamp=0.1.0.42.webgpu.3f2a9c01b7de`): app version
 * (may contain dots), seed, backend that ran, and optionally the teacher's weight hash, joined
 * by dots and read from the right.
 */

/** What produced a result: enough to tell whether a rerun should match it bit for bit. */
export interface ReproStamp {
  appVersion: string;
  seed: number;
  /** The backend that actually ran ('webgpu', not 'auto'). */
  backend: string;
  /** Hash of the teacher's weights (a shipped or imported teacher). */
  teacherHash?: string;
}

const STAMP_APP = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$/;
const STAMP_SEED = /^(0|[1-9]\d{0,9})$/;
// A backend starts with a letter and a hash has no dots: that keeps the dotted stamp readable
// from the right even though the app version has dots of its own.
const STAMP_BACKEND = /^[a-z][a-z0-9_-]{0,19}$/i;
const STAMP_HASH = /^[0-9A-Za-z_-]{1,64}$/;
/** The largest seed the schema allows; ten digits can say more. */
const MAX_SEED = 2 ** 31 - 1;

/** The stamp's text, or null if a part would not read back (then the link has no stamp). */
export function formatStamp(s: ReproStamp): string | null {
  const seed = String(s.seed);
  const ok =
    STAMP_APP.test(s.appVersion) &&
    STAMP_SEED.test(seed) &&
    s.seed <= MAX_SEED &&
    STAMP_BACKEND.test(s.backend) &&
    (s.teacherHash === undefined || STAMP_HASH.test(s.teacherHash));
  if (!ok) return null;
  // encodeURIComponent only matters for '+', which URLSearchParams would read as a space.
  const parts = [encodeURIComponent(s.appVersion), seed, s.backend];
  if (s.teacherHash !== undefined) parts.push(s.teacherHash);
  return parts.join('.');
}

/** The stamp in `text` (as URLSearchParams decoded it), or null if it is not one. */
export function parseStamp(text: string): ReproStamp | null {
  const t = text.split('.');
  const n = t.length;
  const make = (appParts: string[], seed: string, backend: string, teacherHash?: string): ReproStamp | null => {
    const appVersion = appParts.join('.');
    if (!STAMP_APP.test(appVersion) || Number(seed) > MAX_SEED) return null;
    return { appVersion, seed: Number(seed), backend, ...(teacherHash !== undefined && { teacherHash }) };
  };
  // With a hash, t[n-2] is a backend (starts with a letter); without, it is the seed (digits):
  // at most one reading fits.
  if (n >= 4 && STAMP_SEED.test(t[n - 3]!) && STAMP_BACKEND.test(t[n - 2]!) && STAMP_HASH.test(t[n - 1]!))
    return make(t.slice(0, n - 3), t[n - 3]!, t[n - 2]!, t[n - 1]!);
  if (n >= 3 && STAMP_SEED.test(t[n - 2]!) && STAMP_BACKEND.test(t[n - 1]!))
    return make(t.slice(0, n - 2), t[n - 2]!, t[n - 1]!);
  return null;
}
