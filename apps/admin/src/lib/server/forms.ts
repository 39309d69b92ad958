import { parseCount } from '$lib/numbers';

/** Readers for form fields: browsers send every value as a string, and nothing for unchecked boxes. */

/** The trimmed value, or '' when the field is absent. */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** The value exactly as typed (passwords: spaces count). */
export function raw(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** The trimmed value, or null when it is empty (an optional field the operator cleared). */
export function optionalText(form: FormData, name: string): string | null {
  const value = text(form, name);
  return value === '' ? null : value;
}

/** A checkbox: checked means present with any value but "false". */
export function checked(form: FormData, name: string): boolean {
  const value = form.get(name);
  return value !== null && value !== 'false';
}

/** Every non-empty value of a repeated field (checkbox lists, multi-selects). */
export function all(form: FormData, name: string): string[] {
  return form
    .getAll(name)
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** Non-empty lines of a textarea (one item per line; commas also separate). */
export function lines(form: FormData, name: string): string[] {
  return text(form, name)
    .split(/[\n,]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * A whole number typed into a field, plain or grouped as the console displays numbers ("1,000"): null
 * when empty, `undefined` when it is not a whole number ≥ 0 (the caller reports it), the number otherwise.
 */
export function count(form: FormData, name: string): number | null | undefined {
  const value = text(form, name);
  if (value === '') return null;
  return parseCount(value) ?? undefined;
}

/** Every string field of the form, for putting the values back after a failure (passwords excluded). */
export function valuesOf(form: FormData, except: readonly string[] = ['password']): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) {
    if (typeof value === 'string' && !except.includes(key) && !(key in values)) values[key] = value;
  }
  return values;
}
