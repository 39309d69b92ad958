import type { RosterClient, Schemas } from '@roster/api-client';
import { callApi, fromResponse, fromThrown } from './errors';
import type { Page } from './paging';

export type StatementSummary = Schemas['UsageStatementSummary'];
export type Statement = Schemas['UsageStatement'];

/** Statements per page: a year of monthly periods. */
export const STATEMENT_PAGE_SIZE = 12;

const NOT_FOUND = 'This account does not exist, or you have no access to it.';
const FORBIDDEN = 'Only owners, admins and billing operators can read billing statements.';

/** One page of the account's closed statements, newest first. */
export function listStatements(
  api: RosterClient,
  accountId: string,
  cursor: string | null,
): Promise<Page<StatementSummary>> {
  return callApi(
    () =>
      api.GET('/api/v1/accounts/{accountId}/usage/statements', {
        params: { path: { accountId }, query: { limit: STATEMENT_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
      }),
    { 403: FORBIDDEN, 404: NOT_FOUND },
  );
}

/** The whole statement of the period starting on `periodStart` (`2026-11-01`). */
export function getStatement(api: RosterClient, accountId: string, periodStart: string): Promise<Statement> {
  return callApi(
    () =>
      api.GET('/api/v1/accounts/{accountId}/usage/statements/{periodStart}', {
        params: { path: { accountId, periodStart } },
      }),
    { 403: FORBIDDEN, 404: 'There is no closed statement for this period.' },
  );
}

export interface StatementCsv {
  body: string;
  /** The API's content-disposition, so the download keeps its file name. */
  disposition: string;
}

/** The statement as the API writes it in CSV; throws a ServiceError like every other call. */
export async function getStatementCsv(
  api: RosterClient,
  accountId: string,
  periodStart: string,
): Promise<StatementCsv> {
  let result;
  try {
    result = await api.GET('/api/v1/accounts/{accountId}/usage/statements/{periodStart}', {
      params: { path: { accountId, periodStart }, query: { format: 'csv' } },
      parseAs: 'text',
    });
  } catch (cause) {
    throw fromThrown(cause);
  }
  const { response } = result;
  if (!response.ok) {
    // openapi-fetch parses a JSON error body itself; a text one is kept as text (then it has no detail).
    const problem: unknown = typeof result.error === 'object' ? result.error : null;
    throw fromResponse(response, problem, { 403: FORBIDDEN, 404: 'There is no closed statement for this period.' });
  }
  return {
    body: result.data ?? '',
    disposition: response.headers.get('content-disposition') ?? `attachment; filename="statement-${periodStart}.csv"`,
  };
}
