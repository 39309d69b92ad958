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

const averageFormat = new Intl.NumberFormat(NUMBER_LOCALE, { maximumFractionDigits: 2 });

/** A figure of a statement: counts grouped like every count, averages to 2 decimals, null as "—". */
export function formatFigure(value: number | null): string {
  if (value === null) return '—';
  return Number.isInteger(value) ? formatCount(value) : averageFormat.format(value);
}

/** "1st", "2nd", "23rd": the billing day in a sentence. */
export function ordinalDay(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${{ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th'}`;
}
