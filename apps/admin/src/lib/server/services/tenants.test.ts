import { describe, expect, it } from 'vitest';
import { createTenant, listEnvironmentsWithTenantCounts, listTenantsOfAccount, replaceTenantDomains } from './tenants';
import { fakeApi, problem, rejection } from './testing';

const ACCOUNT_ID = '01930000-0000-7000-8000-000000000001';
const stamp = '2026-01-01T00:00:00.000Z';

const environment = (id: string, name: string, kind: 'production' | 'non-production') => ({
  id,
  accountId: ACCOUNT_ID,
  name,
  kind,
  classifyAllInternal: false,
  createdAt: stamp,
  updatedAt: stamp,
});

const tenant = (id: string, environmentId: string, name: string) => ({
  id,
  accountId: ACCOUNT_ID,
  environmentId,
  name,
  createdAt: stamp,
  updatedAt: stamp,
});

const PROD = '01930000-0000-7000-8000-0000000000e1';
const STAGING = '01930000-0000-7000-8000-0000000000e2';

/** An account with two environments; production's tenants come in two pages. */
function accountApi() {
  return fakeApi((request) => {
    const url = new URL(request.url);
    if (url.pathname === `/api/v1/accounts/${ACCOUNT_ID}/environments`) {
      return Response.json({
        items: [environment(PROD, 'Production', 'production'), environment(STAGING, 'Staging', 'non-production')],
        nextCursor: null,
      });
    }
    if (url.pathname === `/api/v1/environments/${PROD}/tenants`) {
      return url.searchParams.get('cursor') === 'page-2'
        ? Response.json({ items: [tenant('t3', PROD, 'Initech')], nextCursor: null })
        : Response.json({ items: [tenant('t1', PROD, 'Acme'), tenant('t2', PROD, 'Globex')], nextCursor: 'page-2' });
    }
    if (url.pathname === `/api/v1/environments/${STAGING}/tenants`) {
      return Response.json({ items: [], nextCursor: null });
    }
    return problem(404, { detail: `unexpected ${url.pathname}` });
  });
}

describe('listTenantsOfAccount', () => {
  it('lists every page of each environment’s tenants, environment by environment', async () => {
    const { api, requests } = accountApi();
    const groups = await listTenantsOfAccount(api, ACCOUNT_ID);
    expect(groups.map((group) => [group.environment.name, group.tenants.map((t) => t.name)])).toEqual([
      ['Production', ['Acme', 'Globex', 'Initech']],
      ['Staging', []],
    ]);
    // The largest page, so an account with a few hundred tenants takes few calls.
    expect(new URL(requests[0]!.url).searchParams.get('limit')).toBe('200');
  });

  it('fails as a whole when one environment cannot be read', async () => {
    const { api } = fakeApi((request) =>
      new URL(request.url).pathname.endsWith('/environments')
        ? Response.json({ items: [environment(PROD, 'Production', 'production')], nextCursor: null })
        : problem(403, { detail: 'Your role does not allow this.' }),
    );
    const error = await rejection(listTenantsOfAccount(api, ACCOUNT_ID));
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe('Your role does not allow this.');
  });
});

describe('listEnvironmentsWithTenantCounts', () => {
  it('counts the tenants of each environment', async () => {
    const { api } = accountApi();
    const counts = await listEnvironmentsWithTenantCounts(api, ACCOUNT_ID);
    expect(counts.map(({ environment, tenantCount }) => [environment.name, tenantCount])).toEqual([
      ['Production', 3],
      ['Staging', 0],
    ]);
  });
});

describe('tenant calls', () => {
  it('creates a tenant in the environment given', async () => {
    const { api, requests } = fakeApi(() => Response.json(tenant('t9', STAGING, 'Umbrella'), { status: 201 }));
    await expect(createTenant(api, STAGING, 'Umbrella')).resolves.toMatchObject({ name: 'Umbrella' });
    expect(requests[0]?.url).toBe(`http://api.test/api/v1/environments/${STAGING}/tenants`);
    await expect(requests[0]?.json()).resolves.toEqual({ name: 'Umbrella' });
  });

  it('explains a duplicate name when the API gives no detail', async () => {
    const { api } = fakeApi(() => problem(409));
    expect((await rejection(createTenant(api, STAGING, 'Acme'))).message).toBe(
      'Another tenant of this environment already has this name (names ignore case).',
    );
  });

  it('maps refused domains like the environment’s', async () => {
    const { api } = fakeApi(() =>
      problem(400, {
        detail: 'The request has 1 invalid field(s): domains.1.',
        errors: [{ field: 'domains.1', message: 'must have at least two labels, like "example.com"' }],
      }),
    );
    const error = await rejection(replaceTenantDomains(api, 't1', ['acme.com', 'localhost']));
    expect(error.message).toBe('One domain is not valid: see the message beside it, then save again.');
    expect(error.fieldErrors).toEqual({ 'domains.1': 'Must have at least two labels, like "example.com".' });
  });
});
