/**
 * The message under a field, in the words the field shows: the schema words its messages with
 * its own labels ("Classes", "Test fraction"), which a link's notice quotes, while the panel
 * may label the same value "Arms" or "Test %" (in percent). A number's broken rule comes with
 * its range (config/number-rules.ts), so the message is made again here with the field's label
 * and units, and says what is wanted when the box is empty or holds no number.
 */
import { ruleMessage, wanted } from '../../config/number-rules';
import type { FieldProblem } from '../../state/config';

const quoted = (text: string) => `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;

/** A decimal comma (0,5): the studio reads decimals with a point, and says so. */
const DECIMAL_COMMA = /^[-+]?\d*,\d+$/;

/** The message for a number field labelled `label`, shown ×`scale` (a fraction in percent: 100). */
export function numberFieldMessage(p: FieldProblem, path: string, label: string, scale = 1): string {
  const b = p.rule;
  if (!b || p.path !== path) return p.message;
  if (b.rule !== 'number') return ruleMessage(b, label, scale);
  const text = p.text?.trim();
  const want = wanted(b.spec, scale);
  if (text === undefined) return ruleMessage(b, label, scale);
  if (text === '') return `${label} is empty: enter ${want}`;
  if (DECIMAL_COMMA.test(text))
    return `${label} must be ${want}, written with a point: ${text.replace(',', '.')}, not ${text}`;
  return `${label} must be ${want}, not ${quoted(text)}`;
}

/**
 * The message for a list of numbers (hidden widths, conv filters): an entry's broken rule is
 * said of the entry, after the field's label ("Hidden widths: a layer width must be at most
 * 512"); a message about the whole list (too many layers) is prefixed with the label too.
 */
export function listFieldMessage(p: FieldProblem, path: string, label: string): string {
  const entry = p.rule && p.path.startsWith(`${path}.`);
  if (!entry && p.path !== path) return p.message;
  const text = entry ? ruleMessage(p.rule!) : p.message;
  if (text.startsWith(label)) return text;
  // "At most 6 hidden layers" → "Hidden widths: at most 6 hidden layers"; an acronym stays.
  return `${label}: ${/^[A-Z](?![A-Z0-9])/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text}`;
}
