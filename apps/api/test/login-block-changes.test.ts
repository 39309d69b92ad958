/**
 * The changes the login-block routes record (DESIGN.md §5): unblocking a user records user.unblocked, lifting
 * one block records login-block.lifted on the user its username belongs to (or on the tenant), and a refused
 * request records nothing; logins themselves record no change. expectChanges also checks each audit row
 * equals its change event.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock.js';
import { expectChanges } from './changes.js';
import { expectStatus, type Response, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

const PASSWORD = 'end-user passphrase';
const WRONG = 'not the passphrase';

let t: TestApp;
let w: AccountWorld;
let now: number;

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  // Frozen time: a block's end is then known to the millisecond.
  const clock = t.app.get(Clock);
  clock.now = () => new Date(now);
}, 60_000);
afterAll(async () => t?.close());
beforeEach(() => {
  now = Date.now();
});

let ipCount = 0;
/** A client address no other test of this file uses. */
const freshIp = () => {
  ipCount += 1;
  return `10.41.${Math.floor(ipCount / 250)}.${(ipCount % 250) + 1}`;
};

const call = (method: string, url: string, token = w.tokens.admin) => t.request(method, url, { token });
const tenantPath = (suffix: string) => `/tenants/${w.tenantId}${suffix}`;
const login = (username: string, password: string, ip: string): Promise<Response> =>
  t.request('POST', tenantPath('/auth/login'), { body: { username, password }, remoteAddress: ip });

async function createUser(): Promise<{ id: string; username: string }> {
  const body = { username: unique('blocked'), password: PASSWORD };
  return expectStatus(await t.request('POST', tenantPath('/users'), { token: w.tokens.admin, body }), 201).body;
}

/** Three failures of one username from one address block the pair for 30 seconds. */
async function blockPair(username: string, ip: string): Promise<void> {
  for (let i = 0; i < 3; i += 1) expect((await login(username, WRONG, ip)).status).toBe(401);
  expect((await login(username, PASSWORD, ip)).status).toBe(429);
}

interface Block {
  id: string;
  kind: string;
  address: string | null;
  userId: string | null;
  until: string;
}

async function blocks(): Promise<Block[]> {
  return expectStatus(await call('GET', tenantPath('/login-blocks?limit=100')), 200).body.items;
}

describe('login-block routes record their changes', () => {
  it('the failure that blocks a user’s username records user.blocked on the user, by Roster', async () => {
    const user = await createUser();
    const ip = freshIp();
    const changes = await expectChanges(t, async () => blockPair(user.username, ip), [
      {
        type: 'user.blocked',
        subject: { type: 'user', id: user.id },
        before: null,
        after: { scopes: ['username'], at: expect.any(String) },
      },
    ]);
    expect(changes[0]).toMatchObject({ tenantId: w.tenantId, actor: { kind: 'system', id: null } });
  });

  it('logging in, failing or succeeding, records no change (a last login is not an audit event)', async () => {
    const user = await createUser();
    const ip = freshIp();
    await expectChanges(t, async () => {
      expect((await login(user.username, WRONG, ip)).status).toBe(401);
      expect((await login(unique('nobody'), WRONG, ip)).status).toBe(401);
      expectStatus(await login(user.username, PASSWORD, ip), 200);
    }, []);
  });

  it('POST /users/{id}/unblock records user.unblocked on the user, by the operator, in the tenant', async () => {
    const user = await createUser();
    const ip = freshIp();
    await blockPair(user.username, ip);
    const [event] = await expectChanges(
      t,
      async () => expect((await call('POST', tenantPath(`/users/${user.id}/unblock`))).status).toBe(204),
      [{ type: 'user.unblocked', subject: { type: 'user', id: user.id }, before: null, after: null }],
    );
    expect(event).toMatchObject({
      accountId: w.accountId,
      tenantId: w.tenantId,
      environmentId: w.environmentId,
      actor: { kind: 'operator' },
    });
    expectStatus(await login(user.username, PASSWORD, ip), 200);
  });

  it('unblocking an unknown user, or without the right, is refused and records nothing', async () => {
    const user = await createUser();
    await expectChanges(t, async () => {
      const missing = await call('POST', tenantPath('/users/0190f2a0-0000-7000-8000-000000000000/unblock'));
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect((await call('POST', tenantPath(`/users/${user.id}/unblock`), w.tokens.billing)).status).toBe(403);
    }, []);
  });

  it('DELETE /login-blocks/{id} of a known user’s block records login-block.lifted on the user', async () => {
    const user = await createUser();
    const ip = freshIp();
    await blockPair(user.username, ip);
    const block = (await blocks()).find((candidate) => candidate.userId === user.id)!;
    expect(block).toMatchObject({ kind: 'user-address', address: ip });
    await expectChanges(
      t,
      async () => expect((await call('DELETE', tenantPath(`/login-blocks/${block.id}`))).status).toBe(204),
      [
        {
          type: 'login-block.lifted',
          subject: { type: 'user', id: user.id },
          before: { kind: 'user-address', address: ip, until: new Date(now + 30_000).toISOString() },
          after: null,
          tenantId: w.tenantId,
          actor: expect.objectContaining({ kind: 'operator' }),
        },
      ],
    );
  });

  it('lifting the block of a username no user has records login-block.lifted on the tenant', async () => {
    const ip = freshIp();
    await blockPair(unique('ghost'), ip);
    const block = (await blocks()).find((candidate) => candidate.address === ip)!;
    expect(block).toMatchObject({ kind: 'user-address', userId: null });
    await expectChanges(
      t,
      async () => expect((await call('DELETE', tenantPath(`/login-blocks/${block.id}`))).status).toBe(204),
      [
        {
          type: 'login-block.lifted',
          subject: { type: 'tenant', id: w.tenantId },
          before: { kind: 'user-address', address: ip, until: new Date(now + 30_000).toISOString() },
          after: null,
        },
      ],
    );
  });

  it('lifting a block that is not in force, or without the right, is refused and records nothing', async () => {
    const ip = freshIp();
    await blockPair(unique('ghost'), ip);
    const block = (await blocks()).find((candidate) => candidate.address === ip)!;
    await expectChanges(t, async () => {
      expect((await call('DELETE', tenantPath(`/login-blocks/${block.id}`), w.tokens.billing)).status).toBe(403);
      expect((await call('DELETE', tenantPath('/login-blocks/not-a-block'))).status).toBe(404);
    }, []);
    // Lifted once, the second request finds nothing to lift: one change, not two.
    await expectChanges(t, async () => {
      expect((await call('DELETE', tenantPath(`/login-blocks/${block.id}`))).status).toBe(204);
      expect((await call('DELETE', tenantPath(`/login-blocks/${block.id}`))).status).toBe(404);
    }, [{ type: 'login-block.lifted', subject: { type: 'tenant', id: w.tenantId } }]);
  });
});
