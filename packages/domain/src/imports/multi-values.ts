/**
 * Several values in one CSV cell (a user's groups or roles), as the export writes them and the import reads them:
 * separated by `;`, a `;` inside a value written `\;` and a backslash `\\`. Round trip: reading what
 * formatMultiValue wrote gives the values back (values are trimmed, and empty ones dropped, on both sides).
 */
export const MULTI_VALUE_SEPARATOR = ';';

/**
 * The values joined into one cell, each `\` and `;` escaped with a backslash. The format's statement for its
 * round-trip test: the export writes the same cells in SQL (packages/db user-export.repository.ts, cellValue), so
 * nothing in production calls this; the import's reader, parseMultiValue, is held to it.
 */
export function formatMultiValue(values: readonly string[]): string {
  return values
    .map((value) => value.trim())
    .filter((value) => value !== '')
    .map((value) => value.replaceAll('\\', '\\\\').replaceAll(';', '\\;'))
    .join(MULTI_VALUE_SEPARATOR);
}

/**
 * The values of one cell: split on unescaped `;`, a backslash taking the next character as it is (a lone one at
 * the end is kept), each value trimmed, empty ones dropped.
 */
export function parseMultiValue(cell: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i += 1) {
    const character = cell[i]!;
    if (character === '\\' && i + 1 < cell.length) {
      current += cell[i + 1];
      i += 1;
    } else if (character === MULTI_VALUE_SEPARATOR) {
      values.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  values.push(current);
  return values.map((value) => value.trim()).filter((value) => value !== '');
}
