/**
 * The optional expiry of a role grant (issue 18), as the console's grant forms take it and its tables show it.
 * The console shows every time in UTC (see time.ts), so the date-time typed in a grant form is UTC too, and
 * says so. Safe to import in the browser.
 */
import { exactTime } from './time';

/** What an `<input type="datetime-local">` sends: "2026-11-27T14:03", seconds optional. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The expiry a grant form asks for: null when left empty (the grant never expires), else the ISO instant of the
 * UTC date-time typed. Whether it is in the future is the API's to say (its clock decides).
 */
export function expiryFromInput(
  value: string,
): { ok: true; expiresAt: string | null } | { ok: false; message: string } {
  const text = value.trim();
  if (text === '') return { ok: true, expiresAt: null };
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return { ok: false, message: 'Enter a date and time, such as 2026-11-27 14:00 (UTC).' };
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const instant = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  // Date.UTC rolls 30 February over into March (and 24:00 into the next day): what comes back different did not exist.
  const typed = `${text.slice(0, 16)}:${match[6] ?? '00'}`;
  if (Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 19) !== typed) {
    return { ok: false, message: 'That date does not exist.' };
  }
  return { ok: true, expiresAt: instant.toISOString() };
}

/** The console's own check of an Until field before its form is sent (a Field's `check`): the message, or null. */
export function expiryProblem(value: string): string | null {
  const read = expiryFromInput(value);
  return read.ok ? null : read.message;
}

/** "Until 27 Nov 2026, 14:03:00 UTC": how a grant's expiry reads beside it. */
export function expiryLabel(expiresAt: string): string {
  return `Until ${exactTime(expiresAt)}`;
}
