import { DIMENSIONS } from '@roster/domain';
import type { StatementResponse } from './statement.schemas.js';

const HEADER = ['scope', 'id', 'name', 'dimension', 'peak', 'p95', 'average', 'end', 'limit', 'status'];

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One row per scope and dimension: the account (with its limit and status at the period's end), then each
 * production environment. Numbers as the JSON has them; an empty cell where nothing covered the period.
 */
export function statementCsv(statement: StatementResponse): string {
  const rows: (string | number | null)[][] = [HEADER];
  for (const dimension of DIMENSIONS) {
    const figures = statement.account[dimension];
    rows.push([
      'account',
      statement.accountId,
      null,
      dimension,
      figures.peak,
      figures.p95,
      figures.average,
      figures.end,
      statement.limits?.[dimension] ?? null,
      statement.status?.[dimension] ?? null,
    ]);
  }
  for (const environment of statement.environments) {
    for (const dimension of DIMENSIONS) {
      const figures = environment[dimension];
      rows.push([
        'environment',
        environment.environmentId,
        environment.name,
        dimension,
        figures.peak,
        figures.p95,
        figures.average,
        figures.end,
        null,
        null,
      ]);
    }
  }
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
