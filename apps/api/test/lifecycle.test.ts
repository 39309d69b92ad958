/** Rules of operators, accounts, environments and tenants beyond who may call what. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TRAIL } from './changes.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { LEGACY_ARGON2_HASHES } from './legacy-hashes.js';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

describe('operators', () => {
  it('keep at least one owner per account', async () => {
    const owner = w.operatorIds.owner;
    expect(
      (await t.request('PATCH', `/operators/${owner}`, { token: t.adminToken, body: { role: 'admin' } })).status,
    ).toBe(409);
    expect((await t.request('DELETE', `/operators/${owner}`, { token: t.adminToken })).status).toBe(409);
    const { body: second } = await t.request('POST', `/accounts/${w.accountId}/operators`, {
      token: w.tokens.owner,
      body: { username: unique('owner2'), password: PASSWORD, role: 'owner' },
    });
    expect((await t.request('DELETE', `/operators/${second.id}`, { token: w.tokens.owner })).status).toBe(204);
  });

  it('keep an owner when two owners demote each other at the same time, without a deadlock', async () => {
    // Issue 14: each request locked its target, then waited for the other's (a 500 from a deadlock).
    const unexpected: unknown[] = [];
    try {
      for (let attempt = 0; attempt < 15; attempt += 1) {
        const owners = [];
        for (const name of ['left', 'right']) {
          const username = unique(`owner-${name}`);
          const { body } = await t.request('POST', `/accounts/${w.accountId}/operators`, {
            token: t.adminToken,
            body: { username, password: PASSWORD, role: 'owner' },
          });
          owners.push({ id: body.id as string, token: await t.login(username, PASSWORD) });
        }
        // Leave these two as the account's only owners.
        await t.db.query(
          `UPDATE operators SET role = 'admin' WHERE account_id = $1 AND role = 'owner' AND id <> ALL($2)`,
          [w.accountId, owners.map((owner) => owner.id)],
        );
        const [left, right] = owners as [(typeof owners)[0], (typeof owners)[0]];
        const responses = await Promise.all([
          t.request('PATCH', `/operators/${right.id}`, { token: left.token, body: { role: 'admin' } }),
          t.request('PATCH', `/operators/${left.id}`, { token: right.token, body: { role: 'admin' } }),
        ]);
        // One wins; the other is refused as the last owner, or, if it arrives once the first is done,
        // as no longer an owner. Never a 500, nor a deadlock's "send it again".
        const [won, lost] = responses.sort((a, b) => a.status - b.status);
        const refusedRightly =
          lost!.status === 403 || (lost!.status === 409 && String(lost!.body.detail).includes('last owner'));
        if (won!.status !== 200 || !refusedRightly) unexpected.push(responses.map((r) => [r.status, r.body]));
        const { rows } = await t.db.query(
          `SELECT count(*)::int AS n FROM operators WHERE account_id = $1 AND role = 'owner'`,
          [w.accountId],
        );
        expect(rows[0].n).toBe(1);
      }
    } finally {
      await t.db.query(`UPDATE operators SET role = 'owner' WHERE id = $1`, [w.operatorIds.owner]);
    }
    expect(unexpected).toEqual([]);
  });

  it('end every session of an operator whose password changes', async () => {
    const username = unique('rotating');
    const { body: op } = await t.request('POST', `/accounts/${w.accountId}/operators`, {
      token: w.tokens.owner,
      body: { username, password: PASSWORD, role: 'admin' },
    });
    const token = await t.login(username, PASSWORD);
    expect(
      (
        await t.request('PATCH', `/operators/${op.id}`, {
          token: w.tokens.owner,
          body: { password: 'a brand new secret' },
        })
      ).status,
    ).toBe(200);
    expect((await t.request('GET', '/me', { token })).status).toBe(401);
    expect((await t.request('POST', '/auth/login', { body: { username, password: PASSWORD } })).status).toBe(401);
    await t.login(username.toUpperCase(), 'a brand new secret');
  });

  it('take a new role at once, and drop the tenant list when leaving tenant-admin', async () => {
    const username = unique('promoted');
    const { body: op } = await t.request('POST', `/accounts/${w.accountId}/operators`, {
      token: w.tokens.owner,
      body: { username, password: PASSWORD, role: 'tenant-admin', tenantIds: [w.tenantId] },
    });
    const token = await t.login(username, PASSWORD);
    expect((await t.request('PATCH', `/environments/${w.environmentId}`, { token, body: {} })).status).toBe(403);
    const { body: updated } = await t.request('PATCH', `/operators/${op.id}`, {
      token: w.tokens.owner,
      body: { role: 'admin' },
    });
    expect(updated).toMatchObject({ role: 'admin', tenantIds: [] });
    expect((await t.request('PATCH', `/environments/${w.environmentId}`, { token, body: {} })).status).toBe(200);
  });

  it('never get a username equal to their password, whichever of the two changes', async () => {
    const { body: op } = await t.request('POST', `/accounts/${w.accountId}/operators`, {
      token: w.tokens.owner,
      body: { username: unique('renamed'), password: 'operator.passphrase', role: 'admin' },
    });
    for (const username of ['operator.passphrase', 'Operator.Passphrase']) {
      const response = await t.request('PATCH', `/operators/${op.id}`, { token: w.tokens.owner, body: { username } });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'username', message: expect.stringContaining('password') }]);
    }
    const samePassword = await t.request('PATCH', `/operators/${op.id}`, {
      token: w.tokens.owner,
      body: { password: op.username.toUpperCase() },
    });
    expect(samePassword.status).toBe(400);
    expect(samePassword.body.errors).toEqual([{ field: 'password', message: expect.stringContaining('username') }]);
    const { body: after } = await t.request('GET', `/operators/${op.id}`, { token: w.tokens.owner });
    expect(after.username).toBe(op.username);
    await t.login(op.username, 'operator.passphrase');
  });

  it('never expose a password hash', async () => {
    const { body } = await t.request('GET', `/accounts/${w.accountId}/operators`, { token: w.tokens.owner });
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);
  });

  it('get the lighter argon2id hash at their next login when theirs is older', async () => {
    const username = unique('upgraded');
    const { body: op } = await t.request('POST', `/accounts/${w.accountId}/operators`, {
      token: w.tokens.owner,
      body: { username, password: PASSWORD, role: 'billing' },
    });
    const hashOf = async () =>
      (await t.db.query('SELECT password_hash FROM operators WHERE id = $1', [op.id])).rows[0].password_hash;
    expect(await hashOf()).toMatch(/\$m=19456,t=2,p=1\$/);
    await t.db.query('UPDATE operators SET password_hash = $2 WHERE id = $1', [op.id, LEGACY_ARGON2_HASHES[PASSWORD]!]);
    expect((await t.request('POST', '/auth/login', { body: { username, password: PASSWORD } })).status).toBe(200);
    expect(await hashOf()).toMatch(/\$m=19456,t=2,p=1\$/);
    expect((await t.request('POST', '/auth/login', { body: { username, password: PASSWORD } })).status).toBe(200);
  });

  it('log in with one answer for unknown users and wrong passwords', async () => {
    const unknown = await t.request('POST', '/auth/login', { body: { username: 'nobody-at-all', password: PASSWORD } });
    const wrong = await t.request('POST', '/auth/login', {
      body: { username: 'root-admin', password: 'wrong password' },
    });
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });
});

describe('API keys', () => {
  it('show the key once, store only a hash, and act with their role', async () => {
    const { body: created } = await t.request('POST', `/accounts/${w.accountId}/api-keys`, {
      token: w.tokens.owner,
      body: { name: 'deploy', role: 'admin' },
    });
    expect(created.key).toMatch(/^rst_/);
    expect(created.key.startsWith(created.keyPrefix)).toBe(true);
    const { body: list } = await t.request('GET', `/accounts/${w.accountId}/api-keys`, { token: w.tokens.owner });
    expect(JSON.stringify(list)).not.toContain(created.key);
    const { rows } = await t.db.query('SELECT key_hash FROM api_keys WHERE id = $1', [created.id]);
    expect(rows[0].key_hash.toString('utf8')).not.toContain(created.key);
    const me = await t.request('GET', '/me', { token: created.key });
    expect(me.body).toMatchObject({ kind: 'api-key', username: 'deploy', role: 'admin', accountId: w.accountId });
  });

  it('cannot log out (they are revoked instead)', async () => {
    expect((await t.request('POST', '/auth/logout', { token: w.keys.admin })).status).toBe(403);
  });
});

describe('accounts', () => {
  it('merge a partial subscription change and validate the result', async () => {
    const { body } = await t.request('PATCH', `/accounts/${w.accountId}`, {
      token: t.adminToken,
      body: { subscription: { internalLimit: 100, externalLimit: null } },
    });
    expect(body.subscription).toEqual({
      model: 'internal-external',
      internalLimit: 100,
      externalLimit: null,
      namedLimit: null,
      aggregation: 'sum',
      billingDay: 1,
    });
    const bad = await t.request('PATCH', `/accounts/${w.accountId}`, {
      token: t.adminToken,
      body: { subscription: { model: 'named' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'subscription.internalLimit' })]);
  });

  it('set the billing day with the subscription, 1 to 28 so that every month has it', async () => {
    const set = await t.request('PATCH', `/accounts/${w.accountId}`, {
      token: t.adminToken,
      body: { subscription: { billingDay: 15 } },
    });
    expect(expectStatus(set, 200).body.subscription).toMatchObject({ model: 'internal-external', billingDay: 15 });
    for (const billingDay of [0, 29, 1.5, '15']) {
      const bad = await t.request('PATCH', `/accounts/${w.accountId}`, {
        token: t.adminToken,
        body: { subscription: { billingDay } },
      });
      expect(bad.status, String(billingDay)).toBe(400);
      expect(bad.body.errors[0].field).toBe('subscription.billingDay');
    }
    const created = await t.request('POST', '/accounts', {
      token: t.adminToken,
      body: { name: unique('billed'), subscription: { model: 'named', billingDay: 28 } },
    });
    expect(expectStatus(created, 201).body.subscription.billingDay).toBe(28);
    // The account count of the next case is this file's own: leave none behind.
    expectStatus(await t.request('DELETE', `/accounts/${created.body.id}`, { token: t.adminToken }), 204);
  });

  it('refuse a subscription change by the owner with 403', async () => {
    const response = await t.request('PATCH', `/accounts/${w.accountId}`, {
      token: w.tokens.owner,
      body: { subscription: { internalLimit: 1 } },
    });
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('platform admin');
  });

  it('list everything for the platform admin and only the own account for others', async () => {
    const other = await createAccountWorld(t);
    const all = await t.request('GET', '/accounts?limit=1&includeTotal=true', { token: t.adminToken });
    expect(all.body.total).toBe(2);
    expect(all.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.request('GET', `/accounts?limit=1&cursor=${all.body.nextCursor}`, { token: t.adminToken });
    expect(page2.body.items[0].id).not.toBe(all.body.items[0].id);
    expect(page2.body.nextCursor).toBeNull();
    const own = await t.request('GET', '/accounts', { token: other.tokens.billing });
    expect(own.body.items.map((a: { id: string }) => a.id)).toEqual([other.accountId]);
  });

  it('delete with everything in it, keeping the audit trail', async () => {
    const doomed = await createAccountWorld(t);
    expect((await t.request('DELETE', `/accounts/${doomed.accountId}`, { token: t.adminToken })).status).toBe(204);
    expect((await t.request('GET', '/me', { token: doomed.tokens.owner })).status).toBe(401);
    expect((await t.request('GET', '/me', { token: doomed.keys.owner })).status).toBe(401);
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM tenants WHERE account_id = $1', [
      doomed.accountId,
    ]);
    expect(rows[0].n).toBe(0);
    const { rows: audit } = await t.db.query(
      `SELECT action FROM ${AUDIT_TRAIL} WHERE account_id = $1 ORDER BY id DESC LIMIT 1`,
      [doomed.accountId],
    );
    expect(audit[0].action).toBe('account.deleted');
  });
});

describe('environments and tenants', () => {
  it('refuse to delete an environment while it has tenants', async () => {
    const response = await t.request('DELETE', `/environments/${w.otherEnvironmentId}`, { token: w.tokens.admin });
    expect(response.status).toBe(409);
    expect(response.body.detail).toContain('1 tenant');
  });

  it('show tenant-admins only their tenants and environments', async () => {
    const tenants = await t.request('GET', `/environments/${w.environmentId}/tenants`, {
      token: w.tokens['tenant-admin'],
    });
    expect(tenants.body.items.map((x: { id: string }) => x.id)).toEqual([w.tenantId]);
    const environments = await t.request('GET', `/accounts/${w.accountId}/environments`, {
      token: w.keys['tenant-admin'],
    });
    expect(environments.body.items.map((x: { id: string }) => x.id)).toEqual([w.environmentId]);
    const all = await t.request('GET', `/environments/${w.environmentId}/tenants?includeTotal=true`, {
      token: w.tokens.admin,
    });
    expect(all.body.total).toBeGreaterThanOrEqual(2);
  });

  it('take a deleted tenant off every tenant-admin list', async () => {
    const { body: tenant } = await t.request('POST', `/environments/${w.environmentId}/tenants`, {
      token: w.tokens.admin,
      body: { name: unique('short-lived') },
    });
    const { body: op } = await t.request('POST', `/accounts/${w.accountId}/operators`, {
      token: w.tokens.owner,
      body: { username: unique('ta'), password: PASSWORD, role: 'tenant-admin', tenantIds: [tenant.id, w.tenantId] },
    });
    expect((await t.request('DELETE', `/tenants/${tenant.id}`, { token: w.tokens.admin })).status).toBe(204);
    expect((await t.request('GET', `/operators/${op.id}`, { token: w.tokens.owner })).body.tenantIds).toEqual([
      w.tenantId,
    ]);
  });
});
