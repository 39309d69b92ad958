/**
 * The changes the operator and API-key routes record (DESIGN.md §5), and that each audit row says exactly what
 * its change says (expectChanges checks both). Never a password, a hash or a key in either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectChanges } from './changes.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

const asOwner = (method: string, url: string, body?: unknown) =>
  t.request(method, url, { token: w.tokens.owner, body });

describe('operator routes record their changes', () => {
  it('create, update, a new password and delete record operator.*, with no secret in them', async () => {
    let id = '';
    const changes = await expectChanges(t, async () => {
      id = expectStatus(
        await asOwner('POST', `/accounts/${w.accountId}/operators`, {
          username: unique('op'),
          password: PASSWORD,
          role: 'tenant-admin',
          tenantIds: [w.tenantId],
        }),
        201,
      ).body.id;
      expectStatus(await asOwner('PATCH', `/operators/${id}`, { role: 'billing' }), 200);
      expectStatus(await asOwner('PATCH', `/operators/${id}`, { password: 'another fine password' }), 200);
      expectStatus(await asOwner('DELETE', `/operators/${id}`), 204);
    }, [
      { type: 'operator.created', before: null, after: expect.objectContaining({ role: 'tenant-admin' }) },
      {
        type: 'operator.updated',
        before: expect.objectContaining({ role: 'tenant-admin', tenantIds: [w.tenantId] }),
        after: expect.objectContaining({ role: 'billing', tenantIds: [] }),
      },
      { type: 'operator.updated.password-changed' },
      { type: 'operator.deleted', after: null },
    ]);
    for (const change of changes) {
      expect(change).toMatchObject({ subject: { type: 'operator', id }, accountId: w.accountId, tenantId: null });
      expect(JSON.stringify(change)).not.toMatch(/fine password|argon2|correct horse/);
    }
  });

  it('a refused change records nothing: the last owner stays', async () => {
    await expectChanges(
      t,
      async () => expectStatus(await asOwner('PATCH', `/operators/${w.operatorIds.owner}`, { role: 'admin' }), 409),
      [],
    );
  });
});

describe('API key routes record their changes', () => {
  it('create and delete record api-key.created and api-key.deleted, never the key', async () => {
    let id = '';
    let key = '';
    const changes = await expectChanges(t, async () => {
      const created = expectStatus(
        await asOwner('POST', `/accounts/${w.accountId}/api-keys`, { name: unique('key'), role: 'billing' }),
        201,
      ).body;
      ({ id, key } = created);
      expectStatus(await asOwner('DELETE', `/api-keys/${id}`), 204);
    }, [
      { type: 'api-key.created', before: null },
      { type: 'api-key.deleted', after: null },
    ]);
    for (const change of changes) expect(change.subject).toEqual({ type: 'api-key', id });
    expect(JSON.stringify(changes)).not.toContain(key);
  });

  it('a name taken records nothing', async () => {
    const name = unique('key');
    expectStatus(await asOwner('POST', `/accounts/${w.accountId}/api-keys`, { name, role: 'billing' }), 201);
    await expectChanges(
      t,
      async () =>
        expectStatus(
          await asOwner('POST', `/accounts/${w.accountId}/api-keys`, { name: name.toUpperCase(), role: 'billing' }),
          409,
        ),
      [],
    );
  });
});
