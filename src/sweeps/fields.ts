/**
 * Which settings of an experiment a sweep can vary: its numeric fields (the seed and the
 * budget aside, which every sweep sets itself), named as the control panel names them
 * (config/field-labels.ts). A model's widths are swept one layer at a time. Pure.
 */
import type { ExperimentConfig } from '../config/schema';
import { fieldName, type FieldName } from '../config/field-labels';

export interface SweepField {
  path: string;
  label: string;
  value: number;
  /** Shown ×scale (a fraction in percent), as the panel shows it. */
  scale: number;
}

/** Set by every run, so never an axis; and display-only settings that change nothing a run measures. */
const NOT_SWEPT = new Set(['version', 'seed', 'train.steps', 'train.stepsPerFrame', 'train.evalEvery']);

const WIDTHS = /^(teacher\.model|student)\.(hidden|filters)\.(\d+)$/;

function labelOf(cfg: ExperimentConfig, path: string): FieldName | undefined {
  const widths = WIDTHS.exec(path);
  if (widths) {
    const whole = fieldName(cfg, path.replace(/\.\d+$/, ''));
    if (!whole) return undefined;
    return { ...whole, label: `${whole.label}, layer ${Number(widths[3]) + 1}` };
  }
  return fieldName(cfg, path);
}

function numericLeaves(v: unknown, prefix: string, out: [string, number][]): void {
  if (typeof v === 'number') out.push([prefix, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => numericLeaves(x, `${prefix}.${i}`, out));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) numericLeaves(x, prefix ? `${prefix}.${k}` : k, out);
}

/** Every numeric setting of `cfg` the panel has a label for, in the config's order. */
export function sweepFields(cfg: ExperimentConfig): SweepField[] {
  const leaves: [string, number][] = [];
  numericLeaves(cfg, '', leaves);
  return leaves.flatMap(([path, value]) => {
    if (NOT_SWEPT.has(path)) return [];
    const name = labelOf(cfg, path);
    if (!name) return [];
    return [{ path, value, scale: name.scale, label: name.section ? `${name.section} › ${name.label}` : name.label }];
  });
}
