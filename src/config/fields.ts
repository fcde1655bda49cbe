/**
 * Zod field builders with readable messages ("Learning rate must be at most 1"). Every piece of
 * the config schema, the tasks' pieces included, builds its fields with these. No tfjs.
 */
import { z } from './zod';

export const num = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

export const int = (label: string, min: number, max: number) =>
  num(label, min, max).int(`${label} must be a whole number`);

export const oneOf = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `${label} must be one of: ${values.join(', ')}` });
