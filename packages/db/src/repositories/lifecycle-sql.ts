/**
 * The SQL of dormant-user policies (packages/domain lifecycle-policies.ts), once: the preview and the run select
 * users with the same fragments, from the same cutoffs, so a preview shows exactly what a run at its instant does.
 *
 * Statements are written with named parameters (`:name`) and turned into PostgreSQL's `$n` by {@link named}.
 * Parameters every fragment reads: `:tenantIds` (uuid[]: the tenants the statement covers, all of one environment),
 * `:environmentId`, `:asOf`, `:dormantBefore`, `:exceptGroupIds` (uuid[]), `:exceptRoleKeys` (text[]); deletion
 * also `:deleteDormantBefore` and `:deactivatedBy`.
 */
import { type LifecycleCutoffs, type LifecyclePolicyRules } from '@roster/domain';
import type { Queryable } from './usage-counts.js';

/**
 * Users of the tenants a policy excepts, as (tenant_id, user_id): members of an excepted group, and holders of an
 * excepted role of the environment, directly or through a group, by a grant not expired at the instant (whether
 * or not the role is declared now). Each branch is a range of a tenant-leading index (group_members' key,
 * user_roles_role_idx, group_roles_role_idx).
 */
export const EXCEPTED_USERS = `
  SELECT m.tenant_id, m.user_id FROM group_members m
   WHERE m.tenant_id = ANY(:tenantIds) AND m.group_id = ANY(:exceptGroupIds)
  UNION
  SELECT ur.tenant_id, ur.user_id FROM user_roles ur
   WHERE ur.tenant_id = ANY(:tenantIds)
     AND ur.role_id IN (SELECT r.id FROM roles r WHERE r.environment_id = :environmentId AND r.key = ANY(:exceptRoleKeys))
     AND (ur.expires_at IS NULL OR ur.expires_at > :asOf)
  UNION
  SELECT m.tenant_id, m.user_id FROM group_roles gr
    JOIN group_members m ON m.tenant_id = gr.tenant_id AND m.group_id = gr.group_id
   WHERE gr.tenant_id = ANY(:tenantIds)
     AND gr.role_id IN (SELECT r.id FROM roles r WHERE r.environment_id = :environmentId AND r.key = ANY(:exceptRoleKeys))
     AND (gr.expires_at IS NULL OR gr.expires_at > :asOf)`;

/** Not excepted: `u` is not among the users of the CTE `excepted` (EXCEPTED_USERS). */
const NOT_EXCEPTED = 'NOT EXISTS (SELECT 1 FROM excepted x WHERE x.tenant_id = u.tenant_id AND x.user_id = u.id)';

/**
 * Dormant, for users `u` of :tenantIds: active, registered, last seen (login, else creation) before the cutoff.
 * The first comparison is end_users_last_login_sort_idx's own expression (never logged in sorts as -infinity), so
 * the tenant's dormant users are one range of that index; the second is the rule itself.
 */
export const DORMANT = `u.tenant_id = ANY(:tenantIds) AND u.is_active AND u.kind = 'registered'
  AND coalesce(u.last_login_at, CAST('-infinity' AS timestamptz)) < :dormantBefore
  AND coalesce(u.last_login_at, u.created_at) < :dormantBefore`;

/** Dormant and not excepted: what a policy deactivates (needs the CTE `excepted`). */
export const TO_DEACTIVATE = `${DORMANT} AND ${NOT_EXCEPTED}`;

/**
 * What a policy deletes, for users `u` joined to their deactivation record `d` (lifecycle_deactivations): deactivated
 * by a policy at or before :deactivatedBy, changed by nobody since (updated_at is still the deactivation's), still
 * inactive, last seen before :deleteDormantBefore, and not excepted (needs the CTE `excepted`).
 */
export const TO_DELETE = `d.tenant_id = ANY(:tenantIds) AND d.deactivated_at <= :deactivatedBy
  AND u.tenant_id = d.tenant_id AND u.id = d.user_id
  AND NOT u.is_active AND u.kind = 'registered' AND u.updated_at <= d.deactivated_at
  AND coalesce(u.last_login_at, u.created_at) < :deleteDormantBefore
  AND ${NOT_EXCEPTED}`;

/** The order users are listed and taken in: the longest unseen first. */
export const DORMANT_ORDER = 'coalesce(u.last_login_at, u.created_at), u.id';

/** The parameters of the fragments above for one policy at its cutoffs, over `tenantIds`. */
export function lifecycleParameters(
  policy: Pick<LifecyclePolicyRules, 'exceptGroupIds' | 'exceptRoleKeys'>,
  cutoffs: LifecycleCutoffs,
  environmentId: string,
  tenantIds: readonly string[],
): Record<string, unknown> {
  return {
    tenantIds,
    environmentId,
    asOf: cutoffs.asOf,
    dormantBefore: cutoffs.dormantBefore,
    // Without deleteAfterDays nothing is deleted: cutoffs no row can meet.
    deleteDormantBefore: cutoffs.deleteDormantBefore ?? '-infinity',
    deactivatedBy: cutoffs.deactivatedBy ?? '-infinity',
    exceptGroupIds: policy.exceptGroupIds,
    exceptRoleKeys: policy.exceptRoleKeys,
  };
}

/**
 * Turns a statement with `:name` parameters into PostgreSQL's `$n` form, as TypeORM's query builder does: a name
 * used twice is one parameter; `::type` casts and `:words` that are no parameter's name are left alone.
 */
export function named(sql: string, parameters: Record<string, unknown>): [string, unknown[]] {
  const values: unknown[] = [];
  const positions = new Map<string, number>();
  const text = sql.replaceAll(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => {
    if (!Object.hasOwn(parameters, name)) return whole;
    let position = positions.get(name);
    if (position === undefined) {
      values.push(parameters[name]);
      position = values.length;
      positions.set(name, position);
    }
    return `$${position}`;
  });
  return [text, values];
}

/** Runs a statement with `:name` parameters. */
export function queryNamed<T>(db: Queryable, sql: string, parameters: Record<string, unknown>): Promise<T> {
  const [text, values] = named(sql, parameters);
  return db.query(text, values) as Promise<T>;
}
