/**
 * What a link's diff is applied to. A link stores only the fields that differ from a base
 * experiment, so the base is part of the link format: if links were diffed against the live
 * DEFAULT_CONFIG, changing a default (say the learning rate) would silently change every
 * experiment already shared. So each link format freezes its bases, as plain data (each task's in its folder).
 *
 * - Changing a default in config/defaults.ts needs nothing here: old and new links keep
 *   decoding against these values, new links just grow by the changed fields. To make them
 *   short again, add a new link format with new bases (formats.ts, LINK_FORMATS).
 * - A new task kind needs its default experiment frozen in its folder (link-base.ts, a copy of
 *   its defaults as data) and named here; a test fails until it is.
 * - A new config version needs a new link format: these are version-2 experiments, and a
 *   link's diff is applied to its own version's base before it is migrated.
 */

import type { JsonObject } from '../lib/json';
import { IMAGEFOLDER_BASE_V2 } from '../tasks/imagefolder/link-base';
import { IMAGES_BASE_V2 } from '../tasks/images/link-base';
import { ORACLE_BASE_V2 } from '../tasks/oracle/link-base';
import { TABLE_BASE_V2 } from '../tasks/table/link-base';
import { TEXT_BASE_V2 } from '../tasks/text/link-base';
import { TEXTFILE_BASE_V2 } from '../tasks/textfile/link-base';
import { TOY2D_BASE_V2 } from '../tasks/toy2d/link-base';

export type { JsonObject } from '../lib/json';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Each task's default experiment as it was when link format 2 was made (config version 2; the
 * text and table tasks joined version 2 before any link to them existed), by task kind.
 */
export const BASES_V2: Readonly<Record<string, JsonObject>> = deepFreeze({
  toy2d: TOY2D_BASE_V2,
  images: IMAGES_BASE_V2,
  text: TEXT_BASE_V2,
  table: TABLE_BASE_V2,
  imagefolder: IMAGEFOLDER_BASE_V2,
  textfile: TEXTFILE_BASE_V2,
  oracle: ORACLE_BASE_V2,
});
