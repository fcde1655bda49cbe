/**
 * Shareable links: an experiment (and how to open it) in the URL hash. Pure: no tfjs, no DOM.
 *
 * Format 2 (current), e.g. the default experiment: `v=2&c=N4XyA`
 *
 *   v=2                   link format (LINK_FORMATS, formats.ts)
 *   c=<payload>           lz-string compressToEncodedURIComponent of the JSON of a flat diff,
 *                         { "dotted.path": value }, against the frozen base experiment of the
 *                         config's task kind (bases.ts); "task.kind" picks the base, toy2d if
 *                         absent. Only fields that differ are stored (diff.ts, diffPaths).
 *   play=1                start training when the link opens
 *   mode=present          presentation: views only, read-only
 *   hide=data,teacher     lesson mode: these control sections are hidden (CONTROL_IDS), and
 *   hide=seed,train.lr    single controls, named by their config path (controlPathKnown)
 *   seed_hide=true        the same for one control or section, as TensorFlow Playground writes it
 *   stamp=0.1.0.42.webgpu.3f2a9c01b7de
 *                         reproducibility stamp: app version (may contain dots), seed, backend
 *                         that ran, and optionally the teacher's weight hash; read from the right
 *
 * Format 1 (assumed for the version-1 app, which had config version 1 and no diffing):
 * `v=1&c=<lz-string compressToEncodedURIComponent of the JSON of the full config>`, with the
 * same optional flags. Its payload is migrated (config/migrate.ts) like any old config.
 *
 * decodeLink never throws and never gives up on a link it can partly read: unknown keys are
 * ignored, invalid fields fall back to defaults, and each change is reported as a plain-text
 * notice (never HTML: the UI renders them as text).
 *
 * This module is the public face of src/share; the work is done in
 *   codec.ts    encodeLink, decodeLink: payload, compression, decoding steps
 *   formats.ts  the link formats (and their frozen bases, bases.ts) and the hostile-input limits
 *   flags.ts    play, mode and the lesson's hidden controls
 *   stamp.ts    the reproducibility stamp
 *   repair.ts   invalid fields back to their defaults, with notices (notices.ts)
 *   diff.ts     flat diffs by dotted path, and reading untrusted JSON safely
 */
export { decodeLink, encodeLink, encodeV1Link, type DecodedLink } from './codec';
export { CONTROL_IDS, controlPathKnown, type ControlId, type LinkFlags } from './flags';
export { LINK_FORMATS, LINK_LIMITS, linkFormatVersion } from './formats';
export type { ReproStamp } from './stamp';
