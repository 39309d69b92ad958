/** How billing statements read in the console. Safe to import in the browser. */
import { formatCount, NUMBER_LOCALE } from './numbers';
import { shortDate } from './time';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A period as people read it: "1 Nov 2026 – 30 Nov 2026". The API's `to` is the start of the next
 * period (exclusive), so the last day shown is the day before it.
 */
export function formatPeriod(from: string, to: string): string {
  return `${shortDate(from)} – ${shortDate(new Date(Date.parse(to) - DAY_MS))}`;
}

/** The path segment of a statement: its period's first day, `2026-11-01` (UTC). */
export function periodStart(from: string): string {
  return new Date(from).toISOString().slice(0, 10);
}

/** Whether `value` is a period start the API can take (a real calendar day). */
export function isPeriodStart(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && periodStart(value) === value;
}

const averageFormat = new Intl.NumberFormat(NUMBER_LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A count of a statement, grouped like every count; null (no snapshot covered the period) as "—". */
export function formatFigure(value: number | null): string {
  return value === null ? '—' : formatCount(value);
}

/** An average: the API rounds it to 2 decimals, shown always with both so a column lines up. */
export function formatAverage(value: number | null): string {
  return value === null ? '—' : averageFormat.format(value);
}

/** "1st", "2nd", "23rd": the billing day in a sentence. */
export function ordinalDay(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${{ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th'}`;
}
