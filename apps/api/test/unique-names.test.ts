/**
 * Names that must not repeat: API keys per account (checked under a lock, ignoring case), and the
 * 409 of every duplicate name naming its field, so a client can mark the field rather than guess.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_PREFIX, newSecret, sha256 } from '../src/auth/secrets.js';
import { startTestApp, type TestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

function createKey(accountId: string, name: string, token = w.tokens.owner) {
  return t.request('POST', `/accounts/${accountId}/api-keys`, { token, body: { name, role: 'billing' } });
}

describe('API key names', () => {
  it('are unique per account ignoring case: a second "Billing export" is a 409 naming the field', async () => {
    expect((await createKey(w.accountId, 'Billing export')).status).toBe(201);
    const duplicate = await createKey(w.accountId, 'BILLING EXPORT');
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers['content-type']).toContain('application/problem+json');
    expect(duplicate.body.detail).toMatch(/API key with this name already exists/);
    expect(duplicate.body.errors).toEqual([{ field: 'name', message: duplicate.body.detail }]);
  });

  it('may repeat in another account', async () => {
    const other = await createAccountWorld(t);
    expect((await createKey(w.accountId, 'Shared name')).status).toBe(201);
    expect((await createKey(other.accountId, 'shared name', t.adminToken)).status).toBe(201);
  });

  it('stay unique when the same name is created many times at once', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => createKey(w.accountId, 'Nightly sync')));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const { body: list } = await t.request('GET', `/accounts/${w.accountId}/api-keys?limit=200`, {
      token: w.tokens.owner,
    });
    expect(list.items.filter((key: { name: string }) => key.name === 'Nightly sync')).toHaveLength(1);
  });

  it('keys that shared a name before the rule keep working, and the name stays taken', async () => {
    const secrets = [newSecret(API_KEY_PREFIX), newSecret(API_KEY_PREFIX)];
    for (const secret of secrets) {
      await t.db.query(
        `INSERT INTO api_keys (id, account_id, name, role, tenant_ids, key_hash, key_prefix)
         VALUES (gen_random_uuid(), $1, 'Legacy twin', 'owner', '{}', $2, $3)`,
        [w.accountId, sha256(secret), secret.slice(0, API_KEY_PREFIX.length + 6)],
      );
    }
    for (const secret of secrets) {
      expect((await t.request('GET', `/accounts/${w.accountId}`, { token: secret })).status).toBe(200);
    }
    expect((await createKey(w.accountId, 'legacy twin')).status).toBe(409);
  });
});

describe('a duplicate name', () => {
  it('of an environment, tenant or account names the field in errors[]', async () => {
    const environment = await t.request('POST', `/accounts/${w.accountId}/environments`, {
      token: w.tokens.owner,
      body: { name: 'production', kind: 'production' },
    });
    expect(environment.status).toBe(409);
    expect(environment.body.errors).toEqual([{ field: 'name', message: environment.body.detail }]);

    const tenant = await t.request('POST', `/environments/${w.environmentId}/tenants`, {
      token: w.tokens.owner,
      body: { name: 'TENANT ONE' },
    });
    expect(tenant.status).toBe(409);
    expect(tenant.body.errors).toEqual([{ field: 'name', message: tenant.body.detail }]);

    const { body: account } = await t.request('GET', `/accounts/${w.accountId}`, { token: t.adminToken });
    const other = await createAccountWorld(t);
    const renamed = await t.request('PATCH', `/accounts/${other.accountId}`, {
      token: t.adminToken,
      body: { name: account.name },
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.errors).toEqual([{ field: 'name', message: renamed.body.detail }]);
  });
});
