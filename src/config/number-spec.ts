/**
 * The range of the number field at a config path, as the schema holds it (number-rules.ts),
 * found by asking the schema about a value no field accepts (NaN): every number field answers
 * with its rule and range. The control panel reads it for the keyboard a field wants (whole
 * numbers or decimals) without a second list of ranges beside the schema. No tfjs.
 */
import { setIn } from '../lib/path';
import type { NumberSpec } from './number-rules';
import { validateConfig, type ExperimentConfig } from './schema';

export function numberSpecAt(config: ExperimentConfig, path: string): NumberSpec | undefined {
  const r = validateConfig(setIn(config, path, Number.NaN));
  return r.ok ? undefined : r.errors.find((e) => e.path === path && e.rule)?.rule?.spec;
}
