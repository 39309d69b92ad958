/**
 * Dormant-user policies (issue 18): for random users around a policy's cutoffs — logged in or never, active or not,
 * deactivated by the policy or by hand, touched since or not, excepted by a group, a direct grant, a group's grant,
 * or holding an expired grant — the preview's SQL (previewLifecycle, the same fragments a run's batches select
 * with) deactivates and deletes exactly the users @roster/domain's lifecycleActionFor says it does.
 */
import { type LifecycleCutoffs, lifecycleActionFor, lifecycleCutoffs, type LifecyclePolicyRules } from '@roster/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, openRlsDatabase, type RlsDatabase, type TenantRef } from '../test/rls-world.js';
import { newId } from './entities/index.js';
import { previewLifecycle } from './repositories/lifecycle-preview.js';

const DAY = 86_400_000;
const asOf = new Date('2026-06-01T12:00:00.000Z');
const ago = (days: number) => new Date(asOf.getTime() - days * DAY);
/** Around the cutoffs of a 90 + 30 days policy: just inside and just outside each. */
const DAYS = [1, 29.9, 30.1, 89.9, 90.1, 119.9, 120.1, 400];

type Exception = 'none' | 'group' | 'direct' | 'via-group' | 'expired';

interface Fixture {
  kind: 'registered' | 'anonymous';
  isActive: boolean;
  createdDaysAgo: number;
  lastLoginDaysAgo: number | null;
  /** Deactivated by a policy that many days ago (null: not by a policy). */
  deactivatedDaysAgo: number | null;
  touchedSince: boolean;
  exception: Exception;
}

const fixtureArb: fc.Arbitrary<Fixture> = fc.record({
  kind: fc.constantFrom('registered' as const, 'registered' as const, 'anonymous' as const),
  isActive: fc.boolean(),
  createdDaysAgo: fc.constantFrom(...DAYS),
  lastLoginDaysAgo: fc.option(fc.constantFrom(...DAYS), { nil: null }),
  deactivatedDaysAgo: fc.option(fc.constantFrom(...DAYS), { nil: null }),
  touchedSince: fc.boolean(),
  exception: fc.constantFrom<Exception>('none', 'none', 'group', 'direct', 'via-group', 'expired'),
});

let db: RlsDatabase;
let tenant: TenantRef;
const ids = { keepRole: '', keepGroup: '', grantingGroup: '' };

beforeAll(async () => {
  db = await openRlsDatabase('roster_lifecycle');
  [tenant] = (await createAccount(db.owner, 1)) as [TenantRef];
  const applicationId = newId();
  ids.keepRole = newId();
  ids.keepGroup = newId();
  ids.grantingGroup = newId();
  await db.owner.query(
    `WITH a AS (INSERT INTO applications (id, environment_id, key, name) VALUES ($2, $1, 'app', 'App')),
          r AS (INSERT INTO roles (id, environment_id, application_id, key, name) VALUES ($3, $1, $2, 'keep.role', 'Keep'))
     INSERT INTO user_groups (id, tenant_id, name) VALUES ($4, $6, 'Keepers'), ($5, $6, 'Granting')`,
    [tenant.environmentId, applicationId, ids.keepRole, ids.keepGroup, ids.grantingGroup, tenant.tenantId],
  );
  await db.owner.query(
    `INSERT INTO group_roles (tenant_id, environment_id, group_id, role_id) VALUES ($1, $2, $3, $4)`,
    [tenant.tenantId, tenant.environmentId, ids.grantingGroup, ids.keepRole],
  );
}, 60_000);

afterAll(async () => db?.close());

async function seed(fixture: Fixture, policyId: string): Promise<string> {
  const id = newId();
  const registered = fixture.kind === 'registered';
  const deactivatedAt = fixture.deactivatedDaysAgo === null ? null : ago(fixture.deactivatedDaysAgo);
  // The policy's deactivation set updated_at; touched since: a later change.
  const updatedAt = deactivatedAt
    ? new Date(deactivatedAt.getTime() + (fixture.touchedSince ? 1000 : 0))
    : ago(fixture.createdDaysAgo);
  await db.owner.query(
    `INSERT INTO end_users (id, tenant_id, kind, username, username_key, is_active, created_at, updated_at, last_login_at)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8)`,
    [
      id,
      tenant.tenantId,
      fixture.kind,
      registered ? `u-${id}` : null,
      fixture.isActive,
      ago(fixture.createdDaysAgo),
      updatedAt,
      registered && fixture.lastLoginDaysAgo !== null ? ago(fixture.lastLoginDaysAgo) : null,
    ],
  );
  if (deactivatedAt) {
    await db.owner.query(
      `INSERT INTO lifecycle_deactivations (tenant_id, user_id, policy_id, run_id, deactivated_at)
       VALUES ($1, $2, $3, gen_random_uuid(), $4)`,
      [tenant.tenantId, id, policyId, deactivatedAt],
    );
  }
  const grant = (expiresAt: Date | null) =>
    db.owner.query(
      `INSERT INTO user_roles (tenant_id, environment_id, user_id, role_id, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [tenant.tenantId, tenant.environmentId, id, ids.keepRole, expiresAt],
    );
  const member = (groupId: string) =>
    db.owner.query(`INSERT INTO group_members (tenant_id, group_id, user_id) VALUES ($1, $2, $3)`, [
      tenant.tenantId,
      groupId,
      id,
    ]);
  if (fixture.exception === 'group') await member(ids.keepGroup);
  if (fixture.exception === 'direct') await grant(null);
  if (fixture.exception === 'via-group') await member(ids.grantingGroup);
  if (fixture.exception === 'expired') await grant(new Date(asOf.getTime() - 1));
  return id;
}

/** What the rules say, for a fixture. */
function expected(fixture: Fixture, cutoffs: LifecycleCutoffs) {
  return lifecycleActionFor(
    {
      kind: fixture.kind,
      isActive: fixture.isActive,
      createdAt: ago(fixture.createdDaysAgo),
      lastLoginAt:
        fixture.kind === 'registered' && fixture.lastLoginDaysAgo !== null ? ago(fixture.lastLoginDaysAgo) : null,
      updatedAt:
        fixture.deactivatedDaysAgo === null
          ? ago(fixture.createdDaysAgo)
          : new Date(ago(fixture.deactivatedDaysAgo).getTime() + (fixture.touchedSince ? 1000 : 0)),
      deactivatedByPolicyAt: fixture.deactivatedDaysAgo === null ? null : ago(fixture.deactivatedDaysAgo),
      excepted: ['group', 'direct', 'via-group'].includes(fixture.exception),
    },
    cutoffs,
  );
}

describe('the preview’s SQL', () => {
  it('deactivates and deletes exactly whom the domain’s rules name', async () => {
    const policy: LifecyclePolicyRules = {
      deactivateAfterDays: 90,
      deleteAfterDays: 30,
      exceptGroupIds: [],
      exceptRoleKeys: ['keep.role'],
      enabled: true,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fixtureArb, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        async (fixtures, deletes) => {
          const rules = { ...policy, deleteAfterDays: deletes ? 30 : null, exceptGroupIds: [ids.keepGroup] };
          const cutoffs = lifecycleCutoffs(rules, asOf);
          await db.owner.query('DELETE FROM end_users WHERE tenant_id = $1', [tenant.tenantId]);
          const policyId = newId();
          const seeded: { id: string; fixture: Fixture }[] = [];
          for (const fixture of fixtures) seeded.push({ id: await seed(fixture, policyId), fixture });
          const preview = await previewLifecycle(db.worker, {
            accountId: tenant.accountId,
            environmentId: tenant.environmentId,
            tenantIds: [tenant.tenantId],
            policy: rules,
            cutoffs,
            accountTotals: 'unique',
          });
          const want = (action: 'deactivate' | 'delete') =>
            seeded
              .filter(({ fixture }) => expected(fixture, cutoffs) === action)
              .map(({ id }) => id)
              .sort();
          expect(preview.deactivate.users.map((user) => user.id).sort()).toEqual(want('deactivate'));
          expect(preview.deactivate.count).toBe(want('deactivate').length);
          expect(preview.delete.users.map((user) => user.id).sort()).toEqual(want('delete'));
          expect(preview.delete.count).toBe(want('delete').length);
          // Every user here is a person of its own (no address): each deactivation frees one internal seat.
          expect(preview.account).toEqual({
            internal: want('deactivate').length,
            external: 0,
            named: want('deactivate').length,
          });
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
