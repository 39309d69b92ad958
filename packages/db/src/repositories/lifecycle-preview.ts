import {
  type Aggregation,
  LIFECYCLE_PREVIEW_USERS,
  type LifecycleCutoffs,
  type LifecyclePolicyRules,
  type Totals,
} from '@roster/domain';
import { isInternalSql } from '../license-class-sql.js';
import { isoTime } from './end-user-list.js';
import {
  DORMANT_ORDER,
  EXCEPTED_USERS,
  lifecycleParameters,
  named,
  TO_DEACTIVATE,
  TO_DELETE,
} from './lifecycle-sql.js';
import type { Queryable } from './usage-counts.js';

/** A user a policy would act on. */
export interface LifecyclePreviewUser {
  id: string;
  tenantId: string;
  username: string;
  lastLoginAt: string | null;
  createdAt: string;
  /** Users to delete: when the policy deactivated them. */
  deactivatedAt?: string;
}

/** What a policy would do to some tenants at one instant, and the seats it would free. */
export interface LifecyclePreview {
  deactivate: { count: number; users: LifecyclePreviewUser[] };
  delete: { count: number; users: LifecyclePreviewUser[] };
  /** Each tenant where the policy would do something: its users, and the seats freed in its own counts. */
  perTenant: {
    tenantId: string;
    name: string;
    deactivate: number;
    delete: number;
    internal: number;
    external: number;
  }[];
  /** The seats the account's totals would drop by (production environments, its aggregation), when asked. */
  account: Totals | null;
}

export interface LifecyclePreviewInput {
  accountId: string;
  environmentId: string;
  /** The tenants the policy governs, all of `environmentId`. */
  tenantIds: readonly string[];
  policy: LifecyclePolicyRules;
  cutoffs: LifecycleCutoffs;
  /** The account's aggregation, to work out the seats its totals would drop by; null to leave them out. */
  accountTotals: Aggregation | null;
}

const userJson = (alias: string, extra = '') =>
  `json_build_object('id', ${alias}.id, 'tenantId', ${alias}.tenant_id, 'username', ${alias}.username,
     'lastLoginAt', ${isoTime(`${alias}.last_login_at`)}, 'createdAt', ${isoTime(`${alias}.created_at`)}${extra})`;

/**
 * The seats the account's totals drop by when the `dormant` users (CTE) are deactivated: DESIGN.md §3 over the
 * production environments. Under `sum` each record is a seat. Under `unique` a person (license_identity) frees a seat
 * only when none of their records stays active, and one left with external records only moves from internal to
 * external (internal −1, external +1).
 *
 * Per affected person, one aggregate counts their records (all of them, read as accountLicensedTotals reads them:
 * end_users_license_idx, one index-only range per tenant, narrowed to the affected persons by a hash) and their
 * affected ones, in one UNION ALL: no join whose side the planner could underestimate (a preview of 50,000 users
 * against an anti-join planned for 236 took minutes).
 */
function accountSavingsSql(aggregation: Aggregation): string {
  if (aggregation === 'sum') {
    return `(SELECT json_build_object('internal', count(*) FILTER (WHERE internal),
                                      'external', count(*) FILTER (WHERE NOT internal))
               FROM dormant WHERE production)`;
  }
  return `(WITH persons AS (
             SELECT identity,
                    count(*) FILTER (WHERE NOT affected) AS records,
                    count(*) FILTER (WHERE NOT affected AND internal) AS internal_records,
                    count(*) FILTER (WHERE affected) AS gone,
                    count(*) FILTER (WHERE affected AND internal) AS internal_gone
               FROM (SELECT u.license_identity AS identity, ${isInternalSql()} AS internal, false AS affected
                       FROM environments e
                       JOIN tenants t ON t.environment_id = e.id
                      CROSS JOIN LATERAL (
                        SELECT u.license_identity, u.license_domain FROM end_users u
                         WHERE u.tenant_id = t.id AND u.is_active AND u.kind = 'registered') u
                      WHERE e.account_id = :accountId AND e.kind = 'production'
                        AND u.license_identity IN (SELECT identity FROM dormant WHERE production)
                     UNION ALL
                     SELECT identity, internal, true FROM dormant WHERE production) r
              GROUP BY identity
             HAVING count(*) FILTER (WHERE affected) > 0)
           SELECT json_build_object(
             'internal', count(*) FILTER (WHERE internal_records > 0
                                            AND (records = gone OR internal_records = internal_gone)),
             'external', count(*) FILTER (WHERE internal_records = 0 AND records = gone)
                         - count(*) FILTER (WHERE internal_records > 0 AND records > gone
                                              AND internal_records = internal_gone))
             FROM persons)`;
}

/**
 * The statement previewLifecycle runs (exported for the benchmark to time): one round trip, the users selected by
 * the same fragments a run's batches use (lifecycle-sql.ts), each once (MATERIALIZED).
 */
export function lifecyclePreviewSql(input: Pick<LifecyclePreviewInput, 'accountTotals' | 'cutoffs'>): string {
  const deleting = input.cutoffs.deactivatedBy !== null;
  return `
    WITH excepted AS MATERIALIZED (${EXCEPTED_USERS}),
    dormant AS MATERIALIZED (
      SELECT u.id, u.tenant_id, u.username, u.last_login_at, u.created_at, u.license_identity AS identity,
             ${isInternalSql()} AS internal, e.kind = 'production' AS production
        FROM tenants t
        JOIN environments e ON e.id = t.environment_id
        JOIN end_users u ON u.tenant_id = t.id
       WHERE t.id = ANY(:tenantIds) AND ${TO_DEACTIVATE}),
    doomed AS MATERIALIZED (
      SELECT u.id, u.tenant_id, u.username, u.last_login_at, u.created_at, d.deactivated_at
        FROM lifecycle_deactivations d, end_users u
       WHERE ${deleting ? TO_DELETE : 'false'}),
    per_tenant AS (
      SELECT t.id, t.name, coalesce(a.n, 0) AS deactivating, coalesce(b.n, 0) AS deleting,
             coalesce(a.internal, 0) AS internal, coalesce(a.external, 0) AS external
        FROM tenants t
        LEFT JOIN (SELECT tenant_id, count(*)::int AS n, count(*) FILTER (WHERE internal)::int AS internal,
                          count(*) FILTER (WHERE NOT internal)::int AS external
                     FROM dormant GROUP BY tenant_id) a ON a.tenant_id = t.id
        LEFT JOIN (SELECT tenant_id, count(*)::int AS n FROM doomed GROUP BY tenant_id) b ON b.tenant_id = t.id
       WHERE t.id = ANY(:tenantIds) AND (a.n > 0 OR b.n > 0))
    SELECT json_build_object(
      'deactivate', json_build_object(
        'count', (SELECT count(*) FROM dormant),
        'users', (SELECT coalesce(json_agg(${userJson('u')} ORDER BY ${DORMANT_ORDER}), '[]'::json)
                    FROM (SELECT * FROM dormant u ORDER BY ${DORMANT_ORDER} LIMIT :previewUsers) u)),
      'delete', json_build_object(
        'count', (SELECT count(*) FROM doomed),
        'users', (SELECT coalesce(json_agg(${userJson('u', `, 'deactivatedAt', ${isoTime('u.deactivated_at')}`)}
                                           ORDER BY u.deactivated_at, u.id), '[]'::json)
                    FROM (SELECT * FROM doomed u ORDER BY u.deactivated_at, u.id LIMIT :previewUsers) u)),
      'perTenant', (SELECT coalesce(json_agg(json_build_object('tenantId', p.id, 'name', p.name,
                                               'deactivate', p.deactivating, 'delete', p.deleting,
                                               'internal', p.internal, 'external', p.external)
                                             ORDER BY p.internal + p.external DESC, p.deactivating + p.deleting DESC,
                                                      p.name, p.id), '[]'::json)
                      FROM per_tenant p),
      'account', ${input.accountTotals ? accountSavingsSql(input.accountTotals) : 'NULL::json'}
    ) AS preview`;
}

/** The statement previewLifecycle sends, with its parameters (what the benchmark times). */
export function lifecyclePreviewStatement(input: LifecyclePreviewInput): [string, unknown[]] {
  return named(lifecyclePreviewSql(input), {
    ...lifecycleParameters(input.policy, input.cutoffs, input.environmentId, input.tenantIds),
    accountId: input.accountId,
    previewUsers: LIFECYCLE_PREVIEW_USERS,
  });
}

/**
 * What a policy would do to `tenantIds` at `cutoffs.asOf`, in one statement: whom it would deactivate and delete
 * (counts, and the first LIFECYCLE_PREVIEW_USERS of each, the longest unseen first), per tenant, and the seats the
 * account's totals would drop by. A run at the same instant does exactly this (the same SQL selects its batches).
 * Reads every tenant in `tenantIds`: on the API's pool bound to one tenant it must be that tenant alone, and the
 * account's seats (`accountTotals`) read every production tenant, so only a cross-tenant pool can answer them.
 */
export async function previewLifecycle(db: Queryable, input: LifecyclePreviewInput): Promise<LifecyclePreview> {
  const [text, values] = lifecyclePreviewStatement(input);
  const rows = (await db.query(text, values)) as {
    preview: Omit<LifecyclePreview, 'account'> & { account: Totals | null };
  }[];
  const preview = rows[0]!.preview;
  const account = preview.account
    ? { ...preview.account, named: preview.account.internal + preview.account.external }
    : null;
  return { ...preview, account };
}

/**
 * The tenants of an environment, split by the policy they follow: the environment's, or an override of their own.
 * Cross-tenant (overrides are tenant rows): the worker's pool, or the API's cross-tenant reads.
 */
export async function tenantsOfEnvironmentPolicy(
  db: Queryable,
  accountId: string,
  environmentId: string,
): Promise<{ following: { id: string; name: string }[]; overriding: { id: string; name: string }[] }> {
  const rows = (await db.query(
    `SELECT t.id::text AS id, t.name, EXISTS (SELECT 1 FROM tenant_lifecycle_policies o WHERE o.tenant_id = t.id)
              AS overriding
       FROM tenants t WHERE t.environment_id = $1 AND t.account_id = $2
      ORDER BY t.name, t.id`,
    [environmentId, accountId],
  )) as { id: string; name: string; overriding: boolean }[];
  const pick = (overriding: boolean) =>
    rows.filter((row) => row.overriding === overriding).map(({ id, name }) => ({ id, name }));
  return { following: pick(false), overriding: pick(true) };
}
