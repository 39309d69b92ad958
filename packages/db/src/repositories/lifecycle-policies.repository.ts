/**
 * Dormant-user policies' storage (migration LifecyclePolicies1765900000000): an environment's policy, a tenant's
 * override, the runs, and the batches a run deactivates and deletes. Rules: packages/domain lifecycle-policies.ts;
 * the selection SQL: lifecycle-sql.ts.
 */
import {
  type LifecycleCutoffs,
  type LifecyclePolicy,
  type LifecyclePolicyRules,
  type LifecyclePolicySource,
  type LifecycleRunTrigger,
  type Snapshot,
} from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { newId } from '../entities/base.js';
import { type Page, type PageQuery, paginateAsJson } from '../keyset.js';
import { isoTime, USER_JSON } from './end-user-list.js';
import { type LifecyclePreview, previewLifecycle } from './lifecycle-preview.js';
import { EXCEPTED_USERS, lifecycleParameters, queryNamed, TO_DEACTIVATE, TO_DELETE } from './lifecycle-sql.js';

/** end_users_last_login_sort_idx's order: a run's batches walk it. */
const INDEX_ORDER = "coalesce(u.last_login_at, CAST('-infinity' AS timestamptz)), u.id";

/** A stored policy: its rules, id, where it is set, and when it last changed. */
export interface StoredLifecyclePolicy extends LifecyclePolicy {
  updatedAt: Date;
}

/** One run of a tenant's policy, as the API lists it. */
export interface LifecycleRun {
  id: string;
  tenantId: string;
  tenantName: string | null;
  environmentId: string;
  policyId: string;
  policySource: LifecyclePolicySource;
  policy: LifecyclePolicyRules;
  trigger: LifecycleRunTrigger;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  deactivated: number;
  deleted: number;
  failure: string | null;
}

const policyColumns = (alias: string, groups: string) => `
  ${alias}.id, ${alias}.deactivate_after_days AS "deactivateAfterDays", ${alias}.delete_after_days AS "deleteAfterDays",
  ${groups} AS "exceptGroupIds", ${alias}.except_role_keys::text[] AS "exceptRoleKeys", ${alias}.enabled,
  ${alias}.updated_at AS "updatedAt"`;

const ENVIRONMENT_POLICY = `SELECT ${policyColumns('p', "'{}'::text[]")}, 'environment' AS source
  FROM lifecycle_policies p WHERE p.environment_id = :environmentId`;

/** A tenant's override, its group exceptions narrowed to the groups that still exist (in the order given). */
const TENANT_POLICY = `SELECT ${policyColumns(
  'p',
  `ARRAY(SELECT x.id FROM unnest(p.except_group_ids) WITH ORDINALITY AS x(id, n)
          WHERE EXISTS (SELECT 1 FROM user_groups g WHERE g.tenant_id = p.tenant_id AND g.id = x.id)
          ORDER BY x.n)::text[]`,
)}, 'tenant' AS source
  FROM tenant_lifecycle_policies p WHERE p.tenant_id = :tenantId`;

/** A run as the API shows it, built by PostgreSQL (runs are listed as JSON, see paginateAsJson). */
const RUN_JSON = `(SELECT row_to_json(x) FROM (SELECT
  r.id, r.tenant_id AS "tenantId", (SELECT t.name FROM tenants t WHERE t.id = r.tenant_id) AS "tenantName",
  r.environment_id AS "environmentId", r.policy_id AS "policyId", r.policy_source AS "policySource", r.policy,
  r.trigger, ${isoTime('r.as_of')} AS "asOf", ${isoTime('r.started_at')} AS "startedAt",
  ${isoTime('r.finished_at')} AS "finishedAt", r.deactivated, r.deleted, r.failure) x)`;

const RUN_ORDER = { expression: 'r.id', idColumn: 'r.id', descending: true };

function rulesOf(policy: LifecyclePolicyRules): LifecyclePolicyRules {
  const { deactivateAfterDays, deleteAfterDays, exceptGroupIds, exceptRoleKeys, enabled } = policy;
  return { deactivateAfterDays, deleteAfterDays, exceptGroupIds, exceptRoleKeys, enabled };
}

/** The keys among `keys` no role of the environment has (active or not), in the order given. */
async function unknownRoleKeys(
  manager: EntityManager,
  environmentId: string,
  keys: readonly string[],
): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows: { key: string }[] = await manager.query(
    'SELECT key FROM roles WHERE environment_id = $1 AND key = ANY($2::text[])',
    [environmentId, keys],
  );
  const known = new Set(rows.map((row) => row.key));
  return keys.filter((key) => !known.has(key));
}

/** Environments' policies, at account level (AccountTransaction.lifecyclePolicies). */
export class EnvironmentLifecyclePoliciesRepository {
  constructor(
    private readonly manager: EntityManager,
    readonly accountId: string | null,
  ) {}

  /** The environment's policy, or null; `lock` holds it until the transaction ends. */
  async get(environmentId: string, options: { lock?: boolean } = {}): Promise<StoredLifecyclePolicy | null> {
    const rows = await queryNamed<StoredLifecyclePolicy[]>(
      this.manager,
      `${ENVIRONMENT_POLICY} AND p.account_id = :accountId${options.lock ? ' FOR UPDATE' : ''}`,
      { environmentId, accountId: this.accountId },
    );
    return rows[0] ?? null;
  }

  /** Sets the environment's policy (its id is kept when it is replaced); answers it as stored. */
  async put(environmentId: string, rules: LifecyclePolicyRules, now: Date): Promise<StoredLifecyclePolicy> {
    await queryNamed(
      this.manager,
      `INSERT INTO lifecycle_policies (id, account_id, environment_id, deactivate_after_days, delete_after_days,
                                       except_role_keys, enabled, created_at, updated_at)
       VALUES (:id, :accountId, :environmentId, :deactivateAfterDays, :deleteAfterDays, :exceptRoleKeys::text[],
               :enabled, :now, :now)
       ON CONFLICT (environment_id) DO UPDATE SET
         deactivate_after_days = EXCLUDED.deactivate_after_days, delete_after_days = EXCLUDED.delete_after_days,
         except_role_keys = EXCLUDED.except_role_keys, enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
      { id: newId(), accountId: this.accountId, environmentId, now, ...rules },
    );
    return (await this.get(environmentId))!;
  }

  /** Role keys among `keys` the environment does not have. */
  unknownRoleKeys(environmentId: string, keys: readonly string[]): Promise<string[]> {
    return unknownRoleKeys(this.manager, environmentId, keys);
  }

  /** The runs of every tenant of the environment, newest first. */
  async runs(environmentId: string, page: PageQuery): Promise<Page<LifecycleRun>> {
    const query = this.manager
      .createQueryBuilder()
      .from('lifecycle_policy_runs', 'r')
      .where('r.environment_id = :environmentId AND r.account_id = :accountId', {
        environmentId,
        accountId: this.accountId,
      });
    return JSON.parse(await paginateAsJson(query, page, RUN_ORDER, RUN_JSON)) as Page<LifecycleRun>;
  }
}

/** What a run of a tenant's policy starts from. */
export interface RunStart {
  policy: LifecyclePolicy;
  trigger: LifecycleRunTrigger;
  asOf: Date;
}

/**
 * One tenant's policy: its override, the policy in effect, its runs, and the batches a run deactivates and deletes
 * (TenantTransaction.lifecycle). Every statement names the tenant (row-level security binds it as well).
 */
export class TenantLifecycleRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: { accountId: string; environmentId: string; tenantId: string },
  ) {}

  /** The tenant's own policy (an override of the environment's), or null; `lock` holds it. */
  async override(options: { lock?: boolean } = {}): Promise<StoredLifecyclePolicy | null> {
    const rows = await queryNamed<StoredLifecyclePolicy[]>(
      this.manager,
      `${TENANT_POLICY}${options.lock ? ' FOR UPDATE OF p' : ''}`,
      { tenantId: this.scope.tenantId },
    );
    return rows[0] ?? null;
  }

  /** The environment's policy (what the tenant follows without an override), or null. */
  async environmentPolicy(): Promise<StoredLifecyclePolicy | null> {
    const rows = await queryNamed<StoredLifecyclePolicy[]>(this.manager, ENVIRONMENT_POLICY, {
      environmentId: this.scope.environmentId,
    });
    return rows[0] ?? null;
  }

  /** The policy in effect: the tenant's override, else the environment's, else null. */
  async effective(): Promise<StoredLifecyclePolicy | null> {
    return (await this.override()) ?? (await this.environmentPolicy());
  }

  /** Sets the tenant's override (its id is kept when it is replaced); answers it as stored. */
  async putOverride(rules: LifecyclePolicyRules, now: Date): Promise<StoredLifecyclePolicy> {
    await queryNamed(
      this.manager,
      `INSERT INTO tenant_lifecycle_policies (tenant_id, id, deactivate_after_days, delete_after_days, except_group_ids,
                                              except_role_keys, enabled, created_at, updated_at)
       VALUES (:tenantId, :id, :deactivateAfterDays, :deleteAfterDays, :exceptGroupIds::uuid[], :exceptRoleKeys::text[],
               :enabled, :now, :now)
       ON CONFLICT (tenant_id) DO UPDATE SET
         deactivate_after_days = EXCLUDED.deactivate_after_days, delete_after_days = EXCLUDED.delete_after_days,
         except_group_ids = EXCLUDED.except_group_ids, except_role_keys = EXCLUDED.except_role_keys,
         enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
      { tenantId: this.scope.tenantId, id: newId(), now, ...rules },
    );
    return (await this.override())!;
  }

  /** Removes the tenant's override; true when there was one. */
  async deleteOverride(): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      'DELETE FROM tenant_lifecycle_policies WHERE tenant_id = $1 RETURNING id',
      [this.scope.tenantId],
    );
    return rows.length > 0;
  }

  /** Group ids among `ids` that are not groups of the tenant, in the order given. */
  async unknownGroupIds(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await this.manager.query(
      'SELECT id::text AS id FROM user_groups WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [this.scope.tenantId, ids],
    );
    const known = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !known.has(id));
  }

  /** Role keys among `keys` the tenant's environment does not have. */
  unknownRoleKeys(keys: readonly string[]): Promise<string[]> {
    return unknownRoleKeys(this.manager, this.scope.environmentId, keys);
  }

  /**
   * What the policy would do to the tenant at `cutoffs.asOf` (previewLifecycle), without the account's seats: they
   * read every tenant of the account, which a tenant-bound transaction cannot.
   */
  preview(policy: LifecyclePolicyRules, cutoffs: LifecycleCutoffs): Promise<LifecyclePreview> {
    const { accountId, environmentId, tenantId } = this.scope;
    return previewLifecycle(this.manager, {
      accountId,
      environmentId,
      tenantIds: [tenantId],
      policy,
      cutoffs,
      accountTotals: null,
    });
  }

  /** The tenant's runs, newest first. */
  async runs(page: PageQuery): Promise<Page<LifecycleRun>> {
    const query = this.manager
      .createQueryBuilder()
      .from('lifecycle_policy_runs', 'r')
      .where('r.tenant_id = :tenantId', { tenantId: this.scope.tenantId });
    return JSON.parse(await paginateAsJson(query, page, RUN_ORDER, RUN_JSON)) as Page<LifecycleRun>;
  }

  /**
   * Records the start of a run and answers its id. A run of the tenant left unfinished is one whose worker died
   * (one runs per tenant at a time): it is closed as interrupted.
   */
  async startRun({ policy, trigger, asOf }: RunStart): Promise<string> {
    const id = newId();
    await queryNamed(
      this.manager,
      `WITH interrupted AS (
         UPDATE lifecycle_policy_runs SET finished_at = now(),
                failure = 'Interrupted: the worker stopped before the run finished; the next run takes over.'
          WHERE tenant_id = :tenantId AND finished_at IS NULL)
       INSERT INTO lifecycle_policy_runs (tenant_id, id, account_id, environment_id, policy_id, policy_source, policy,
                                          trigger, as_of, started_at)
       VALUES (:tenantId, :id, :accountId, :environmentId, :policyId, :source, :rules::jsonb, :trigger, :asOf, now())`,
      {
        ...this.scope,
        id,
        policyId: policy.id,
        source: policy.source,
        rules: JSON.stringify(rulesOf(policy)),
        trigger,
        asOf,
      },
    );
    return id;
  }

  /** Records the end of a run, with why it failed when it did (its counts were kept batch by batch). */
  async finishRun(runId: string, failure: string | null): Promise<void> {
    await this.manager.query(
      'UPDATE lifecycle_policy_runs SET finished_at = now(), failure = $3 WHERE tenant_id = $1 AND id = $2',
      [this.scope.tenantId, runId, failure === null ? null : failure.slice(0, 2000)],
    );
  }

  /** A run's counts so far. */
  async runCounts(runId: string): Promise<{ deactivated: number; deleted: number }> {
    const rows: { deactivated: number; deleted: number }[] = await this.manager.query(
      'SELECT deactivated, deleted FROM lifecycle_policy_runs WHERE tenant_id = $1 AND id = $2',
      [this.scope.tenantId, runId],
    );
    return rows[0] ?? { deactivated: 0, deleted: 0 };
  }

  /**
   * Forgets deactivation records that can no longer lead to a deletion: their user was reactivated or changed
   * since (a later deactivation by a policy records it afresh).
   */
  async forgetStaleDeactivations(): Promise<number> {
    const rows: unknown[] = await this.manager.query(
      `DELETE FROM lifecycle_deactivations d USING end_users u
        WHERE d.tenant_id = $1 AND u.tenant_id = d.tenant_id AND u.id = d.user_id
          AND (u.is_active OR u.updated_at > d.deactivated_at)
       RETURNING d.user_id`,
      [this.scope.tenantId],
    );
    return rows.length;
  }

  /**
   * Deactivates the next `limit` users the policy deactivates at `cutoffs`, in one statement: picked (in the order of
   * end_users_last_login_sort_idx, which then needs no sort), locked in id order (as every writer locks users), checked again once locked, deactivated at
   * `now`, recorded as the policy's, and counted on the run. Answers each user as it was before (the user resource),
   * for the change events.
   */
  async deactivateBatch(
    policy: LifecyclePolicy,
    cutoffs: LifecycleCutoffs,
    runId: string,
    now: Date,
    limit: number,
  ): Promise<Snapshot[]> {
    const rows = await queryNamed<{ before: Snapshot }[]>(
      this.manager,
      `WITH excepted AS (${EXCEPTED_USERS}),
       picked AS (
         SELECT u.id FROM end_users u WHERE ${TO_DEACTIVATE} ORDER BY ${INDEX_ORDER} LIMIT :limit),
       locked AS (
         SELECT u.id, ${USER_JSON} AS before FROM end_users u
          WHERE u.tenant_id = :tenantId AND u.id IN (SELECT id FROM picked)
            AND u.is_active AND u.kind = 'registered' AND coalesce(u.last_login_at, u.created_at) < :dormantBefore
          ORDER BY u.id
          FOR UPDATE OF u),
       changed AS (
         UPDATE end_users u SET is_active = false, updated_at = :now FROM locked l
          WHERE u.tenant_id = :tenantId AND u.id = l.id
         RETURNING u.id),
       noted AS (
         INSERT INTO lifecycle_deactivations (tenant_id, user_id, policy_id, run_id, deactivated_at)
         SELECT :tenantId, id, :policyId, :runId, :now FROM changed
         ON CONFLICT (tenant_id, user_id) DO UPDATE SET
           policy_id = EXCLUDED.policy_id, run_id = EXCLUDED.run_id, deactivated_at = EXCLUDED.deactivated_at),
       counted AS (
         UPDATE lifecycle_policy_runs SET deactivated = deactivated + (SELECT count(*) FROM changed)
          WHERE tenant_id = :tenantId AND id = :runId)
       SELECT before FROM locked ORDER BY id`,
      this.batchParameters(policy, cutoffs, runId, now, limit),
    );
    return rows.map((row) => row.before);
  }

  /**
   * Deletes the next `limit` users the policy deletes at `cutoffs` (those it deactivated longest ago first), in one
   * statement, as deactivateBatch deactivates; their memberships, grants and deactivation records go with them.
   * Answers each user as it was before.
   */
  async deleteBatch(
    policy: LifecyclePolicy,
    cutoffs: LifecycleCutoffs,
    runId: string,
    now: Date,
    limit: number,
  ): Promise<Snapshot[]> {
    if (!cutoffs.deactivatedBy) return [];
    const rows = await queryNamed<{ before: Snapshot }[]>(
      this.manager,
      `WITH excepted AS (${EXCEPTED_USERS}),
       picked AS (
         SELECT u.id FROM lifecycle_deactivations d, end_users u WHERE ${TO_DELETE}
          ORDER BY d.deactivated_at, d.user_id LIMIT :limit),
       locked AS (
         SELECT u.id, ${USER_JSON} AS before FROM end_users u
          WHERE u.tenant_id = :tenantId AND u.id IN (SELECT id FROM picked)
            AND NOT u.is_active AND coalesce(u.last_login_at, u.created_at) < :deleteDormantBefore
            AND EXISTS (SELECT 1 FROM lifecycle_deactivations d
                         WHERE d.tenant_id = u.tenant_id AND d.user_id = u.id
                           AND d.deactivated_at <= :deactivatedBy AND u.updated_at <= d.deactivated_at)
          ORDER BY u.id
          FOR UPDATE OF u),
       gone AS (
         DELETE FROM end_users u USING locked l WHERE u.tenant_id = :tenantId AND u.id = l.id RETURNING u.id),
       counted AS (
         UPDATE lifecycle_policy_runs SET deleted = deleted + (SELECT count(*) FROM gone)
          WHERE tenant_id = :tenantId AND id = :runId)
       SELECT before FROM locked ORDER BY id`,
      this.batchParameters(policy, cutoffs, runId, now, limit),
    );
    return rows.map((row) => row.before);
  }

  private batchParameters(
    policy: LifecyclePolicy,
    cutoffs: LifecycleCutoffs,
    runId: string,
    now: Date,
    limit: number,
  ): Record<string, unknown> {
    const { environmentId, tenantId } = this.scope;
    return {
      ...lifecycleParameters(policy, cutoffs, environmentId, [tenantId]),
      tenantId,
      licenseTenantId: tenantId,
      policyId: policy.id,
      runId,
      now,
      limit,
    };
  }
}
