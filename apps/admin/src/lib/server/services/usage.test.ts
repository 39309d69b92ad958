import { describe, expect, it } from 'vitest';
import {
  type AccountUsage,
  fillHistory,
  getUsageHistory,
  getUsageOverview,
  historyWindow,
  limitedDimensions,
  limitsFitChart,
  parseUsageRange,
  requestRecount,
  usageDimension,
} from './usage';
import { fakeApi, type Handler, problem, rejection } from './testing';

/** Routes by path, 404 for anything else. */
function router(routes: Record<string, () => Response>): Handler {
  return (request) => routes[new URL(request.url).pathname]?.() ?? problem(404, 'Not found.');
}

const ACCOUNT = '01930000-0000-7000-8000-0000000000a1';
const EU = '01930000-0000-7000-8000-0000000000e1';
const US = '01930000-0000-7000-8000-0000000000e2';
const STAGING = '01930000-0000-7000-8000-0000000000e3';

function accountUsage(overrides: Partial<AccountUsage> = {}): AccountUsage {
  return {
    accountId: ACCOUNT,
    model: 'internal-external',
    aggregation: 'sum',
    internal: 177,
    external: 45,
    named: 222,
    limits: { internal: 500, external: 2000, named: null },
    status: { internal: 'ok', external: 'ok', named: null },
    environments: [
      { environmentId: EU, name: 'Production EU', internal: 118, external: 30, named: 148 },
      { environmentId: US, name: 'Production US', internal: 59, external: 15, named: 74 },
    ],
    computedAt: '2026-11-27T09:55:36.650Z',
    ...overrides,
  };
}

const environmentUsage = (
  environmentId: string,
  name: string,
  kind: 'production' | 'non-production',
  counts: number[],
  computedAt: string | null = '2026-11-27T09:55:36.000Z',
) => ({
  environmentId,
  name,
  kind,
  internal: counts[0] ?? null,
  external: counts[1] ?? null,
  named: counts[2] ?? null,
  anonymous: counts[3] ?? null,
  inactive: counts[4] ?? null,
  computedAt,
});

describe('usageDimension', () => {
  it('takes the status the API evaluated and the share of the limit', () => {
    const usage = accountUsage({ internal: 460, status: { internal: 'warning', external: 'ok', named: null } });
    expect(usageDimension(usage, 'internal')).toMatchObject({
      key: 'internal',
      label: 'Internal users',
      count: 460,
      limit: 500,
      status: 'warning',
      percent: 92,
    });
  });

  it('says unlimited where no limit applies', () => {
    expect(usageDimension(accountUsage(), 'named')).toMatchObject({ count: 222, limit: null, status: 'unlimited' });
    expect(usageDimension(accountUsage(), 'named').percent).toBeNull();
  });

  it('has no status before the first count', () => {
    const usage = accountUsage({
      internal: null,
      external: null,
      named: null,
      computedAt: null,
      status: { internal: null, external: null, named: null },
    });
    expect(usageDimension(usage, 'internal')).toMatchObject({ count: null, limit: 500, status: null, percent: null });
  });

  it('falls back to the domain rule when the API gave no status for a limited dimension', () => {
    const usage = accountUsage({ internal: 501, status: { internal: null, external: null, named: null } });
    expect(usageDimension(usage, 'internal').status).toBe('exceeded');
    expect(
      usageDimension(
        accountUsage({ external: 1800, status: { internal: null, external: null, named: null } }),
        'external',
      ).status,
    ).toBe('warning');
  });

  it('gives no percentage for a limit of 0', () => {
    const usage = accountUsage({ limits: { internal: 0, external: 2000, named: null }, internal: 3 });
    expect(usageDimension(usage, 'internal').percent).toBeNull();
  });
});

describe('limitedDimensions', () => {
  it('follows the subscription model', () => {
    expect(limitedDimensions('internal-external')).toEqual(['internal', 'external']);
    expect(limitedDimensions('named')).toEqual(['named']);
  });
});

describe('history', () => {
  const now = new Date('2026-11-27T10:17:45.000Z');

  it('parses the range, falling back to 30 days', () => {
    expect(parseUsageRange('48h')).toBe('48h');
    expect(parseUsageRange('90d')).toBe('90d');
    expect(parseUsageRange('7y')).toBe('30d');
    expect(parseUsageRange('toString')).toBe('30d');
    expect(parseUsageRange(null)).toBe('30d');
  });

  it('has 48 whole UTC hours ending with the current one', () => {
    const { from, to, starts } = historyWindow('48h', now);
    expect(starts).toHaveLength(48);
    expect(starts.at(-1)?.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(from.toISOString()).toBe('2026-11-25T11:00:00.000Z');
    expect(to.toISOString()).toBe('2026-11-27T11:00:00.000Z');
  });

  it('has whole UTC days ending with today', () => {
    const { from, to, starts } = historyWindow('30d', now);
    expect(starts).toHaveLength(30);
    expect(from.toISOString()).toBe('2026-10-29T00:00:00.000Z');
    expect(to.toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });

  it('puts the buckets holding counts on the full axis, gaps as null', () => {
    const { starts } = historyWindow('48h', now);
    const points = fillHistory([{ at: '2026-11-27T09:00:00.000Z', internal: 5, external: 2, named: 7 }], starts);
    expect(points).toHaveLength(48);
    expect(points.at(-2)).toEqual({ at: '2026-11-27T09:00:00.000Z', internal: 5, external: 2, named: 7 });
    expect(points.at(-1)).toEqual({ at: '2026-11-27T10:00:00.000Z', internal: null, external: null, named: null });
  });

  it('asks the API for the window and granularity of the range', async () => {
    const { api, requests } = fakeApi(() =>
      Response.json({ items: [{ at: '2026-11-26T00:00:00.000Z', internal: 1, external: 0, named: 1 }] }),
    );
    const history = await getUsageHistory(api, ACCOUNT, '30d', now);
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe(`/api/v1/accounts/${ACCOUNT}/usage/history`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: '2026-10-29T00:00:00.000Z',
      to: '2026-11-28T00:00:00.000Z',
      granularity: 'day',
    });
    expect(history).toMatchObject({ range: '30d', granularity: 'day', hasData: true });
    expect(history.points).toHaveLength(30);
  });

  it('knows when there is no history yet', async () => {
    const { api } = fakeApi(() => Response.json({ items: [] }));
    expect((await getUsageHistory(api, ACCOUNT, '90d', now)).hasData).toBe(false);
  });

  it('shows limit lines only when they do not flatten the counts', () => {
    const points = [{ at: 'x', internal: 177, external: 45, named: 222 }];
    const limits = { internal: 500, external: 2000, named: null };
    expect(limitsFitChart(points, ['internal', 'external'], limits)).toBe(false);
    expect(limitsFitChart(points, ['internal'], limits)).toBe(true);
    expect(limitsFitChart(points, ['named'], limits)).toBe(false);
  });
});

describe('getUsageOverview', () => {
  const environments =
    (...items: ReturnType<typeof environmentUsage>[]) =>
    () =>
      Response.json({ items });
  const routes = {
    [`/api/v1/accounts/${ACCOUNT}/usage`]: () => Response.json(accountUsage()),
    [`/api/v1/accounts/${ACCOUNT}/usage/environments`]: environments(
      environmentUsage(EU, 'Production EU', 'production', [1, 1, 2, 2, 12]),
      environmentUsage(US, 'Production US', 'production', [1, 1, 2, 1, 6]),
      environmentUsage(STAGING, 'Staging', 'non-production', [4, 1, 5, 0, 3]),
    ),
  };

  it('takes production counts from the account snapshot and adds anonymous and inactive, in two calls', async () => {
    const { api, requests } = fakeApi(router(routes));
    const overview = await getUsageOverview(api, ACCOUNT);
    expect(requests).toHaveLength(2);
    expect(overview.production).toEqual([
      {
        environmentId: EU,
        name: 'Production EU',
        internal: 118,
        external: 30,
        named: 148,
        anonymous: 2,
        inactive: 12,
        notInTotals: false,
      },
      {
        environmentId: US,
        name: 'Production US',
        internal: 59,
        external: 15,
        named: 74,
        anonymous: 1,
        inactive: 6,
        notInTotals: false,
      },
    ]);
    expect(overview.nonProduction).toEqual([
      {
        environmentId: STAGING,
        name: 'Staging',
        kind: 'non-production',
        internal: 4,
        external: 1,
        named: 5,
        anonymous: 0,
        inactive: 3,
        computedAt: '2026-11-27T09:55:36.000Z',
        notInTotals: false,
      },
    ]);
  });

  it('marks a production environment created since the count', async () => {
    const NEW = '01930000-0000-7000-8000-0000000000e4';
    const { api } = fakeApi(
      router({
        ...routes,
        [`/api/v1/accounts/${ACCOUNT}/usage/environments`]: environments(
          environmentUsage(EU, 'Production EU', 'production', [1, 1, 2, 2, 12]),
          environmentUsage(US, 'Production US', 'production', [1, 1, 2, 1, 6]),
          environmentUsage(NEW, 'Production APAC', 'production', [], null),
        ),
      }),
    );
    const { production } = await getUsageOverview(api, ACCOUNT);
    expect(production.find((row) => row.environmentId === NEW)).toMatchObject({
      name: 'Production APAC',
      internal: null,
      notInTotals: true,
    });
  });

  it('keeps the row of an environment deleted since the count, whose totals still hold it', async () => {
    const { api } = fakeApi(
      router({
        ...routes,
        [`/api/v1/accounts/${ACCOUNT}/usage/environments`]: environments(
          environmentUsage(EU, 'Production EU', 'production', [1, 1, 2, 2, 12]),
        ),
      }),
    );
    const { production } = await getUsageOverview(api, ACCOUNT);
    expect(production.find((row) => row.environmentId === US)).toMatchObject({ internal: 59, anonymous: null });
  });

  it('passes on an ended session', async () => {
    const { api } = fakeApi(() => problem(401, 'Session expired.'));
    const error = await rejection(getUsageOverview(api, ACCOUNT));
    expect(error.kind).toBe('unauthenticated');
  });
});

describe('requestRecount', () => {
  it('posts and answers the job to follow', async () => {
    const { api, requests } = fakeApi(() => Response.json({ jobId: 'job-1' }, { status: 202 }));
    await expect(requestRecount(api, ACCOUNT)).resolves.toBe('job-1');
    expect(requests[0]?.method).toBe('POST');
    expect(new URL(requests[0]!.url).pathname).toBe(`/api/v1/accounts/${ACCOUNT}/usage/recount`);
  });

  it('says who may recount when the role may not', async () => {
    const { api } = fakeApi(() => new Response(null, { status: 403 }));
    const error = await rejection(requestRecount(api, ACCOUNT));
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe('Only owners and admins may request a recount.');
  });
});
