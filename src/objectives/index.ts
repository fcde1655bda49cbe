/**
 * The objective registry. Adding an objective = writing one module and listing it here; the
 * config schema, the control panel and the trainer all read this list.
 */
import baseline from './baseline';
import hinton from './hinton';
import type { ObjectiveDef } from './types';

export const OBJECTIVES: readonly ObjectiveDef[] = [hinton, baseline];

const byId = new Map(OBJECTIVES.map((o) => [o.id, o]));

export function getObjective(id: string): ObjectiveDef {
  const o = byId.get(id);
  if (!o) throw new Error(`Unknown objective “${id}”`);
  return o;
}

export const hasObjective = (id: string): boolean => byId.has(id);

/** The objective's parameters with every missing one filled from its defaults. */
export function defaultParams(def: ObjectiveDef): Record<string, number> {
  return Object.fromEntries(def.params.map((p) => [p.key, p.default]));
}

export type { ObjectiveDef, ParamSpec } from './types';
