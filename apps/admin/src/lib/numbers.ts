/**
 * Whole numbers as the console writes them (en-US grouping: 12,500) and reads them back, so a value
 * copied from any page can be typed into a form. Safe to import in the browser.
 */

/** The locale every count in the console is formatted with. */
export const NUMBER_LOCALE = 'en-US';

/** 12500 → "12,500". */
export function formatCount(value: number): string {
  return value.toLocaleString(NUMBER_LOCALE);
}

/** Plain digits, or digits grouped by threes with commas, as {@link formatCount} writes them. */
const WHOLE_NUMBER = /^(\d{1,15}|\d{1,3}(,\d{3}){1,4})$/;

/** "12,500" or "12500" → 12500; null when the text is not a whole number written one of those ways. */
export function parseCount(text: string): number | null {
  const value = text.trim();
  return WHOLE_NUMBER.test(value) ? Number(value.replaceAll(',', '')) : null;
}
