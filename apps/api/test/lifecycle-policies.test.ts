/**
 * Dormant-user policies (issue 18, API.md §10): the policy of an environment and a tenant's override, their
 * validation and access, the preview (who, and the seats it frees), and runs by the real worker in this process:
 * a run does what its preview showed, audited and told with the policy as actor, and the account's totals drop by
 * the preview's seatsSaved once recounted. Users are created through the API; their last login and creation are
 * moved back in the database (relative to its now()), which is all a test cannot do through the API.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerContext } from '@roster/worker/factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedChange } from '@roster/domain';
import { AUDIT_TRAIL } from './changes.js';
import { expectStatus, pollUntil, type Response, startTestApp, type TestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';
import { workerConfigFor } from './worker-config.js';

type Totals = { internal: number; external: number; named: number };

let t: TestApp;
let w: AccountWorld;
let worker: INestApplicationContext | undefined;
/** Tenant One's users and groups by name; Tenant Two's under `two.`. */
const users: Record<string, string> = {};
const groups: Record<string, string> = {};

const as = (token: string) => ({
  get: (path: string) => t.request('GET', path, { token }),
  put: (path: string, body?: unknown) => t.request('PUT', path, { token, ...(body ? { body } : {}) }),
  post: (path: string, body?: unknown) => t.request('POST', path, { token, ...(body ? { body } : {}) }),
  del: (path: string) => t.request('DELETE', path, { token }),
});
const owner = () => as(w.tokens.owner);
const envPath = () => `/environments/${w.environmentId}/lifecycle-policy`;
const tenantPath = (tenantId = w.tenantId) => `/tenants/${tenantId}/lifecycle-policy`;

async function createUser(tenantId: string, body: Record<string, unknown>): Promise<string> {
  return expectStatus(await owner().post(`/tenants/${tenantId}/users`, body), 201).body.id;
}

/** Moves a user's last login (null: never) and creation back by whole days, relative to the database's now(). */
async function seen(userId: string, lastLoginDaysAgo: number | null, createdDaysAgo = 400): Promise<void> {
  await t.db.query(
    `UPDATE end_users SET created_at = now() - make_interval(days => $2), updated_at = now() - make_interval(days => $2),
            last_login_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END
      WHERE id = $1`,
    [userId, createdDaysAgo, lastLoginDaysAgo],
  );
}

/** Asks for a run of the tenant's policy now, waits for its job to end, and answers the run. */
async function runTenant(tenantId: string) {
  const { jobId } = expectStatus(await owner().post(`${tenantPath(tenantId)}/run`), 202).body;
  const job = await pollUntil(
    `job ${jobId}`,
    async () => expectStatus(await owner().get(`/jobs/${jobId}`), 200).body,
    (job: { state: string; result: { runId: string } }) => job.state === 'completed' || job.state === 'failed',
  );
  expect(job).toMatchObject({ name: 'lifecycle.run-tenant', state: 'completed' });
  const runs = expectStatus(await owner().get(`${tenantPath(tenantId)}/runs`), 200).body.items;
  return runs.find((run: { id: string }) => run.id === job.result.runId);
}

/** Recounts the account and answers its totals once served. */
async function recountedTotals(): Promise<Totals> {
  const { jobId } = expectStatus(await owner().post(`/accounts/${w.accountId}/usage/recount`), 202).body;
  await pollUntil(
    `recount ${jobId}`,
    async () => expectStatus(await owner().get(`/jobs/${jobId}`), 200).body,
    (job: { state: string }) => job.state === 'completed' || job.state === 'failed',
  );
  const { internal, external, named } = expectStatus(await owner().get(`/accounts/${w.accountId}/usage`), 200).body;
  return { internal, external, named };
}

/**
 * The newest change's id, and the changes recorded after it with their audit rows (as changes.ts's changeMark and
 * changesSince, leaving out the worker's usage events, whose ids are derived, not time-ordered, and which have no
 * audit rows: the worker runs here).
 */
async function changeMark(): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>(
    `SELECT id FROM outbox_events WHERE type NOT LIKE 'usage.%' ORDER BY id DESC LIMIT 1`,
  );
  return rows[0]?.id ?? '00000000-0000-0000-0000-000000000000';
}
async function changesSince(mark: string): Promise<RecordedChange[]> {
  const { rows } = await t.db.query<{ event: RecordedChange }>(
    `SELECT event FROM outbox_events WHERE id > $1 AND type NOT LIKE 'usage.%' ORDER BY id`,
    [mark],
  );
  const changes = rows.map((row) => row.event);
  const audit = await t.db.query(
    `SELECT id, actor_type, actor_id, action, target_id, before, after FROM ${AUDIT_TRAIL} WHERE id = ANY($1) ORDER BY id`,
    [changes.map((change) => change.id)],
  );
  expect(audit.rows).toEqual(
    changes.map((c) => ({
      id: c.id,
      actor_type: c.actor.kind,
      actor_id: c.actor.id,
      action: c.type,
      target_id: c.subject.id,
      before: c.before,
      after: c.after,
    })),
  );
  return changes;
}

const idsOf = (list: { users: { id: string }[] }) => list.users.map((user) => user.id).sort();
const namesOf = (ids: string[]) =>
  ids.map((id) => Object.entries(users).find(([, userId]) => userId === id)?.[0] ?? id).sort();

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  // The worker first: its daily schedule runs once at its start, before any policy exists.
  worker = await createWorkerContext(workerConfigFor(t), { redisConnectTimeoutMs: 5_000 });
  const admin = { token: t.adminToken };
  expectStatus(
    await t.request('PATCH', `/accounts/${w.accountId}`, {
      ...admin,
      body: { subscription: { model: 'internal-external', aggregation: 'unique' } },
    }),
    200,
  );
  expectStatus(await owner().put(`/environments/${w.environmentId}/internal-domains`, { domains: ['acme.com'] }), 200);
  // Tenant One's own domain: partner.io is internal there and external in Tenant Two.
  expectStatus(await owner().put(`/tenants/${w.tenantId}/internal-domains`, { domains: ['partner.io'] }), 200);
  expectStatus(
    await owner().put(`/environments/${w.environmentId}/applications/lc-app`, {
      name: 'Lifecycle app',
      roles: [
        { key: 'lc.keeper', name: 'Keeper' },
        { key: 'lc.other', name: 'Other' },
      ],
    }),
    201,
  );
  const one = w.tenantId;
  const group = async (name: string) =>
    (groups[name] = expectStatus(await owner().post(`/tenants/${one}/groups`, { name }), 201).body.id);
  await group('Keepers');
  await group('Admins');
  await group('Others');
  expectStatus(await owner().put(`/tenants/${one}/groups/${groups.Admins}/roles/lc.keeper`, {}), 204);

  // Tenant One.
  users.dormantLong = await createUser(one, { username: 'dormant.long', email: 'long@acme.com' });
  await seen(users.dormantLong, 200);
  users.dormantShort = await createUser(one, { username: 'dormant.short', email: 'short@gmail.com' });
  await seen(users.dormantShort, 100);
  users.neverOld = await createUser(one, { username: 'never.old' }); // no address: internal
  await seen(users.neverOld, null, 200);
  users.neverNew = await createUser(one, { username: 'never.new', email: 'new@acme.com' });
  users.recent = await createUser(one, { username: 'recent', email: 'recent@acme.com' });
  await seen(users.recent, 10);
  users.anonymous = await createUser(one, { kind: 'anonymous' });
  await seen(users.anonymous, null, 300);
  users.byHand = await createUser(one, { username: 'by.hand', email: 'hand@acme.com', isActive: false });
  await seen(users.byHand, 300);
  users.keeperMember = await createUser(one, { username: 'keeper.member', email: 'km@acme.com' });
  await seen(users.keeperMember, 200);
  expectStatus(await owner().put(`/tenants/${one}/groups/${groups.Keepers}/members/${users.keeperMember}`), 204);
  users.keeperDirect = await createUser(one, { username: 'keeper.direct', email: 'kd@gmail.com' });
  await seen(users.keeperDirect, 200);
  expectStatus(await owner().put(`/tenants/${one}/users/${users.keeperDirect}/roles/lc.keeper`, {}), 204);
  users.keeperViaGroup = await createUser(one, { username: 'keeper.group', email: 'kg@acme.com' });
  await seen(users.keeperViaGroup, 200);
  expectStatus(await owner().put(`/tenants/${one}/groups/${groups.Admins}/members/${users.keeperViaGroup}`), 204);
  // Held the excepted role by a grant that has expired: no longer excepted.
  users.keeperExpired = await createUser(one, { username: 'keeper.expired', email: 'ke@acme.com' });
  await seen(users.keeperExpired, 200);
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  expectStatus(await owner().put(`/tenants/${one}/users/${users.keeperExpired}/roles/lc.keeper`, { expiresAt }), 204);
  await t.db.query(`UPDATE user_roles SET expires_at = now() - interval '1 day' WHERE user_id = $1`, [
    users.keeperExpired,
  ]);
  // In a group that is not excepted, holding another role: not excepted.
  users.otherMember = await createUser(one, { username: 'other.member', email: 'om@acme.com' });
  await seen(users.otherMember, 200);
  expectStatus(await owner().put(`/tenants/${one}/groups/${groups.Others}/members/${users.otherMember}`), 204);
  expectStatus(await owner().put(`/tenants/${one}/users/${users.otherMember}/roles/lc.other`, {}), 204);
  // One person in both tenants (same address): dormant here, active in Tenant Two — keeps the seat under `unique`.
  users.shared = await createUser(one, { username: 'shared.one', email: 'shared@acme.com' });
  await seen(users.shared, 200);
  // Internal here (partner.io is Tenant One's), external in Tenant Two: moves from internal to external.
  users.partner = await createUser(one, { username: 'partner.one', email: 'sam@partner.io' });
  await seen(users.partner, 200);

  // Tenant Two.
  const two = w.otherTenantId;
  users['two.dormant'] = await createUser(two, { username: 'two.dormant', email: 'td@gmail.com' });
  await seen(users['two.dormant'], 150);
  users['two.shared'] = await createUser(two, { username: 'shared.two', email: 'shared@acme.com' });
  await seen(users['two.shared'], 5);
  users['two.partner'] = await createUser(two, { username: 'partner.two', email: 'sam@partner.io' });
  await seen(users['two.partner'], 5);
}, 90_000);

afterAll(async () => {
  await worker?.close();
  await t?.close();
});

const policy = (overrides: Record<string, unknown> = {}) => ({
  deactivateAfterDays: 90,
  deleteAfterDays: 30,
  exceptGroupIds: [],
  exceptRoleKeys: ['lc.keeper'],
  enabled: true,
  ...overrides,
});

describe('setting policies', () => {
  it('answers no policy before one is set, at both levels', async () => {
    expect(expectStatus(await owner().get(envPath()), 200).body).toEqual({
      environmentId: w.environmentId,
      source: null,
      policy: null,
    });
    expect(expectStatus(await owner().get(tenantPath()), 200).body).toEqual({
      tenantId: w.tenantId,
      environmentId: w.environmentId,
      source: null,
      policy: null,
      environmentPolicy: null,
    });
    expect((await owner().get(`${tenantPath()}/preview`)).status).toBe(404);
    expect((await owner().get(`${envPath()}/preview`)).status).toBe(404);
    expect((await owner().post(`${tenantPath()}/run`)).status).toBe(409);
  });

  it('refuses invalid policies with the fields named', async () => {
    const refused = async (body: unknown, path = envPath()) => {
      const response = expectStatus(await owner().put(path, body), 400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      return response.body.errors.map((error: { field: string }) => error.field);
    };
    expect(await refused(policy({ deactivateAfterDays: 0 }))).toEqual(['deactivateAfterDays']);
    expect(await refused(policy({ deactivateAfterDays: 3651, deleteAfterDays: 1.5 }))).toEqual([
      'deactivateAfterDays',
      'deleteAfterDays',
    ]);
    expect(await refused(policy({ deactivateAfterDays: '90' }))).toEqual(['deactivateAfterDays']);
    expect(await refused({ deactivateAfterDays: 90 })).toEqual(['enabled']);
    expect(await refused(policy({ extra: true }))).toEqual(['extra']);
    expect(await refused(policy({ exceptRoleKeys: ['not a key'] }))).toEqual(['exceptRoleKeys.0']);
    // Groups belong to tenants: not on an environment's policy.
    expect(await refused(policy({ exceptGroupIds: [groups.Keepers] }))).toEqual(['exceptGroupIds']);
    const unknownRole = expectStatus(
      await owner().put(envPath(), policy({ exceptRoleKeys: ['lc.keeper', 'nope'] })),
      400,
    );
    expect(unknownRole.body.errors).toEqual([
      { field: 'exceptRoleKeys.1', message: 'nope is not a role of this environment' },
    ]);
    expect(unknownRole.body.detail).toMatch(/role nope/);
    // A group of another tenant is not this tenant's.
    const otherGroup = expectStatus(await owner().post(`/tenants/${w.otherTenantId}/groups`, { name: 'Theirs' }), 201)
      .body.id;
    const unknownGroup = expectStatus(await owner().put(tenantPath(), policy({ exceptGroupIds: [otherGroup] })), 400);
    expect(unknownGroup.body.errors).toEqual([
      { field: 'exceptGroupIds.0', message: `${otherGroup} is not a group of this tenant` },
    ]);
    expect((await owner().get(envPath())).body.policy).toBeNull();
  });

  it('sets the environment’s policy, which its tenants follow, keeping its id when replaced', async () => {
    const mark = await changeMark();
    const first = expectStatus(await owner().put(envPath(), policy({ enabled: false })), 200).body;
    expect(first).toMatchObject({
      environmentId: w.environmentId,
      source: 'environment',
      policy: { deactivateAfterDays: 90, deleteAfterDays: 30, exceptGroupIds: [], exceptRoleKeys: ['lc.keeper'] },
    });
    const second = expectStatus(await owner().put(envPath(), policy()), 200).body;
    expect(second.policy).toMatchObject({ id: first.policy.id, enabled: true });
    expect(expectStatus(await owner().get(envPath()), 200).body).toEqual(second);
    // The same again changes nothing and records nothing.
    expectStatus(await owner().put(envPath(), policy()), 200);
    const changes = await changesSince(mark);
    expect(changes.map((c) => [c.type, c.subject.id, c.actor.kind])).toEqual([
      ['environment.lifecycle-policy.replaced', w.environmentId, 'operator'],
      ['environment.lifecycle-policy.replaced', w.environmentId, 'operator'],
    ]);
    expect(changes[0]!.before).toBeNull();
    expect(changes[1]!.before).toMatchObject({ enabled: false });

    const inherited = expectStatus(await owner().get(tenantPath()), 200).body;
    expect(inherited).toEqual({
      tenantId: w.tenantId,
      environmentId: w.environmentId,
      source: 'environment',
      policy: second.policy,
      environmentPolicy: second.policy,
    });
  });

  it('lets a tenant override the policy entirely, and remove the override', async () => {
    const mark = await changeMark();
    const override = policy({ deactivateAfterDays: 30, deleteAfterDays: null, exceptRoleKeys: [], enabled: false });
    const set = expectStatus(await as(w.tokens['tenant-admin']).put(tenantPath(), override), 200).body;
    expect(set).toMatchObject({
      source: 'tenant',
      policy: { deactivateAfterDays: 30, deleteAfterDays: null, exceptRoleKeys: [], enabled: false },
      environmentPolicy: { deactivateAfterDays: 90 },
    });
    expect(set.policy.id).not.toBe(set.environmentPolicy.id);
    expectStatus(await as(w.tokens['tenant-admin']).del(tenantPath()), 204);
    expectStatus(await as(w.tokens['tenant-admin']).del(tenantPath()), 204); // idempotent
    expect(expectStatus(await owner().get(tenantPath()), 200).body.source).toBe('environment');
    expect((await changesSince(mark)).map((c) => [c.type, c.subject.id, c.tenantId])).toEqual([
      ['tenant.lifecycle-policy.replaced', w.tenantId, w.tenantId],
      ['tenant.lifecycle-policy.deleted', w.tenantId, w.tenantId],
    ]);
  });
});

describe('who may', () => {
  it('set an environment’s policy: owners and admins; a tenant-admin is refused, elsewhere not found', async () => {
    for (const role of ['owner', 'admin'] as const) {
      expect((await as(w.tokens[role]).get(envPath())).status).toBe(200);
      expect((await as(w.keys[role]).get(`${envPath()}/preview`)).status).toBe(200);
    }
    for (const role of ['tenant-admin', 'billing'] as const) {
      for (const path of [envPath(), `${envPath()}/preview`, `${envPath()}/runs`]) {
        expect((await as(w.tokens[role]).get(path)).status, `${role} ${path}`).toBe(403);
      }
      expect((await as(w.tokens[role]).put(envPath(), policy())).status).toBe(403);
    }
    // The staging environment holds none of the tenant-admin's tenants: not found.
    const staging = `/environments/${w.otherEnvironmentId}/lifecycle-policy`;
    expect((await as(w.tokens['tenant-admin']).get(staging)).status).toBe(404);
  });

  it('override a tenant’s: its managers; another tenant or account is not found', async () => {
    const tenantAdmin = as(w.tokens['tenant-admin']);
    expect((await tenantAdmin.get(tenantPath())).status).toBe(200);
    for (const path of [tenantPath(w.otherTenantId), `${tenantPath(w.otherTenantId)}/preview`]) {
      expect((await tenantAdmin.get(path)).status).toBe(404);
    }
    expect((await tenantAdmin.put(tenantPath(w.otherTenantId), policy())).status).toBe(404);
    expect((await tenantAdmin.del(tenantPath(w.otherTenantId))).status).toBe(404);
    expect((await tenantAdmin.post(`${tenantPath(w.otherTenantId)}/run`)).status).toBe(404);
    expect((await as(w.tokens.billing).get(tenantPath())).status).toBe(403);
    expect((await as(w.tokens.billing).put(tenantPath(), policy())).status).toBe(403);

    const stranger = await createAccountWorld(t);
    for (const response of [
      await as(stranger.tokens.owner).get(tenantPath()),
      await as(stranger.tokens.owner).put(tenantPath(), policy()),
      await as(stranger.tokens.owner).get(`${tenantPath()}/preview`),
      await as(stranger.tokens.owner).get(envPath()),
      await as(stranger.tokens.owner).post(`${envPath()}/run`),
    ]) {
      expect(response.status).toBe(404);
    }
  }, 30_000);
});

describe('previews and runs', () => {
  let tenantPreview: Response['body'];

  it('previews who a tenant’s override would deactivate and delete, with its exceptions', async () => {
    expectStatus(
      await owner().put(tenantPath(), policy({ exceptGroupIds: [groups.Keepers], exceptRoleKeys: ['lc.keeper'] })),
      200,
    );
    const preview = expectStatus(await owner().get(`${tenantPath()}/preview`), 200).body;
    expect(preview).toMatchObject({
      source: 'tenant',
      policy: { exceptGroupIds: [groups.Keepers] },
      delete: { count: 0 },
    });
    expect(namesOf(idsOf(preview.deactivate))).toEqual(
      [
        'dormantLong',
        'dormantShort',
        'neverOld', // never logged in: its creation, 200 days ago, counts
        'keeperExpired', // its excepted grant expired
        'otherMember',
        'shared',
        'partner',
      ].sort(),
    );
    expect(preview.deactivate.count).toBe(7);
    // Longest unseen first; never logged in shows its creation.
    const never = preview.deactivate.users.find((user: { id: string }) => user.id === users.neverOld);
    expect(never).toMatchObject({ tenantId: w.tenantId, username: 'never.old', lastLoginAt: null });
    expect(preview.deactivate.users.at(-1).id).toBe(users.dormantShort);
    // Seats in Tenant One's own counts: dormant.short (gmail) is external, the rest internal.
    expect(preview.perTenant).toEqual([
      { tenantId: w.tenantId, name: 'Tenant One', deactivate: 7, delete: 0, internal: 6, external: 1 },
    ]);
    // The account (unique): shared@acme.com stays active in Tenant Two (no seat freed), sam@partner.io stays as an
    // external record there (internal −1, external +1): internal 6 − 1 (shared) = 5; external 1 − 1 = 0.
    expect(preview.seatsSaved).toEqual({ internal: 5, external: 0, named: 5 });
    tenantPreview = preview;

    // A tenant-admin sees the same users, not the account's seats.
    const theirs = expectStatus(await as(w.tokens['tenant-admin']).get(`${tenantPath()}/preview`), 200).body;
    expect(idsOf(theirs.deactivate)).toEqual(idsOf(preview.deactivate));
    expect(theirs.perTenant).toEqual(preview.perTenant);
    expect(theirs.seatsSaved).toBeNull();
  });

  it('runs as previewed: the same users deactivated, audited and told with the policy as actor', async () => {
    const totalsBefore = await recountedTotals();
    const mark = await changeMark();
    const run = await runTenant(w.tenantId);
    expect(run).toMatchObject({
      tenantId: w.tenantId,
      tenantName: 'Tenant One',
      policyId: tenantPreview.policy.id,
      policySource: 'tenant',
      trigger: 'request',
      deactivated: 7,
      deleted: 0,
      failure: null,
    });
    const changes = (await changesSince(mark)).filter((c) => c.type.startsWith('user.'));
    expect(changes.every((c) => c.type === 'user.deactivated')).toBe(true);
    expect(changes.map((c) => c.subject.id).sort()).toEqual(idsOf(tenantPreview.deactivate));
    for (const c of changes) {
      expect(c.actor).toEqual({ kind: 'lifecycle-policy', id: tenantPreview.policy.id });
      expect(c).toMatchObject({ accountId: w.accountId, tenantId: w.tenantId, environmentId: w.environmentId });
      expect(c.before).toMatchObject({ isActive: true });
      expect(c.after).toMatchObject({ isActive: false, licenseClass: 'inactive' });
    }
    const user = expectStatus(await owner().get(`/tenants/${w.tenantId}/users/${users.dormantLong}`), 200).body;
    expect(user).toMatchObject({ isActive: false, licenseClass: 'inactive' });
    // Grants and memberships are kept (deactivation only suspends them).
    const roles = expectStatus(await owner().get(`/tenants/${w.tenantId}/users/${users.otherMember}/groups`), 200).body;
    expect(roles.items.map((group: { id: string }) => group.id)).toEqual([groups.Others]);

    // The audit trail names the policy.
    const audit = expectStatus(
      await owner().get(`/tenants/${w.tenantId}/audit-events?targetId=${users.dormantLong}&action=user.deactivated`),
      200,
    ).body.items;
    expect(audit[0]).toMatchObject({
      actorType: 'lifecycle-policy',
      actorId: tenantPreview.policy.id,
      actorName: 'Dormant-user policy of Tenant One',
    });

    const totalsAfter = await pollUntil(
      'totals after the run',
      recountedTotals,
      (totals) => totals.named !== totalsBefore.named,
    );
    expect({
      internal: totalsBefore.internal - totalsAfter.internal,
      external: totalsBefore.external - totalsAfter.external,
      named: totalsBefore.named - totalsAfter.named,
    }).toEqual(tenantPreview.seatsSaved);
  }, 60_000);

  it('does nothing more when run again', async () => {
    const mark = await changeMark();
    expect(await runTenant(w.tenantId)).toMatchObject({ deactivated: 0, deleted: 0, failure: null });
    expect((await changesSince(mark)).filter((c) => c.type.startsWith('user.'))).toEqual([]);
  }, 30_000);

  it('previews and runs an environment’s policy over the tenants that follow it', async () => {
    const preview = expectStatus(await owner().get(`${envPath()}/preview`), 200).body;
    expect(preview.source).toBe('environment');
    expect(preview.overridingTenants).toEqual([{ tenantId: w.tenantId, name: 'Tenant One' }]);
    expect(namesOf(idsOf(preview.deactivate))).toEqual(['two.dormant']);
    expect(preview.perTenant).toEqual([
      { tenantId: w.otherTenantId, name: 'Tenant Two', deactivate: 1, delete: 0, internal: 0, external: 1 },
    ]);
    expect(preview.seatsSaved).toEqual({ internal: 0, external: 1, named: 1 });

    const totalsBefore = await recountedTotals();
    const before = expectStatus(await owner().get(`${envPath()}/runs`), 200).body.items.length;
    expectStatus(await owner().post(`${envPath()}/run`), 202);
    const runs = await pollUntil(
      'the environment’s run',
      async () => expectStatus(await owner().get(`${envPath()}/runs`), 200).body.items,
      (items: { tenantId: string; finishedAt: string | null }[]) =>
        items.length > before && items[0]!.finishedAt !== null,
    );
    expect(runs[0]).toMatchObject({ tenantId: w.otherTenantId, policySource: 'environment', deactivated: 1 });
    // Both tenants' runs, newest first.
    expect(runs.map((run) => run.tenantId)).toEqual([w.otherTenantId, w.tenantId, w.tenantId]);
    const totalsAfter = await pollUntil('totals', recountedTotals, (totals) => totals.named !== totalsBefore.named);
    expect(totalsBefore.external - totalsAfter.external).toBe(1);
    expect(totalsBefore.internal - totalsAfter.internal).toBe(0);
  }, 60_000);

  it('deletes only what it deactivated itself, deleteAfterDays later and untouched since', async () => {
    // 31 days pass for the policy's deactivations (and the users' last change, which was the deactivation).
    await t.db.query(
      `WITH d AS (UPDATE lifecycle_deactivations SET deactivated_at = deactivated_at - interval '31 days'
                   WHERE tenant_id = $1 RETURNING user_id, deactivated_at)
       UPDATE end_users u SET updated_at = d.deactivated_at FROM d WHERE u.id = d.user_id`,
      [w.tenantId],
    );
    // Someone edits one of them since: it is no longer the policy's to delete.
    expectStatus(
      await t.request('PATCH', `/tenants/${w.tenantId}/users/${users.otherMember}`, {
        token: w.tokens.owner,
        body: { name: 'Edited since' },
      }),
      200,
    );
    const preview = expectStatus(await owner().get(`${tenantPath()}/preview`), 200).body;
    expect(preview.deactivate.count).toBe(0);
    // Last seen more than 90 + 30 days ago: all but dormant.short (100 days); never by.hand (deactivated by hand).
    expect(namesOf(idsOf(preview.delete))).toEqual(
      ['dormantLong', 'neverOld', 'keeperExpired', 'shared', 'partner'].sort(),
    );
    expect(preview.delete.users[0].deactivatedAt).toEqual(expect.any(String));
    expect(preview.seatsSaved).toEqual({ internal: 0, external: 0, named: 0 }); // inactive users hold no seat

    const mark = await changeMark();
    const run = await runTenant(w.tenantId);
    expect(run).toMatchObject({ deactivated: 0, deleted: 5 });
    const deleted = (await changesSince(mark)).filter((c) => c.type === 'user.deleted');
    expect(deleted.map((c) => c.subject.id).sort()).toEqual(idsOf(preview.delete));
    expect(deleted[0]).toMatchObject({
      actor: { kind: 'lifecycle-policy', id: preview.policy.id },
      before: { isActive: false, licenseClass: 'inactive' },
      after: null,
    });
    expect((await owner().get(`/tenants/${w.tenantId}/users/${users.dormantLong}`)).status).toBe(404);
    for (const kept of ['dormantShort', 'otherMember', 'byHand', 'keeperMember', 'neverNew']) {
      expect((await owner().get(`/tenants/${w.tenantId}/users/${users[kept]}`)).status, kept).toBe(200);
    }
  }, 60_000);

  it('refuses to run a disabled policy, and previews it all the same', async () => {
    expectStatus(await owner().put(tenantPath(), policy({ enabled: false })), 200);
    expect((await owner().post(`${tenantPath()}/run`)).status).toBe(409);
    expect((await owner().get(`${tenantPath()}/preview`)).status).toBe(200);
    expectStatus(await owner().del(tenantPath()), 204);
    expect(expectStatus(await owner().get(tenantPath()), 200).body.source).toBe('environment');
  });
});
