import { DIMENSIONS, type StatementFigures } from '@roster/domain';
import type { StatementResponse } from './statement.schemas.js';

const HEADER = ['scope', 'id', 'name', 'dimension', 'peak', 'p95', 'average', 'end', 'limit', 'status'];

type Cell = string | number | null;

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function field(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One scope's rows, one per dimension; only the account has a limit and a status. */
function scopeRows(
  scope: 'account' | 'environment' | 'tenant',
  id: string,
  name: string | null,
  figures: StatementFigures,
  terms: Pick<StatementResponse, 'limits' | 'status'> = { limits: null, status: null },
): Cell[][] {
  return DIMENSIONS.map((dimension) => {
    const { peak, p95, average, end } = figures[dimension];
    const limit = terms.limits?.[dimension] ?? null;
    return [scope, id, name, dimension, peak, p95, average, end, limit, terms.status?.[dimension] ?? null];
  });
}

/**
 * One row per scope and dimension: the account (with its limit and status at the period's end), then each
 * production environment, then each client tenant. Numbers as the JSON has them; an empty cell where nothing
 * covered the period.
 */
export function statementCsv(statement: StatementResponse): string {
  const rows: Cell[][] = [
    HEADER,
    ...scopeRows('account', statement.accountId, null, statement.account, statement),
    ...statement.environments.flatMap((e) => scopeRows('environment', e.environmentId, e.name, e)),
    ...statement.tenants.flatMap((t) => scopeRows('tenant', t.tenantId, t.name, t)),
  ];
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
