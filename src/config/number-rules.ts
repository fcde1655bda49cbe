/**
 * What a numeric field accepts and how a value breaks it, as data. The schema's messages are
 * made from it with the schema's own label (a link's notice quotes them); the control panel
 * makes its message from the same data with the label the field shows and in its units
 * ("Arms must be at most 8", "Test % must be at least 10"), so a message always names the
 * field a person is looking at. No tfjs, no zod.
 */

/** A numeric field's range, and whether it counts (whole numbers only). */
export interface NumberSpec {
  label: string;
  min: number;
  max: number;
  whole: boolean;
}

/**
 * Which rule a value broke, in the order they are checked: not a number at all (missing, text,
 * NaN, infinite), not whole, below the range, above it. A fraction below the minimum is told it
 * must be whole first: "at least 60" for 2.5 would send a person the wrong way.
 */
export type NumberRule = 'number' | 'whole' | 'min' | 'max';

export interface RuleBreak {
  rule: NumberRule;
  spec: NumberSpec;
}

/** The first rule `value` breaks, or null when `spec` accepts it. */
export function brokenRule(value: unknown, spec: NumberSpec): NumberRule | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'number';
  if (spec.whole && !Number.isInteger(value)) return 'whole';
  if (value < spec.min) return 'min';
  if (value > spec.max) return 'max';
  return null;
}

/** A bound in the units a field shows (a fraction shown as a percentage: scale 100), as typed. */
export const shownNumber = (x: number, scale = 1): string => String(+(x * scale).toPrecision(12));

/** What the field wants: "a whole number from 60 to 5000", "a number from 10 to 60". */
export function wanted(spec: NumberSpec, scale = 1): string {
  return `${spec.whole ? 'a whole number' : 'a number'} from ${shownNumber(spec.min, scale)} to ${shownNumber(spec.max, scale)}`;
}

/** The message for a broken rule, naming the field by `label` (the schema's own by default). */
export function ruleMessage(b: RuleBreak, label = b.spec.label, scale = 1): string {
  switch (b.rule) {
    case 'number':
      return `${label} must be ${wanted(b.spec, scale)}`;
    case 'whole':
      return `${label} must be a whole number`;
    case 'min':
      return `${label} must be at least ${shownNumber(b.spec.min, scale)}`;
    case 'max':
      return `${label} must be at most ${shownNumber(b.spec.max, scale)}`;
  }
}

/** A rule break carried in a zod issue's params (fields.ts puts it there), if it is one. */
export function ruleBreakOf(params: unknown): RuleBreak | undefined {
  const b = (params as { numberRule?: RuleBreak } | undefined)?.numberRule;
  return b && typeof b.rule === 'string' && typeof b.spec === 'object' ? b : undefined;
}
