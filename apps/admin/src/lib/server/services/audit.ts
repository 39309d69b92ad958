import type { operations, RosterClient, Schemas } from '@roster/api-client';
import { AUDIT_PAGE_SIZE, type AuditFilters } from '$lib/audit';
import { callApi } from './errors';
import type { Page } from './paging';

export type AuditEvent = Schemas['AuditEvent'];
export type AuditQuery = NonNullable<operations['listTenantAuditEvents']['parameters']['query']>;

/** The API's limit on the `action` filter. */
const MAX_ACTION_LENGTH = 100;

/** A tenant's events, newest first (owner, admin, or tenant-admin of the tenant). */
export function listTenantAuditEvents(
  api: RosterClient,
  tenantId: string,
  query: AuditQuery,
): Promise<Page<AuditEvent>> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}/audit-events', { params: { path: { tenantId }, query } }), {
    403: 'Your role does not allow reading the audit trail of this tenant.',
    404: 'This tenant does not exist, or you have no access to it.',
  });
}

/** Every event of the account (its tenants' included), newest first (owner, admin, platform admin). */
export function listAccountAuditEvents(
  api: RosterClient,
  accountId: string,
  query: AuditQuery,
): Promise<Page<AuditEvent>> {
  return callApi(
    () => api.GET('/api/v1/accounts/{accountId}/audit-events', { params: { path: { accountId }, query } }),
    {
      403: 'Only owners and admins of the account read its audit log.',
      404: 'This account does not exist, or you have no access to it.',
    },
  );
}

export interface AuditListRequest {
  /** The valid filters, to show in the form and keep in links. */
  filters: AuditFilters;
  /** What to ask the API for. */
  query: AuditQuery;
  /** Values of the URL that were left out, with why, by parameter name. */
  problems: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[A-Za-z0-9._-]+$/;

/** Midnight (UTC) starting a YYYY-MM-DD day, or null when it is not a real date. */
function startOfDay(value: string): Date | null {
  if (!DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads an audit list's query string. Dates are whole UTC days, both included (the API's `to`
 * excludes its instant, so the day after `to` is sent). A value the API would refuse is left
 * out and reported, so the list still shows instead of an error page.
 */
export function readAuditFilters(params: URLSearchParams, pageSize = AUDIT_PAGE_SIZE): AuditListRequest {
  const problems: Record<string, string> = {};
  const filters: AuditFilters = { action: '', from: '', to: '', targetId: '', actorId: '' };
  const query: AuditQuery = { limit: pageSize };

  const action = params.get('action')?.trim() ?? '';
  if (action !== '') {
    if (action.length > MAX_ACTION_LENGTH || !ACTION.test(action)) {
      problems.action = 'An action is made of letters, digits, dots and dashes, such as "user." or "user.created".';
    } else {
      filters.action = action;
      query.action = action;
    }
  }

  for (const name of ['targetId', 'actorId'] as const) {
    const value = params.get(name)?.trim() ?? '';
    if (value === '') continue;
    if (UUID.test(value)) {
      filters[name] = value.toLowerCase();
      query[name] = value.toLowerCase();
    } else {
      problems[name] = `“${value.slice(0, 60)}” is not an id.`;
    }
  }

  const fromText = params.get('from')?.trim() ?? '';
  const toText = params.get('to')?.trim() ?? '';
  const from = fromText === '' ? null : startOfDay(fromText);
  const to = toText === '' ? null : startOfDay(toText);
  if (fromText !== '' && !from) problems.from = 'The start date is not a date (use YYYY-MM-DD).';
  if (toText !== '' && !to) problems.to = 'The end date is not a date (use YYYY-MM-DD).';
  if (from) {
    filters.from = fromText;
    query.from = from.toISOString();
  }
  if (from && to && to < from) {
    problems.to = 'The end date is before the start date.';
  } else if (to) {
    filters.to = toText;
    query.to = new Date(to.getTime() + DAY_MS).toISOString();
  }

  const cursor = params.get('cursor');
  if (cursor) query.cursor = cursor;
  // Counting costs the API a query: only the first page asks.
  else query.includeTotal = 'true';

  return { filters, query, problems };
}
