/** Bad input answers 400 with per-field errors, duplicates 409, and a rejected request writes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TRAIL } from './changes.js';
import { startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

/** Row counts of every table a request here could write to, including the audit trail. */
async function snapshot(): Promise<Record<string, number>> {
  const { rows } = await t.db.query(`
    SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM operators)::int AS operators,
           (SELECT count(*) FROM api_keys)::int AS api_keys, (SELECT count(*) FROM environments)::int AS environments,
           (SELECT count(*) FROM tenants)::int AS tenants, (SELECT count(*) FROM applications)::int AS applications,
           (SELECT count(*) FROM roles)::int AS roles, (SELECT count(*) FROM ${AUDIT_TRAIL})::int AS audit_events,
           (SELECT string_agg(array_to_string(internal_domains, ','), ';' ORDER BY id) FROM environments) AS env_domains`);
  return rows[0];
}

interface BadCase {
  name: string;
  method: string;
  path: () => string;
  body: unknown;
  fields: string[];
}

const long = (n: number) => 'x'.repeat(n);

const BAD: BadCase[] = [
  {
    name: 'unknown field',
    method: 'POST',
    path: () => '/accounts',
    body: { name: 'A', subscription: { model: 'named' }, plan: 'gold' },
    fields: ['plan'],
  },
  {
    name: 'unknown nested field',
    method: 'POST',
    path: () => '/accounts',
    body: { name: 'A', subscription: { model: 'named', seats: 3 } },
    fields: ['subscription.seats'],
  },
  {
    name: 'wrong type',
    method: 'POST',
    path: () => '/accounts',
    body: { name: 42, subscription: { model: 'named' } },
    fields: ['name'],
  },
  {
    name: 'unknown enum value',
    method: 'POST',
    path: () => '/accounts',
    body: { name: 'A', subscription: { model: 'per-seat' } },
    fields: ['subscription.model'],
  },
  {
    name: 'negative limit',
    method: 'POST',
    path: () => '/accounts',
    body: { name: 'A', subscription: { model: 'named', namedLimit: -1 } },
    fields: ['subscription.namedLimit'],
  },
  {
    name: 'fractional limit',
    method: 'POST',
    path: () => '/accounts',
    body: { name: 'A', subscription: { model: 'named', namedLimit: 1.5 } },
    fields: ['subscription.namedLimit'],
  },
  {
    name: 'limit outside the model',
    method: 'POST',
    path: () => '/accounts',
    body: { name: 'A', subscription: { model: 'internal-external', namedLimit: 5 } },
    fields: ['subscription.namedLimit'],
  },
  {
    name: 'over-long name',
    method: 'POST',
    path: () => '/accounts',
    body: { name: long(201), subscription: { model: 'named' } },
    fields: ['name'],
  },
  {
    name: 'blank name',
    method: 'POST',
    path: () => `/accounts/${w.accountId}/environments`,
    body: { name: '   ', kind: 'production' },
    fields: ['name'],
  },
  {
    name: 'missing kind',
    method: 'POST',
    path: () => `/accounts/${w.accountId}/environments`,
    body: { name: 'Prod 2' },
    fields: ['kind'],
  },
  {
    name: 'classifyAllInternal as a string',
    method: 'PATCH',
    path: () => `/environments/${w.environmentId}`,
    body: { classifyAllInternal: 'yes' },
    fields: ['classifyAllInternal'],
  },
  {
    name: 'body that is not an object',
    method: 'POST',
    path: () => `/environments/${w.environmentId}/tenants`,
    body: ['x'],
    fields: ['(body)'],
  },
  {
    name: 'over-long username',
    method: 'POST',
    path: () => `/accounts/${w.accountId}/operators`,
    body: { username: long(251), password: PASSWORD, role: 'admin' },
    fields: ['username'],
  },
  {
    name: 'short password',
    method: 'POST',
    path: () => `/accounts/${w.accountId}/operators`,
    body: { username: 'shorty', password: 'short', role: 'admin' },
    fields: ['password'],
  },
  {
    name: 'password equal to username',
    method: 'POST',
    path: () => `/accounts/${w.accountId}/operators`,
    body: { username: 'SameSame99', password: 'samesame99', role: 'admin' },
    fields: ['password'],
  },
  {
    name: 'unknown operator role',
    method: 'POST',
    path: () => `/accounts/${w.accountId}/operators`,
    body: { username: 'r', password: PASSWORD, role: 'platform-admin' },
    fields: ['role'],
  },
  {
    name: 'tenant list for an admin',
    method: 'POST',
    path: () => `/accounts/${w.accountId}/operators`,
    body: { username: 'ta', password: PASSWORD, role: 'admin', tenantIds: () => [w.tenantId] },
    fields: ['tenantIds'],
  },
  {
    name: 'tenant id that is not a UUID',
    method: 'POST',
    path: () => `/accounts/${w.accountId}/api-keys`,
    body: { name: 'k', role: 'tenant-admin', tenantIds: ['nope'] },
    fields: ['tenantIds.0'],
  },
  {
    name: 'tenant of another account',
    method: 'POST',
    path: () => `/accounts/${w.accountId}/api-keys`,
    body: { name: 'k', role: 'tenant-admin', tenantIds: ['00000000-0000-7000-8000-000000000000'] },
    fields: ['tenantIds'],
  },
  {
    name: 'domain with @',
    method: 'PUT',
    path: () => `/environments/${w.environmentId}/internal-domains`,
    body: { domains: ['ok.com', 'me@acme.com'] },
    fields: ['domains.1'],
  },
  {
    name: 'wildcard domain',
    method: 'PUT',
    path: () => `/environments/${w.environmentId}/internal-domains`,
    body: { domains: ['*.acme.com'] },
    fields: ['domains.0'],
  },
  {
    name: 'over-long domain',
    method: 'PUT',
    path: () => `/tenants/${w.tenantId}/internal-domains`,
    body: { domains: [`${'a'.repeat(60)}.`.repeat(5) + 'com'] },
    fields: ['domains.0'],
  },
  {
    name: 'single-label domain',
    method: 'PUT',
    path: () => `/tenants/${w.tenantId}/internal-domains`,
    body: { domains: ['localhost'] },
    fields: ['domains.0'],
  },
  {
    name: 'domains not a list',
    method: 'PUT',
    path: () => `/tenants/${w.tenantId}/internal-domains`,
    body: { domains: 'acme.com' },
    fields: ['domains'],
  },
  {
    name: 'bad application key',
    method: 'PUT',
    path: () => `/environments/${w.environmentId}/applications/1app`,
    body: { name: 'App', roles: [] },
    fields: ['applicationKey'],
  },
  {
    name: 'bad role key',
    method: 'PUT',
    path: () => `/environments/${w.environmentId}/applications/app`,
    body: { name: 'App', roles: [{ key: 'has space', name: 'R' }] },
    fields: ['roles.0.key'],
  },
  {
    name: 'role key listed twice',
    method: 'PUT',
    path: () => `/environments/${w.environmentId}/applications/app`,
    body: {
      name: 'App',
      roles: [
        { key: 'r', name: 'R' },
        { key: 'r', name: 'R again' },
      ],
    },
    fields: ['roles.1.key'],
  },
  {
    name: 'over-long role key',
    method: 'PUT',
    path: () => `/environments/${w.environmentId}/applications/app`,
    body: { name: 'App', roles: [{ key: `r${long(100)}`, name: 'R' }] },
    fields: ['roles.0.key'],
  },
  {
    name: 'limit out of range',
    method: 'GET',
    path: () => `/accounts/${w.accountId}/environments?limit=500`,
    body: undefined,
    fields: ['limit'],
  },
  {
    name: 'unknown query parameter',
    method: 'GET',
    path: () => `/accounts/${w.accountId}/environments?sort=name`,
    body: undefined,
    fields: ['sort'],
  },
  {
    name: 'cursor that was never handed out',
    method: 'GET',
    path: () => `/accounts/${w.accountId}/environments?cursor=abc`,
    body: undefined,
    fields: ['cursor'],
  },
];

describe('invalid input', () => {
  it.each(BAD)('$name → 400 naming the field, nothing written', async ({ method, path, body, fields }) => {
    const before = await snapshot();
    const resolved = JSON.parse(
      JSON.stringify(body ?? null, (_key, value) => (typeof value === 'function' ? value() : value)),
    );
    const response = await t.request(method, path(), { token: t.adminToken, body: resolved ?? undefined });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String) });
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
    for (const error of response.body.errors) expect(error.message.length).toBeGreaterThan(3);
    expect(await snapshot()).toEqual(before);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers an unknown route with a problem', async () => {
    const response = await t.request('GET', '/nothing-here', { token: t.adminToken });
    expect(response.status).toBe(404);
    expect(response.body.detail).toContain('/api/v1/nothing-here');
  });
});

describe('duplicates', () => {
  const CONFLICTS = [
    {
      name: 'account name, ignoring case, for the platform admin',
      first: () => ['POST', '/accounts', { name: 'Dup Corp', subscription: { model: 'named' } }],
      second: () => ['POST', '/accounts', { name: 'DUP corp', subscription: { model: 'named' } }],
    },
    {
      name: 'environment name in an account',
      first: () => ['POST', `/accounts/${w.accountId}/environments`, { name: 'Dup Env', kind: 'production' }],
      second: () => ['POST', `/accounts/${w.accountId}/environments`, { name: 'dup env', kind: 'non-production' }],
    },
    {
      name: 'environment renamed onto another',
      first: () => ['PATCH', `/environments/${w.otherEnvironmentId}`, { name: 'Staging' }],
      second: () => ['PATCH', `/environments/${w.otherEnvironmentId}`, { name: 'PRODUCTION' }],
    },
    {
      name: 'tenant name in an environment',
      first: () => ['POST', `/environments/${w.environmentId}/tenants`, { name: 'Dup Tenant' }],
      second: () => ['POST', `/environments/${w.environmentId}/tenants`, { name: ' dup TENANT ' }],
    },
    {
      name: 'operator username across the deployment',
      first: () => [
        'POST',
        `/accounts/${w.accountId}/operators`,
        { username: 'Dup.Operator', password: PASSWORD, role: 'admin' },
      ],
      second: () => [
        'POST',
        `/accounts/${w.accountId}/operators`,
        { username: 'dup.operator', password: PASSWORD, role: 'billing' },
      ],
    },
    {
      name: 'operator username equal to the platform admin’s',
      first: () => ['GET', '/me', undefined],
      second: () => [
        'POST',
        `/accounts/${w.accountId}/operators`,
        { username: 'ROOT-ADMIN', password: PASSWORD, role: 'admin' },
      ],
    },
  ] as const;

  it.each(CONFLICTS)('$name → 409, nothing written', async (conflictCase) => {
    const first = conflictCase.first as () => [string, string, unknown];
    const second = conflictCase.second as () => [string, string, unknown];
    const [m1, p1, b1] = first();
    expect((await t.request(m1, p1, { token: t.adminToken, body: b1 })).status).toBeLessThan(300);
    const before = await snapshot();
    const [m2, p2, b2] = second();
    const response = await t.request(m2, p2, { token: t.adminToken, body: b2 });
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/already exists|not available/);
    expect(await snapshot()).toEqual(before);
  });

  it('never tell an owner that another account has a name', async () => {
    const other = await createAccountWorld(t, unique('Other Customer'));
    const { body: otherAccount } = await t.request('GET', `/accounts/${other.accountId}`, { token: t.adminToken });
    // An owner may give the account the name of another customer's: nothing is said about the other.
    const renamed = await t.request('PATCH', `/accounts/${w.accountId}`, {
      token: w.tokens.owner,
      body: { name: otherAccount.name.toUpperCase() },
    });
    expect(renamed.status).toBe(200);
    expect(JSON.stringify(renamed.body)).not.toContain(other.accountId);
    // The platform admin, who sees every account, is told of the clash.
    const byAdmin = await t.request('PATCH', `/accounts/${other.accountId}`, {
      token: t.adminToken,
      body: { name: `${otherAccount.name} (new)` },
    });
    expect(byAdmin.status).toBe(200);
    const clash = await t.request('PATCH', `/accounts/${w.accountId}`, {
      token: t.adminToken,
      body: { name: `${otherAccount.name} (NEW)` },
    });
    expect(clash.status).toBe(409);
    expect(
      (
        await t.request('POST', '/accounts', {
          token: t.adminToken,
          body: { name: `${otherAccount.name} (new)`, subscription: { model: 'named' } },
        })
      ).status,
    ).toBe(409);
  });

  it('answer an operator username in use anywhere the same way, naming no account', async () => {
    const other = await createAccountWorld(t);
    const ownUsername = unique('own-operator');
    expect(
      (
        await t.request('POST', `/accounts/${w.accountId}/operators`, {
          token: w.tokens.owner,
          body: { username: ownUsername, password: PASSWORD, role: 'admin' },
        })
      ).status,
    ).toBe(201);
    const { body: othersOperator } = await t.request('GET', `/operators/${other.operatorIds.admin}`, {
      token: other.tokens.owner,
    });
    const answers = [];
    for (const username of [ownUsername, othersOperator.username, 'ROOT-ADMIN']) {
      const created = await t.request('POST', `/accounts/${w.accountId}/operators`, {
        token: w.tokens.owner,
        body: { username, password: PASSWORD, role: 'admin' },
      });
      const renamed = await t.request('PATCH', `/operators/${w.operatorIds.billing}`, {
        token: w.tokens.owner,
        body: { username },
      });
      answers.push([created.status, created.body], [renamed.status, renamed.body]);
    }
    // One answer for a clash in the caller's own account, in another account and with the platform admin.
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    const [[status, body]] = answers as [[number, { detail: string }]];
    expect(status).toBe(409);
    expect(body.detail).not.toMatch(/exist|account|platform|admin/i);
  });

  it('allows the same tenant name in two environments', async () => {
    for (const environmentId of [w.environmentId, w.otherEnvironmentId]) {
      const response = await t.request('POST', `/environments/${environmentId}/tenants`, {
        token: t.adminToken,
        body: { name: 'Shared Name' },
      });
      expect(response.status).toBe(201);
    }
  });
});

describe('domain lists', () => {
  it('are lower-cased, trimmed of a trailing dot and de-duplicated', async () => {
    const response = await t.request('PUT', `/environments/${w.environmentId}/internal-domains`, {
      token: t.adminToken,
      body: { domains: ['Acme.COM', 'acme.com.', 'HR.acme.com'] },
    });
    expect(response.body).toEqual({ domains: ['acme.com', 'hr.acme.com'] });
    expect(
      (await t.request('GET', `/environments/${w.environmentId}/internal-domains`, { token: t.adminToken })).body,
    ).toEqual({
      domains: ['acme.com', 'hr.acme.com'],
    });
  });
});
