import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE } from '$lib/audit';
import { listAccountAuditEvents, listTenantAuditEvents, readAuditFilters } from './audit';
import { fakeApi, problem, rejection } from './testing';

const TENANT = '01a21c6e-4967-7143-8908-3b2fdd434013';
const ACCOUNT = '01a21c6e-4902-72d3-934c-716edc5ec076';
const USER = '01a21c6e-4b43-77ae-a069-c75113f007ec';

describe('readAuditFilters', () => {
  it('asks for the first page with a total when nothing is filtered', () => {
    const { filters, query, problems } = readAuditFilters(new URLSearchParams());
    expect(filters).toEqual({ action: '', from: '', to: '', targetId: '', actorId: '' });
    expect(query).toEqual({ limit: AUDIT_PAGE_SIZE, includeTotal: 'true' });
    expect(problems).toEqual({});
  });

  it('sends whole UTC days, the end day included', () => {
    const { filters, query } = readAuditFilters(new URLSearchParams('from=2026-11-01&to=2026-11-27&action=user.'));
    expect(filters).toMatchObject({ from: '2026-11-01', to: '2026-11-27', action: 'user.' });
    expect(query).toMatchObject({
      action: 'user.',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-28T00:00:00.000Z',
    });
  });

  it('keeps the target and actor ids and the cursor, without a total on later pages', () => {
    const { query } = readAuditFilters(new URLSearchParams(`targetId=${USER.toUpperCase()}&cursor=abc`));
    expect(query).toEqual({ limit: AUDIT_PAGE_SIZE, targetId: USER, cursor: 'abc' });
  });

  it('leaves out what the API would refuse, and says why', () => {
    const { filters, query, problems } = readAuditFilters(
      new URLSearchParams('targetId=nope&from=2026-02-30&to=yesterday&action=<script>'),
    );
    expect(filters).toEqual({ action: '', from: '', to: '', targetId: '', actorId: '' });
    expect(query).toEqual({ limit: AUDIT_PAGE_SIZE, includeTotal: 'true' });
    expect(Object.keys(problems).sort()).toEqual(['action', 'from', 'targetId', 'to']);
  });

  it('refuses an end before the start but keeps the start', () => {
    const { filters, query, problems } = readAuditFilters(new URLSearchParams('from=2026-11-27&to=2026-11-01'));
    expect(filters).toMatchObject({ from: '2026-11-27', to: '' });
    expect(query.to).toBeUndefined();
    expect(problems.to).toBe('The end date is before the start date.');
  });
});

describe('listTenantAuditEvents', () => {
  it('passes the filters to the API', async () => {
    const { api, requests } = fakeApi(() => Response.json({ items: [], nextCursor: null }));
    await listTenantAuditEvents(api, TENANT, { targetId: USER, limit: 10 });
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe(`/api/v1/tenants/${TENANT}/audit-events`);
    expect(url.searchParams.get('targetId')).toBe(USER);
    expect(url.searchParams.get('limit')).toBe('10');
  });

  it('explains a 404 the API left without detail', async () => {
    const { api } = fakeApi(() => problem(404));
    const error = await rejection(listTenantAuditEvents(api, TENANT, {}));
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe('This tenant does not exist, or you have no access to it.');
  });
});

describe('listAccountAuditEvents', () => {
  it('says who may read the log on 403', async () => {
    const { api } = fakeApi(() => problem(403));
    const error = await rejection(listAccountAuditEvents(api, ACCOUNT, {}));
    expect(error.status).toBe(403);
    expect(error.message).toBe('Only owners and admins of the account read its audit log.');
  });

  it('prefers the API’s own detail', async () => {
    const { api } = fakeApi(() => problem(400, 'from must be an ISO 8601 date-time'));
    const error = await rejection(listAccountAuditEvents(api, ACCOUNT, {}));
    expect(error.message).toBe('from must be an ISO 8601 date-time');
  });
});
