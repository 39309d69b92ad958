/**
 * Expiring role grants (issue 18, API.md §10): `PUT .../roles/:roleKey` with `{expiresAt}`. A grant counts until
 * its instant and not from it on, in effective roles, role checks (cached or not), logins and their tokens, and
 * the lists of a role's holders; re-granting changes or removes the expiry; a past one is refused. The API's time
 * is its injectable Clock, moved by the tests; the holders lists go by the database's time, so their fixtures
 * set expiries relative to it.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock.js';
import { changeMark, changesSince, expectChanges } from './changes.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';

let t: TestApp;
let w: AccountWorld;
/** The app's time, frozen while a test runs (each starts from the real time). */
let now: number;

const ROLES = { temp: { roleKey: 'ops.temp', roleName: 'Temporary' }, keep: { roleKey: 'ops.keep', roleName: 'Kept' } };
const MINUTE = 60_000;

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  const clock = t.app.get(Clock);
  clock.now = () => new Date(now);
  now = Date.now();
  expectStatus(
    await admin('PUT', `/environments/${w.environmentId}/applications/ops`, {
      name: 'Ops',
      roles: Object.values(ROLES).map((role) => ({ key: role.roleKey, name: role.roleName })),
    }),
    201,
  );
}, 60_000);
afterAll(async () => t?.close());
beforeEach(() => {
  now = Date.now();
});

function admin(method: string, url: string, body?: unknown) {
  return t.request(method, url, { token: w.tokens.admin, ...(body === undefined ? {} : { body }) });
}
const tenant = (path: string) => `/tenants/${w.tenantId}${path}`;
/** An instant `ms` after the app's now, as the API's clients write it. */
const inFuture = (ms: number) => new Date(now + ms).toISOString();
/** Moves the app's clock to `instant` plus `ms`. */
const moveTo = (instant: string, ms = 0) => {
  now = Date.parse(instant) + ms;
};

async function createUser(body: Record<string, unknown> = {}): Promise<string> {
  return expectStatus(await admin('POST', tenant('/users'), { username: unique('temp'), ...body }), 201).body.id;
}
async function createGroup(): Promise<string> {
  return expectStatus(await admin('POST', tenant('/groups'), { name: unique('group') }), 201).body.id;
}
const grantUser = (userId: string, roleKey: string, body?: unknown) =>
  admin('PUT', tenant(`/users/${userId}/roles/${roleKey}`), body);
const grantGroup = (groupId: string, roleKey: string, body?: unknown) =>
  admin('PUT', tenant(`/groups/${groupId}/roles/${roleKey}`), body);

/** POST …/users/bulk with grant-role, its terms (`{expiresAt}`) merged into the body. */
const bulkGrant = (userIds: string[], roleKey: string, terms: object = {}) =>
  admin('POST', tenant('/users/bulk'), { action: 'grant-role', userIds, roleKey, ...terms });

async function effective(userId: string) {
  return expectStatus(await admin('GET', tenant(`/users/${userId}/roles`)), 200).body;
}
async function check(userId: string, roleKey: string): Promise<boolean> {
  return expectStatus(await admin('GET', tenant(`/users/${userId}/check-role/${roleKey}`)), 200).body.granted;
}

describe('a direct grant with expiresAt', () => {
  it('shows its expiry among the effective roles, and counts until the instant, not at or after it', async () => {
    const user = await createUser();
    const expiresAt = inFuture(10 * MINUTE);
    expectStatus(await grantUser(user, ROLES.temp.roleKey, { expiresAt }), 204);
    expectStatus(await grantUser(user, ROLES.keep.roleKey), 204);

    expect((await effective(user)).items).toEqual([
      expect.objectContaining({ key: ROLES.keep.roleKey, sources: [{ type: 'direct' }] }),
      expect.objectContaining({ key: ROLES.temp.roleKey, sources: [{ type: 'direct', expiresAt }] }),
    ]);
    // A millisecond before: granted (and the role state is now cached).
    moveTo(expiresAt, -1);
    expect(await check(user, ROLES.temp.roleKey)).toBe(true);
    expect(await check(user, ROLES.temp.roleKey)).toBe(true);
    // At the instant, from the same cached state: no longer.
    moveTo(expiresAt);
    expect(await check(user, ROLES.temp.roleKey)).toBe(false);
    expect((await effective(user)).items.map((item: { key: string }) => item.key)).toEqual([ROLES.keep.roleKey]);
    moveTo(expiresAt, 1);
    expect(await check(user, ROLES.temp.roleKey)).toBe(false);
    expect(await check(user, ROLES.keep.roleKey)).toBe(true);
  });

  it('is suspended with the user like any grant, and stays expired for the roles activation would restore', async () => {
    const user = await createUser();
    const expiresAt = inFuture(MINUTE);
    expectStatus(await grantUser(user, ROLES.temp.roleKey, { expiresAt }), 204);
    expectStatus(await admin('POST', tenant(`/users/${user}/deactivate`)), 200);
    expect((await effective(user)).restoredOnActivation).toEqual([
      expect.objectContaining({ key: ROLES.temp.roleKey, sources: [{ type: 'direct', expiresAt }] }),
    ]);
    moveTo(expiresAt);
    expect(await effective(user)).toEqual({ items: [], suspended: true, restoredOnActivation: [] });
  });
});

describe('a group grant with expiresAt', () => {
  it('gives every member the role until the instant, and lists the group’s grant with its expiry until then', async () => {
    const [member, direct] = [await createUser(), await createUser()];
    const group = await createGroup();
    expectStatus(await admin('PUT', tenant(`/groups/${group}/members/${member}`)), 204);
    expectStatus(await admin('PUT', tenant(`/groups/${group}/members/${direct}`)), 204);
    expectStatus(await grantUser(direct, ROLES.temp.roleKey), 204);
    const expiresAt = inFuture(5 * MINUTE);
    expectStatus(await grantGroup(group, ROLES.temp.roleKey, { expiresAt }), 204);

    const groupRoles = async () =>
      expectStatus(await admin('GET', tenant(`/groups/${group}/roles`)), 200).body.items as { key: string }[];
    expect(await groupRoles()).toEqual([expect.objectContaining({ key: ROLES.temp.roleKey, expiresAt })]);
    const source = { type: 'group', groupId: group, groupName: expect.any(String), expiresAt };
    expect((await effective(member)).items).toEqual([expect.objectContaining({ sources: [source] })]);
    expect((await effective(direct)).items).toEqual([
      expect.objectContaining({ sources: [{ type: 'direct' }, source] }),
    ]);

    moveTo(expiresAt, -1);
    expect(await check(member, ROLES.temp.roleKey)).toBe(true);
    moveTo(expiresAt);
    expect(await check(member, ROLES.temp.roleKey)).toBe(false);
    // Held directly too: only the group's source went.
    expect(await check(direct, ROLES.temp.roleKey)).toBe(true);
    expect((await effective(direct)).items).toEqual([expect.objectContaining({ sources: [{ type: 'direct' }] })]);
    expect(await groupRoles()).toEqual([]);
  });
});

describe('re-granting', () => {
  it('changes the expiry, removes it with null or no body, and records each change (only changes)', async () => {
    const user = await createUser();
    const path = `/users/${user}/roles/${ROLES.temp.roleKey}`;
    const [first, later] = [inFuture(MINUTE), inFuture(60 * MINUTE)];
    const subject = { type: 'user' as const, id: user };
    await expectChanges(t, async () => expectStatus(await admin('PUT', tenant(path), { expiresAt: first }), 204), [
      { type: 'user.role.granted', subject, before: null, after: { ...ROLES.temp, expiresAt: first } },
    ]);
    await expectChanges(t, async () => {
      expectStatus(await admin('PUT', tenant(path), { expiresAt: later }), 204);
      // The same terms again: nothing changes, nothing is recorded.
      expectStatus(await admin('PUT', tenant(path), { expiresAt: later }), 204);
    }, [
      {
        type: 'user.role.granted',
        subject,
        before: { ...ROLES.temp, expiresAt: first },
        after: { ...ROLES.temp, expiresAt: later },
      },
    ]);
    moveTo(first, 1);
    expect(await check(user, ROLES.temp.roleKey)).toBe(true);
    expect((await effective(user)).items[0].sources).toEqual([{ type: 'direct', expiresAt: later }]);

    await expectChanges(t, async () => expectStatus(await admin('PUT', tenant(path), { expiresAt: null }), 204), [
      { type: 'user.role.granted', subject, before: { ...ROLES.temp, expiresAt: later }, after: ROLES.temp },
    ]);
    moveTo(later, 1);
    expect(await check(user, ROLES.temp.roleKey)).toBe(true);
    expect((await effective(user)).items[0].sources).toEqual([{ type: 'direct' }]);

    // A PUT without a body sets a grant without expiry too.
    const soon = inFuture(MINUTE);
    expectStatus(await admin('PUT', tenant(path), { expiresAt: soon }), 204);
    await expectChanges(t, async () => expectStatus(await admin('PUT', tenant(path)), 204), [
      { type: 'user.role.granted', before: { ...ROLES.temp, expiresAt: soon }, after: ROLES.temp },
    ]);
    await expectChanges(t, async () => expectStatus(await admin('PUT', tenant(path), {}), 204), []);
  });

  it('of a group grant changes its expiry for every member', async () => {
    const [user, group] = [await createUser(), await createGroup()];
    expectStatus(await admin('PUT', tenant(`/groups/${group}/members/${user}`)), 204);
    const [first, later] = [inFuture(MINUTE), inFuture(2 * MINUTE)];
    expectStatus(await grantGroup(group, ROLES.temp.roleKey, { expiresAt: first }), 204);
    await expectChanges(
      t,
      async () => expectStatus(await grantGroup(group, ROLES.temp.roleKey, { expiresAt: later }), 204),
      [
        {
          type: 'group.role.granted',
          subject: { type: 'group', id: group },
          before: { ...ROLES.temp, expiresAt: first },
          after: { ...ROLES.temp, expiresAt: later },
        },
      ],
    );
    moveTo(first);
    expect(await check(user, ROLES.temp.roleKey)).toBe(true);
    moveTo(later);
    expect(await check(user, ROLES.temp.roleKey)).toBe(false);
  });

  it('after the instant is a new grant (the expired one held nothing)', async () => {
    const user = await createUser();
    const expired = inFuture(MINUTE);
    expectStatus(await grantUser(user, ROLES.temp.roleKey, { expiresAt: expired }), 204);
    moveTo(expired, 1);
    expect(await check(user, ROLES.temp.roleKey)).toBe(false);
    await expectChanges(t, async () => expectStatus(await grantUser(user, ROLES.temp.roleKey), 204), [
      { type: 'user.role.granted', subject: { type: 'user', id: user }, before: null, after: ROLES.temp },
    ]);
    expect(await check(user, ROLES.temp.roleKey)).toBe(true);
  });
});

describe('bulk grant-role with expiresAt', () => {
  /** The changes `act` recorded, by subject (a bulk action records its users in no set order). */
  async function changesBySubject(act: () => Promise<unknown>) {
    const mark = await changeMark(t);
    await act();
    return new Map((await changesSince(t, mark)).map((change) => [change.subject.id, change]));
  }

  it('sets every user’s direct grant to expire then, as the single PUT does, recording only what changed', async () => {
    const [fresh, permanent, same, other, expired] = [
      await createUser(),
      await createUser(),
      await createUser(),
      await createUser(),
      await createUser(),
    ];
    const [expiresAt, otherExpiry, pastExpiry] = [inFuture(10 * MINUTE), inFuture(20 * MINUTE), inFuture(MINUTE)];
    expectStatus(await grantUser(permanent, ROLES.temp.roleKey), 204);
    expectStatus(await grantUser(same, ROLES.temp.roleKey, { expiresAt }), 204);
    expectStatus(await grantUser(other, ROLES.temp.roleKey, { expiresAt: otherExpiry }), 204);
    expectStatus(await grantUser(expired, ROLES.temp.roleKey, { expiresAt: pastExpiry }), 204);
    // `expired`'s grant is past its expiry at the app's clock, and not yet removed by the worker.
    moveTo(pastExpiry, MINUTE);

    const users = [fresh, permanent, same, other, expired];
    const changes = await changesBySubject(async () =>
      expect(expectStatus(await bulkGrant(users, ROLES.temp.roleKey, { expiresAt }), 200).body).toEqual({
        succeeded: 5,
        failed: [],
      }),
    );
    const granted = { ...ROLES.temp, expiresAt };
    expect(Object.fromEntries(changes)).toEqual({
      // New, and anew after an expiry (the expired grant held nothing): no `before`.
      [fresh]: expect.objectContaining({ type: 'user.role.granted', before: null, after: granted }),
      [expired]: expect.objectContaining({ type: 'user.role.granted', before: null, after: granted }),
      // Held: the grant takes the request's expiry, and the event says what it replaced.
      [permanent]: expect.objectContaining({ type: 'user.role.granted', before: ROLES.temp, after: granted }),
      [other]: expect.objectContaining({
        type: 'user.role.granted',
        before: { ...ROLES.temp, expiresAt: otherExpiry },
        after: granted,
      }),
      // `same` held it with this very expiry: nothing changed, nothing recorded.
    });
    for (const user of users) {
      expect((await effective(user)).items).toEqual([
        expect.objectContaining({ key: ROLES.temp.roleKey, sources: [{ type: 'direct', expiresAt }] }),
      ]);
    }
    moveTo(expiresAt, -1);
    for (const user of users) expect(await check(user, ROLES.temp.roleKey)).toBe(true);
    moveTo(expiresAt);
    for (const user of users) expect(await check(user, ROLES.temp.roleKey)).toBe(false);
  });

  it('without expiresAt (or with null) sets grants that never expire: a held grant loses its expiry', async () => {
    const [expiring, permanent] = [await createUser(), await createUser()];
    const expiresAt = inFuture(MINUTE);
    expectStatus(await grantUser(expiring, ROLES.temp.roleKey, { expiresAt }), 204);
    expectStatus(await grantUser(permanent, ROLES.temp.roleKey), 204);
    for (const terms of [{}, { expiresAt: null }]) {
      const changes = await changesBySubject(async () =>
        expectStatus(await bulkGrant([expiring, permanent], ROLES.temp.roleKey, terms), 200),
      );
      // The first request took the expiry away; the second (null) finds both grants already so.
      expect(Object.fromEntries(changes)).toEqual(
        'expiresAt' in terms
          ? {}
          : {
              [expiring]: expect.objectContaining({
                type: 'user.role.granted',
                before: { ...ROLES.temp, expiresAt },
                after: ROLES.temp,
              }),
            },
      );
    }
    moveTo(expiresAt, 1);
    expect(await check(expiring, ROLES.temp.roleKey)).toBe(true);
    expect((await effective(expiring)).items[0].sources).toEqual([{ type: 'direct' }]);
  });

  it('bulk revoke-role records each grant with its expiry, and one already expired as expired', async () => {
    const [soon, later, permanent] = [await createUser(), await createUser(), await createUser()];
    const [first, second] = [inFuture(MINUTE), inFuture(10 * MINUTE)];
    expectStatus(await bulkGrant([soon], ROLES.temp.roleKey, { expiresAt: first }), 200);
    expectStatus(await bulkGrant([later], ROLES.temp.roleKey, { expiresAt: second }), 200);
    expectStatus(await bulkGrant([permanent], ROLES.temp.roleKey), 200);
    moveTo(first);
    const changes = await changesBySubject(async () =>
      expectStatus(
        await admin('POST', tenant('/users/bulk'), {
          action: 'revoke-role',
          userIds: [soon, later, permanent],
          roleKey: ROLES.temp.roleKey,
        }),
        200,
      ),
    );
    expect(Object.fromEntries(changes)).toEqual({
      [soon]: expect.objectContaining({
        type: 'user.role.revoked',
        before: { ...ROLES.temp, expiresAt: first, reason: 'expired' },
        after: null,
      }),
      [later]: expect.objectContaining({ before: { ...ROLES.temp, expiresAt: second }, after: null }),
      [permanent]: expect.objectContaining({ before: ROLES.temp, after: null }),
    });
  });

  it('takes an offset, and answers in UTC', async () => {
    const user = await createUser();
    const utc = new Date(Math.floor((now + 2 * 3_600_000) / 1000) * 1000);
    const withOffset = `${new Date(utc.getTime() - 5 * 3_600_000).toISOString().slice(0, 19)}-05:00`;
    expectStatus(await bulkGrant([user], ROLES.temp.roleKey, { expiresAt: withOffset }), 200);
    expect((await effective(user)).items[0].sources).toEqual([{ type: 'direct', expiresAt: utc.toISOString() }]);
  });
});

describe('an expiry that is refused', () => {
  it.each([
    ['in the past', () => ({ expiresAt: inFuture(-MINUTE) }), 'must be in the future'],
    ['this very instant', () => ({ expiresAt: inFuture(0) }), 'must be in the future'],
    ['not a time', () => ({ expiresAt: 'tomorrow' }), expect.any(String)],
    ['a number', () => ({ expiresAt: Date.now() + MINUTE }), expect.any(String)],
  ])(
    '%s answers 400 naming expiresAt, single or bulk, in the same words, and grants nothing',
    async (_case, body, message) => {
      const [user, group] = [await createUser(), await createGroup()];
      const responses = [
        await grantUser(user, ROLES.temp.roleKey, body()),
        await grantGroup(group, ROLES.temp.roleKey, body()),
        await bulkGrant([user], ROLES.temp.roleKey, body()),
      ];
      for (const response of responses) {
        expectStatus(response, 400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.errors).toEqual([{ field: 'expiresAt', message }]);
      }
      expect(responses[2]!.body.detail).toBe(responses[0]!.body.detail);
      expect(await check(user, ROLES.temp.roleKey)).toBe(false);
      expect(expectStatus(await admin('GET', tenant(`/groups/${group}/roles`)), 200).body.items).toEqual([]);
    },
  );

  it('as does an unknown field', async () => {
    const response = await grantUser(await createUser(), ROLES.temp.roleKey, { expiresOn: inFuture(MINUTE) });
    expectStatus(response, 400);
    expect(response.body.errors).toEqual([{ field: 'expiresOn', message: 'is not a known field' }]);
  });

  it('takes an offset, and answers in UTC', async () => {
    const user = await createUser();
    const utc = new Date(Math.floor((now + 2 * 3_600_000) / 1000) * 1000);
    const withOffset = `${new Date(utc.getTime() + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    expectStatus(await grantUser(user, ROLES.temp.roleKey, { expiresAt: withOffset }), 204);
    expect((await effective(user)).items[0].sources).toEqual([{ type: 'direct', expiresAt: utc.toISOString() }]);
  });
});

describe('revoking', () => {
  it('records the grant with its expiry, and an expired one the worker has not removed yet as expired', async () => {
    const [user, group] = [await createUser(), await createGroup()];
    const expiresAt = inFuture(MINUTE);
    expectStatus(await grantUser(user, ROLES.temp.roleKey, { expiresAt }), 204);
    expectStatus(await grantGroup(group, ROLES.temp.roleKey, { expiresAt }), 204);
    await expectChanges(
      t,
      async () => expectStatus(await admin('DELETE', tenant(`/users/${user}/roles/${ROLES.temp.roleKey}`)), 204),
      [{ type: 'user.role.revoked', before: { ...ROLES.temp, expiresAt }, after: null }],
    );
    moveTo(expiresAt);
    await expectChanges(
      t,
      async () => expectStatus(await admin('DELETE', tenant(`/groups/${group}/roles/${ROLES.temp.roleKey}`)), 204),
      [{ type: 'group.role.revoked', before: { ...ROLES.temp, expiresAt, reason: 'expired' }, after: null }],
    );
  });
});

describe('end-user login', () => {
  it('puts only the roles in force in the token, which ends when the first of them does', async () => {
    const username = unique('login');
    const user = await createUser({ username, password: PASSWORD });
    const expiresAt = inFuture(10 * MINUTE);
    expectStatus(await grantUser(user, ROLES.temp.roleKey, { expiresAt }), 204);
    expectStatus(await grantUser(user, ROLES.keep.roleKey), 204);
    const login = async () =>
      expectStatus(await t.request('POST', tenant('/auth/login'), { body: { username, password: PASSWORD } }), 200)
        .body;

    moveTo(expiresAt, -2000);
    const before = await login();
    expect(before.roles).toEqual([ROLES.keep.roleKey, ROLES.temp.roleKey]);
    expect(decodeJwt(before.accessToken).roles).toEqual(before.roles);
    // The token claims ops.temp: it must not outlive the grant.
    expect(decodeJwt(before.accessToken).exp! * 1000).toBeLessThanOrEqual(Date.parse(expiresAt));
    expect(Date.parse(before.expiresAt)).toBeLessThanOrEqual(Date.parse(expiresAt));

    moveTo(expiresAt);
    const after = await login();
    expect(after.roles).toEqual([ROLES.keep.roleKey]);
    expect(decodeJwt(after.accessToken).roles).toEqual([ROLES.keep.roleKey]);
    // Nothing in it ends: the token's full lifetime.
    expect(decodeJwt(after.accessToken).exp! * 1000).toBe(Date.parse(after.expiresAt));
    expect(Date.parse(after.expiresAt) - now).toBeGreaterThan(10 * MINUTE);
  });
});

describe('the holders of a role (database time)', () => {
  it('leave out the users and groups whose grant expired, and keep those whose grant is yet to expire', async () => {
    const [expired, pending, viaExpired, viaPending] = [
      await createUser(),
      await createUser(),
      await createUser(),
      await createUser(),
    ];
    const [expiredGroup, pendingGroup] = [await createGroup(), await createGroup()];
    expectStatus(await admin('PUT', tenant(`/groups/${expiredGroup}/members/${viaExpired}`)), 204);
    expectStatus(await admin('PUT', tenant(`/groups/${pendingGroup}/members/${viaPending}`)), 204);
    for (const user of [expired, pending]) expectStatus(await grantUser(user, ROLES.temp.roleKey), 204);
    for (const group of [expiredGroup, pendingGroup]) expectStatus(await grantGroup(group, ROLES.temp.roleKey), 204);
    // What the API refuses to write: grants that expired a second ago by the database's clock.
    await t.db.query(
      `UPDATE user_roles SET expires_at = now() + CASE WHEN user_id = $1 THEN interval '-1 second' ELSE interval '1 hour' END
       WHERE user_id = ANY($2)`,
      [expired, [expired, pending]],
    );
    await t.db.query(
      `UPDATE group_roles SET expires_at = now() + CASE WHEN group_id = $1 THEN interval '-1 second' ELSE interval '1 hour' END
       WHERE group_id = ANY($2)`,
      [expiredGroup, [expiredGroup, pendingGroup]],
    );
    const ids = async (url: string) =>
      (expectStatus(await admin('GET', tenant(url)), 200).body.items as { id: string }[]).map((item) => item.id).sort();
    const holders = await ids(`/users?roleKey=${ROLES.temp.roleKey}&limit=200`);
    expect(holders).toEqual(expect.arrayContaining([pending, viaPending]));
    expect(holders).not.toContain(expired);
    expect(holders).not.toContain(viaExpired);
    expect(await ids(`/users?roleKey=${ROLES.temp.roleKey}&roleSource=direct&limit=200`)).not.toContain(expired);
    const groups = await ids(`/groups?roleKey=${ROLES.temp.roleKey}&limit=200`);
    expect(groups).toContain(pendingGroup);
    expect(groups).not.toContain(expiredGroup);
  });

  it('bulk grant-role grants anew a grant that expired but was not removed yet', async () => {
    const user = await createUser();
    expectStatus(await grantUser(user, ROLES.temp.roleKey, { expiresAt: inFuture(MINUTE) }), 204);
    await t.db.query(`UPDATE user_roles SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user]);
    const response = await admin('POST', tenant('/users/bulk'), {
      action: 'grant-role',
      userIds: [user],
      roleKey: ROLES.temp.roleKey,
    });
    expect(expectStatus(response, 200).body).toMatchObject({ succeeded: 1, failed: [] });
    expect(await check(user, ROLES.temp.roleKey)).toBe(true);
    expect((await effective(user)).items[0].sources).toEqual([{ type: 'direct' }]);
  });
});

describe('DELETE …/users/:userId?ifNoRoles=true', () => {
  const remove = (userId: string) => admin('DELETE', tenant(`/users/${userId}?ifNoRoles=true`));

  it('is not stopped by a direct grant past its expiry that the worker has not removed yet', async () => {
    const user = await createUser();
    expectStatus(await grantUser(user, ROLES.temp.roleKey, { expiresAt: inFuture(MINUTE) }), 204);
    // What the API refuses to write: a grant that expired a second ago, still stored.
    await t.db.query(`UPDATE user_roles SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user]);
    expect(await check(user, ROLES.temp.roleKey)).toBe(false);
    await expectChanges(t, async () => expectStatus(await remove(user), 204), [
      { type: 'user.deleted', subject: { type: 'user', id: user } },
    ]);
    expectStatus(await admin('GET', tenant(`/users/${user}`)), 404);
  });

  it('is refused while the grant is in force, and goes through from its instant on (the API’s clock)', async () => {
    const user = await createUser();
    const expiresAt = inFuture(10 * MINUTE);
    expectStatus(await grantUser(user, ROLES.temp.roleKey, { expiresAt }), 204);
    moveTo(expiresAt, -1);
    const refused = expectStatus(await remove(user), 409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/still holds a directly granted role/);
    moveTo(expiresAt);
    expectStatus(await remove(user), 204);
    expectStatus(await admin('GET', tenant(`/users/${user}`)), 404);
  });

  it('still counts a grant without expiry, and one of an inactive role', async () => {
    const [held, inactive] = [await createUser(), await createUser()];
    expectStatus(await grantUser(held, ROLES.keep.roleKey), 204);
    expectStatus(
      await admin('PUT', `/environments/${w.environmentId}/applications/legacy`, {
        name: 'Legacy',
        roles: [{ key: 'legacy.old', name: 'Old' }],
      }),
      201,
    );
    expectStatus(await grantUser(inactive, 'legacy.old'), 204);
    // Declared no more: the role is inactive, its grant kept (it grants again once declared).
    expectStatus(
      await admin('PUT', `/environments/${w.environmentId}/applications/legacy`, { name: 'Legacy', roles: [] }),
      200,
    );
    for (const user of [held, inactive]) expectStatus(await remove(user), 409);
  });
});
