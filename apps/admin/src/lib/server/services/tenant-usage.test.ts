import { describe, expect, it } from 'vitest';
import {
  findTenantUsage,
  getTenantUsageHistory,
  listTenantUsage,
  readTenantUsageState,
  type TenantUsage,
} from './tenant-usage';
import { fakeApi, problem, rejection } from './testing';

const ACCOUNT = '01930000-0000-7000-8000-0000000000a1';
const PRODUCTION = '01930000-0000-7000-8000-0000000000e1';
const CONTOSO = '01930000-0000-7000-8000-0000000000c1';
const FABRIKAM = '01930000-0000-7000-8000-0000000000c2';

const tenant = (tenantId: string, name: string): TenantUsage => ({
  tenantId,
  name,
  environment: { id: PRODUCTION, name: 'Production', kind: 'production' },
  internal: 3,
  external: 1,
  named: 4,
  anonymous: 0,
  inactive: 2,
  changedAt: '2026-11-27T09:00:00.000Z',
  computedAt: '2026-11-27T09:55:36.000Z',
});

const list = (items: TenantUsage[], nextCursor: string | null = null) =>
  Response.json({ aggregation: 'sum', attribution: 'Each tenant counts its own active users.', items, nextCursor });

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

describe('readTenantUsageState', () => {
  it('defaults to production tenants, the biggest first, on the first page', () => {
    expect(readTenantUsageState(new URLSearchParams())).toEqual({ sort: '-named', kind: 'production', cursor: null });
  });

  it('takes a sort, a kind and a cursor from the URL', () => {
    expect(readTenantUsageState(new URLSearchParams('sort=-external&kind=all&cursor=abc'))).toEqual({
      sort: '-external',
      kind: 'all',
      cursor: 'abc',
    });
    expect(readTenantUsageState(new URLSearchParams('sort=name&kind=non-production')).kind).toBe('non-production');
  });

  it('falls back to the defaults for values the API would refuse', () => {
    expect(readTenantUsageState(new URLSearchParams('sort=-email&kind=staging&cursor=%20'))).toEqual({
      sort: '-named',
      kind: 'production',
      cursor: null,
    });
    expect(readTenantUsageState(new URLSearchParams('sort=--named')).sort).toBe('-named');
  });
});

describe('listTenantUsage', () => {
  it('asks for the first page with its total, filtered to the kind', async () => {
    const { api, requests } = fakeApi(() => list([tenant(CONTOSO, 'Contoso')]));
    const page = await listTenantUsage(api, ACCOUNT, { sort: 'name', kind: 'production', cursor: null });
    expect(new URL(requests[0]!.url).pathname).toBe(`/api/v1/accounts/${ACCOUNT}/usage/tenants`);
    expect(query(requests[0]!)).toEqual({ limit: '25', sort: 'name', kind: 'production', includeTotal: 'true' });
    expect(page.items[0]?.name).toBe('Contoso');
    expect(page.attribution).toContain('own active users');
  });

  it('sends the cursor of a later page without counting again, and no kind for all', async () => {
    const { api, requests } = fakeApi(() => list([]));
    await listTenantUsage(api, ACCOUNT, { sort: '-inactive', kind: 'all', cursor: 'next-one' });
    expect(query(requests[0]!)).toEqual({ limit: '25', sort: '-inactive', cursor: 'next-one' });
  });

  it('says who may read usage when the role may not', async () => {
    const { api } = fakeApi(() => problem(403));
    expect((await rejection(listTenantUsage(api, ACCOUNT, readTenantUsageState(new URLSearchParams())))).message).toBe(
      'Your role does not include usage. Owners, admins and billing operators can see it.',
    );
  });
});

describe('findTenantUsage', () => {
  it('asks the usage list for that one tenant', async () => {
    const { api, requests } = fakeApi(() => list([tenant(FABRIKAM, 'Fabrikam')]));
    expect((await findTenantUsage(api, ACCOUNT, FABRIKAM))?.name).toBe('Fabrikam');
    expect(requests.map(query)).toEqual([{ limit: '1', tenantId: FABRIKAM }]);
  });

  it('answers null when the account has no such tenant', async () => {
    const { api } = fakeApi(() => list([]));
    expect(await findTenantUsage(api, ACCOUNT, FABRIKAM)).toBeNull();
  });
});

describe('getTenantUsageHistory', () => {
  const now = new Date('2026-11-27T10:20:00.000Z');

  it('asks the tenant’s route for the window of the range and fills the axis', async () => {
    const { api, requests } = fakeApi(() =>
      Response.json({ items: [{ at: '2026-11-27T09:00:00.000Z', internal: 3, external: 1, named: 4 }] }),
    );
    const history = await getTenantUsageHistory(api, CONTOSO, '48h', now);
    expect(new URL(requests[0]!.url).pathname).toBe(`/api/v1/tenants/${CONTOSO}/usage/history`);
    expect(query(requests[0]!)).toEqual({
      from: '2026-11-25T11:00:00.000Z',
      to: '2026-11-27T11:00:00.000Z',
      granularity: 'hour',
    });
    expect(history).toMatchObject({ range: '48h', granularity: 'hour', hasData: true });
    expect(history.points).toHaveLength(48);
    expect(history.points.at(-2)).toEqual({ at: '2026-11-27T09:00:00.000Z', internal: 3, external: 1, named: 4 });
  });

  it('says the tenant is gone on 404', async () => {
    const { api } = fakeApi(() => problem(404));
    expect((await rejection(getTenantUsageHistory(api, CONTOSO, '30d', now))).message).toBe(
      'This tenant does not exist any more, or you have no access to it.',
    );
  });
});
