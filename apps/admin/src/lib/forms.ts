/**
 * What form actions hand back to pages (see $lib/server/pages.ts), and how a page finds the part
 * meant for one of its forms. Safe to import in the browser.
 */

/** A failed form: the message to show beside it, messages per field, the values to put back. */
export interface FormFailure {
  form: string;
  message: string;
  fieldErrors: Readonly<Record<string, string>>;
  values: Readonly<Record<string, string>>;
}

/** A successful form: the layout shows `notice` as a toast. */
export interface FormSuccess {
  form: string;
  notice: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The failure of the form named `id`, if the last action was that form and it failed. */
export function failureOf(result: unknown, id: string): FormFailure | null {
  if (!isRecord(result) || result.form !== id || typeof result.message !== 'string') return null;
  return result as unknown as FormFailure;
}

/** The success notice of any form, for the toaster. */
export function noticeOf(result: unknown): string | null {
  return isRecord(result) && typeof result.notice === 'string' ? result.notice : null;
}

/** A value to show in a field: what was typed before a failure, else the stored value. */
export function valueOf(failure: FormFailure | null, name: string, stored: string | null | undefined = ''): string {
  return failure?.values[name] ?? stored ?? '';
}

/** The API's field messages are fragments ("must be a valid email address"); shown under a field they read as sentences. */
export function asSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?:]$/.test(text) ? text : `${text}.`;
}

/**
 * The message for a field holding a list (ticked events, tenants): the API names the item at fault
 * ("tenantIds.2"), while the form shows one message at the whole list.
 */
export function listFieldError(fieldErrors: Readonly<Record<string, string>>, name: string): string | undefined {
  if (fieldErrors[name] !== undefined) return fieldErrors[name];
  const item = Object.keys(fieldErrors).find((field) => field.startsWith(`${name}.`));
  return item === undefined ? undefined : fieldErrors[item];
}
