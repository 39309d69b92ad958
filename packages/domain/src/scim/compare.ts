import { asciiLower } from '../usage.js';
import { normalizeUsername } from '../usernames.js';
import type { AttributeSpec, CompareOperator, ScimDateTime, ScimLiteral, StringMatching } from './attributes.js';

/**
 * The comparisons of SCIM filters, shared by the in-memory evaluator and the SQL builder (which folds literals
 * with these same functions, and evaluates constant sub-attributes with them), so the two cannot drift apart.
 */

/** The substring operators, whose literal is a fragment rather than a whole value. */
export const SUBSTRING_OPERATORS: ReadonlySet<CompareOperator> = new Set(['co', 'sw', 'ew']);

/**
 * normalizeUsername without the trim: a fragment of a username (`userName sw "ann "`) keeps its spaces, as
 * trimming would widen what it matches. Whole values (eq, ne, gt, …) use normalizeUsername itself.
 */
export function foldUsernameFragment(fragment: string): string {
  return fragment.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().replaceAll('ς', 'σ').normalize('NFKC');
}

/** A stored value in the form it is compared in (username: what username_key holds). */
export function storedForm(matching: StringMatching, value: string): string {
  switch (matching) {
    case 'exact':
      return value;
    case 'ascii-fold':
      return asciiLower(value);
    case 'username':
      return normalizeUsername(value);
  }
}

/** A filter's string literal in the form it is compared in, for the operator at hand. */
export function literalForm(matching: StringMatching, op: CompareOperator, literal: string): string {
  if (matching === 'username' && SUBSTRING_OPERATORS.has(op)) return foldUsernameFragment(literal);
  return storedForm(matching, literal);
}

/**
 * Whether a string value counts as present: RFC 7644's `pr` matches "a non-empty value", and RFC 7643 §2.5
 * treats unassigned and null alike, so '' is absent too, for `pr` and every comparison.
 */
export const isPresentString = (value: string | null | undefined): value is string =>
  value !== null && value !== undefined && value !== '';

/** Orders strings by code point (UTF-8 byte order, PostgreSQL's COLLATE "C"), not by UTF-16 code unit. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrder(x) - codePointOrder(y);
  }
  return a.length - b.length;
}

/** Surrogates (U+D800–DFFF, which encode U+10000 and above) sort after U+E000–FFFF. */
const codePointOrder = (unit: number) => (unit >= 0xd800 ? (unit >= 0xe000 ? unit - 0x800 : unit + 0x2000) : unit);

/** Both sides in compared form, `actual` present. */
export function compareStrings(op: CompareOperator, actual: string, expected: string): boolean {
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'co':
      return actual.includes(expected);
    case 'sw':
      return actual.startsWith(expected);
    case 'ew':
      return actual.endsWith(expected);
    case 'gt':
      return compareCodePoints(actual, expected) > 0;
    case 'ge':
      return compareCodePoints(actual, expected) >= 0;
    case 'lt':
      return compareCodePoints(actual, expected) < 0;
    case 'le':
      return compareCodePoints(actual, expected) <= 0;
  }
}

export function compareBooleans(op: CompareOperator, actual: boolean, expected: boolean): boolean {
  return op === 'eq' ? actual === expected : op === 'ne' ? actual !== expected : false;
}

/** A stored instant (milliseconds, as end_users keeps them) against a literal at microsecond precision. */
export function compareInstants(op: CompareOperator, actualMs: number, expected: ScimDateTime): boolean {
  const order = actualMs !== expected.epochMs ? Math.sign(actualMs - expected.epochMs) : -Math.sign(expected.micros);
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    default:
      return false;
  }
}

/** A comparison of one value of an attribute (null or '' when it has none) with a literal. */
export function compareValue(
  spec: AttributeSpec,
  op: CompareOperator,
  actual: string | boolean | Date | null,
  literal: ScimLiteral,
): boolean {
  if (literal.type === 'string') {
    if (typeof actual !== 'string') return false;
    const matching = spec.matching ?? 'exact';
    // Present in its compared form: a username of spaces normalizes to '', which is no value.
    const stored = storedForm(matching, actual);
    return isPresentString(stored) && compareStrings(op, stored, literalForm(matching, op, literal.value));
  }
  if (literal.type === 'boolean') return typeof actual === 'boolean' && compareBooleans(op, actual, literal.value);
  return actual instanceof Date && compareInstants(op, actual.getTime(), literal.value);
}

/** `pr` on one value. userName's compared form may be empty where the raw name is not (' ' normalizes to ''). */
export function isPresentValue(spec: AttributeSpec, actual: string | boolean | Date | null): boolean {
  if (typeof actual === 'string') return isPresentString(storedForm(spec.matching ?? 'exact', actual));
  return actual !== null;
}
