/** How long ago something happened, in words ("3 hours ago", "yesterday"). Safe to import in the browser. */

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps from the smallest unit up: each applies while the age stays below its limit. */
const STEPS: readonly { unit: Intl.RelativeTimeFormatUnit; size: number; below: number }[] = [
  { unit: 'minute', size: MINUTE, below: HOUR },
  { unit: 'hour', size: HOUR, below: DAY },
  { unit: 'day', size: DAY, below: 30 * DAY },
  { unit: 'month', size: 30 * DAY, below: 365 * DAY },
  { unit: 'year', size: 365 * DAY, below: Number.POSITIVE_INFINITY },
];

/**
 * `value` (an ISO time) relative to `now`: "just now" under a minute, then minutes, hours, days,
 * months and years. Clocks a little ahead of ours still read "just now" rather than "in 2 seconds".
 */
export function timeAgo(value: string, now: number = Date.now()): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return '';
  const age = now - time;
  if (Math.abs(age) < MINUTE) return 'just now';
  const distance = Math.abs(age);
  const step = STEPS.find((candidate) => distance < candidate.below) ?? STEPS[STEPS.length - 1]!;
  const amount = Math.floor(distance / step.size);
  return relative.format(age > 0 ? -amount : amount, step.unit);
}

// UTC on purpose: the server renders first and the browser hydrates, so both must format alike;
// usage buckets are UTC hours and days too.
const exactFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "27 Nov 2026, 14:03:12 UTC". */
export function exactTime(value: string | Date): string {
  return `${exactFormat.format(new Date(value))} UTC`;
}

/** "27 Nov 2026" (UTC). */
export function shortDate(value: string | Date): string {
  return dateFormat.format(new Date(value));
}
