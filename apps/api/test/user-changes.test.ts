/**
 * The changes each user route records (DESIGN.md §5): their types, subjects and payloads, and that each
 * audit row says exactly what its change event says (expectChanges checks both).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectChanges } from './changes.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

const call = (method: string, url: string, body?: unknown) => t.request(method, url, { token: w.tokens.admin, body });
const path = (suffix = '') => `/tenants/${w.tenantId}/users${suffix}`;

async function createUser(): Promise<Record<string, unknown> & { id: string }> {
  return expectStatus(
    await call('POST', path(), { username: unique('user'), email: `${unique('mail')}@example.com` }),
    201,
  ).body;
}

describe('user routes record their changes', () => {
  it('POST records user.created with the user as it was answered, in the tenant, by the caller', async () => {
    let created: Record<string, unknown> = {};
    const [event] = await expectChanges(t, async () => {
      created = expectStatus(await call('POST', path(), { username: unique('user') }), 201).body;
    }, [{ type: 'user.created' }]);
    expect(event).toMatchObject({
      subject: { type: 'user', id: created.id },
      before: null,
      after: created,
      accountId: w.accountId,
      tenantId: w.tenantId,
      environmentId: w.environmentId,
      actor: { kind: 'operator' },
    });
  });

  it('PATCH records user.updated with before and after, and nothing when nothing changes', async () => {
    const user = await createUser();
    const [event] = await expectChanges(
      t,
      async () => expectStatus(await call('PATCH', path(`/${user.id}`), { name: 'New Name' }), 200),
      [{ type: 'user.updated', subject: { type: 'user', id: user.id } }],
    );
    expect(event!.before).toMatchObject({ name: null });
    expect(event!.after).toMatchObject({ name: 'New Name' });
    await expectChanges(
      t,
      async () => expectStatus(await call('PATCH', path(`/${user.id}`), { name: 'New Name' }), 200),
      [],
    );
  });

  it('deactivate and activate record user.deactivated and user.activated, once each', async () => {
    const user = await createUser();
    await expectChanges(t, async () => {
      expectStatus(await call('POST', path(`/${user.id}/deactivate`)), 200);
      expectStatus(await call('POST', path(`/${user.id}/deactivate`)), 200);
      expectStatus(await call('POST', path(`/${user.id}/activate`)), 200);
    }, [
      {
        type: 'user.deactivated',
        before: expect.objectContaining({ isActive: true }),
        after: expect.objectContaining({ isActive: false }),
      },
      {
        type: 'user.activated',
        before: expect.objectContaining({ isActive: false }),
        after: expect.objectContaining({ isActive: true }),
      },
    ]);
  });

  it('PUT password records user.password.changed with neither the password nor its hash', async () => {
    const user = await createUser();
    const [event] = await expectChanges(
      t,
      async () =>
        expectStatus(await call('PUT', path(`/${user.id}/password`), { password: 'a fine long password' }), 204),
      [{ type: 'user.password.changed', before: null, after: null }],
    );
    expect(JSON.stringify(event)).not.toMatch(/a fine long password|argon2/);
  });

  it('DELETE records user.deleted with the user as it was; a refused delete records nothing', async () => {
    const user = await createUser();
    await expectChanges(
      t,
      async () => expectStatus(await call('DELETE', path(`/${user.id}?ifNoRoles=maybe`)), 400),
      [],
    );
    await expectChanges(t, async () => expectStatus(await call('DELETE', path(`/${user.id}`)), 204), [
      {
        type: 'user.deleted',
        subject: { type: 'user', id: user.id },
        before: expect.objectContaining({ id: user.id }),
        after: null,
      },
    ]);
  });

  it('hands the changes to their consumers right after the commit, leaving nothing for the relay', async () => {
    const [event] = await expectChanges(t, async () => createUser(), [{ type: 'user.created' }]);
    // Marks are written in batches, every 200 ms: well before the relay would look (10 s by default).
    const deliveredAt = async () =>
      (await t.db.query('SELECT delivered_at FROM outbox_events WHERE id = $1', [event!.id])).rows[0].delivered_at;
    await vi.waitFor(async () => expect(await deliveredAt()).toBeInstanceOf(Date), { timeout: 2_000, interval: 50 });
  });
});
