/**
 * Zod field builders with readable messages ("Learning rate must be at most 1"). Every piece of
 * the config schema, the tasks' pieces included, builds its fields with these. No tfjs.
 *
 * A number field reports at most one issue, the first rule its value breaks (number-rules.ts),
 * and carries the rule and the field's range in the issue's params: the control panel words
 * its own message from them, with the label it shows, and knows from them which keyboard a
 * field wants. zod's own number checks would report a fraction below the minimum as "at least"
 * before "whole", and their issues carry no label.
 */
import { z } from './zod';
import { brokenRule, ruleMessage, type NumberSpec, type RuleBreak } from './number-rules';

function numberField(spec: NumberSpec) {
  const issue = (b: RuleBreak) => ({ message: ruleMessage(b), params: { numberRule: b } });
  return z
    .custom<number>((v) => brokenRule(v, { ...spec, whole: false, min: -Infinity, max: Infinity }) === null, {
      ...issue({ rule: 'number', spec }),
      abort: true,
    })
    .check((ctx) => {
      const rule = brokenRule(ctx.value, spec);
      if (rule) ctx.issues.push({ code: 'custom', input: ctx.value, ...issue({ rule, spec }) });
    });
}

export const num = (label: string, min: number, max: number) => numberField({ label, min, max, whole: false });

export const int = (label: string, min: number, max: number) => numberField({ label, min, max, whole: true });

export const oneOf = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `${label} must be one of: ${values.join(', ')}` });
