import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type LifecyclePreview,
  type PageQuery,
  previewLifecycle,
  type StoredLifecyclePolicy,
  tenantsOfEnvironmentPolicy,
} from '@roster/db';
import {
  ADMINS,
  change,
  type JobPayloads,
  type LifecyclePolicyRules,
  lifecycleCutoffs,
  lifecycleRunJob,
  PLATFORM_ADMIN,
} from '@roster/domain';
import { Work } from '../changes/work.js';
import { Clock } from '../common/clock.js';
import { badRequest, conflict, type FieldError, notFound, Problem, TITLES } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import { Queues } from '../queues/queues.module.js';
import { LifecycleReadConnection } from './lifecycle-read-connection.js';
import {
  type EnvironmentLifecycleResponse,
  type LifecyclePolicyInput,
  type LifecyclePreviewResponse,
  type TenantLifecycleResponse,
  toPolicyResponse,
} from './lifecycle-policy.schemas.js';

/** The rules of a request body, as stored. */
function rulesOf(input: LifecyclePolicyInput): LifecyclePolicyRules {
  return {
    deactivateAfterDays: input.deactivateAfterDays,
    deleteAfterDays: input.deleteAfterDays ?? null,
    exceptGroupIds: input.exceptGroupIds,
    exceptRoleKeys: input.exceptRoleKeys,
    enabled: input.enabled,
  };
}

function sameRules(policy: StoredLifecyclePolicy | null, rules: LifecyclePolicyRules): boolean {
  if (!policy) return false;
  const { deactivateAfterDays, deleteAfterDays, exceptGroupIds, exceptRoleKeys, enabled } = policy;
  return (
    JSON.stringify({ deactivateAfterDays, deleteAfterDays, exceptGroupIds, exceptRoleKeys, enabled }) ===
    JSON.stringify(rules)
  );
}

/** A 400 naming each unknown group id or role key by its place in the list. */
function unknownExceptions(unknownGroups: string[], unknownRoles: string[], input: LifecyclePolicyInput): Problem {
  const errors: FieldError[] = [
    ...unknownGroups.map((id) => ({
      field: `exceptGroupIds.${input.exceptGroupIds.indexOf(id)}`,
      message: `${id} is not a group of this tenant`,
    })),
    ...unknownRoles.map((key) => ({
      field: `exceptRoleKeys.${input.exceptRoleKeys.indexOf(key)}`,
      message: `${key} is not a role of this environment`,
    })),
  ];
  const named = [...unknownGroups.map((id) => `group ${id}`), ...unknownRoles.map((key) => `role ${key}`)];
  return badRequest(`The policy names what does not exist here: ${named.join(', ')}.`, errors);
}

const queueUnavailable = (error: unknown) =>
  new Problem(
    503,
    TITLES[503]!,
    `The run could not be queued (${(error as Error).message}); the job queue is unavailable. Try again later; ` +
      'scheduled runs resume on their own.',
  );

/**
 * Dormant-user policies (API.md §10; rules in packages/domain lifecycle-policies.ts): an environment's policy and
 * its tenants' overrides, their previews, runs, and "run now". The runs themselves are the worker's.
 */
@Injectable()
export class LifecyclePoliciesService {
  constructor(
    private readonly work: Work,
    private readonly clock: Clock,
    private readonly queues: Queues,
    private readonly acrossTenants: LifecycleReadConnection,
  ) {}

  private environmentWork(environmentId: string) {
    return this.work.account(RequestContext.scope.accountId, environmentId);
  }

  async getOfEnvironment(environmentId: string): Promise<EnvironmentLifecycleResponse> {
    const policy = await this.environmentWork(environmentId).read((data) => data.lifecyclePolicies.get(environmentId));
    return { environmentId, source: policy ? 'environment' : null, policy: policy && toPolicyResponse(policy) };
  }

  /** Sets or replaces the environment's policy. Group exceptions belong on tenants' overrides (400 here). */
  async putOfEnvironment(environmentId: string, input: LifecyclePolicyInput): Promise<EnvironmentLifecycleResponse> {
    if (input.exceptGroupIds.length > 0) {
      throw badRequest('Groups belong to tenants: except groups in a tenant’s override, not here.', [
        {
          field: 'exceptGroupIds',
          message: 'must be empty on an environment’s policy (set it on a tenant’s override)',
        },
      ]);
    }
    const rules = rulesOf(input);
    const policy = await this.environmentWork(environmentId).run(async (data) => {
      await data.environments.get(environmentId, { lock: true });
      const unknownRoles = await data.lifecyclePolicies.unknownRoleKeys(environmentId, rules.exceptRoleKeys);
      if (unknownRoles.length > 0) throw unknownExceptions([], unknownRoles, input);
      const before = await data.lifecyclePolicies.get(environmentId);
      if (sameRules(before, rules)) return before!;
      const after = await data.lifecyclePolicies.put(environmentId, rules, this.clock.now());
      data.record(
        change(
          'environment.lifecycle-policy.replaced',
          environmentId,
          before && toPolicyResponse(before),
          toPolicyResponse(after),
        ),
      );
      return after;
    });
    return { environmentId, source: 'environment', policy: toPolicyResponse(policy) };
  }

  async getOfTenant(): Promise<TenantLifecycleResponse> {
    const { environmentId, tenantId } = RequestContext.tenant;
    const [override, environmentPolicy] = await this.work
      .tenant()
      .read(async (data) => [await data.lifecycle.override(), await data.lifecycle.environmentPolicy()] as const);
    return this.tenantResponse(tenantId, environmentId, override, environmentPolicy);
  }

  /** Sets or replaces the tenant's override: it replaces the environment's policy entirely for the tenant. */
  async putOfTenant(input: LifecyclePolicyInput): Promise<TenantLifecycleResponse> {
    const { environmentId, tenantId } = RequestContext.tenant;
    const rules = rulesOf(input);
    const [override, environmentPolicy] = await this.work.tenant().run(async (data) => {
      const [unknownGroups, unknownRoles] = [
        await data.lifecycle.unknownGroupIds(rules.exceptGroupIds),
        await data.lifecycle.unknownRoleKeys(rules.exceptRoleKeys),
      ];
      if (unknownGroups.length + unknownRoles.length > 0) throw unknownExceptions(unknownGroups, unknownRoles, input);
      const before = await data.lifecycle.override({ lock: true });
      const environmentPolicy = await data.lifecycle.environmentPolicy();
      if (sameRules(before, rules)) return [before!, environmentPolicy] as const;
      const after = await data.lifecycle.putOverride(rules, this.clock.now());
      data.record(
        change(
          'tenant.lifecycle-policy.replaced',
          tenantId,
          before && toPolicyResponse(before),
          toPolicyResponse(after),
        ),
      );
      return [after, environmentPolicy] as const;
    });
    return this.tenantResponse(tenantId, environmentId, override, environmentPolicy);
  }

  /** Removes the tenant's override (the environment's policy applies again); idempotent. */
  async deleteOfTenant(): Promise<void> {
    const { tenantId } = RequestContext.tenant;
    await this.work.tenant().run(async (data) => {
      const before = await data.lifecycle.override({ lock: true });
      if (!before) return;
      await data.lifecycle.deleteOverride();
      data.record(change('tenant.lifecycle-policy.deleted', tenantId, toPolicyResponse(before), null));
    });
  }

  private tenantResponse(
    tenantId: string,
    environmentId: string,
    override: StoredLifecyclePolicy | null,
    environmentPolicy: StoredLifecyclePolicy | null,
  ): TenantLifecycleResponse {
    const effective = override ?? environmentPolicy;
    return {
      tenantId,
      environmentId,
      source: effective?.source ?? null,
      policy: effective && toPolicyResponse(effective),
      environmentPolicy: environmentPolicy && toPolicyResponse(environmentPolicy),
    };
  }

  /**
   * What the environment's policy would do now to the tenants that follow it (not those with an override), and the
   * seats the account's totals would drop by. Cross-tenant reads (LifecycleReadConnection): owners and admins only.
   */
  async previewOfEnvironment(environmentId: string): Promise<LifecyclePreviewResponse> {
    const { accountId } = RequestContext.scope;
    const [policy, account] = await this.environmentWork(environmentId).read(
      async (data) => [await data.lifecyclePolicies.get(environmentId), await data.accounts.get(accountId)] as const,
    );
    if (!policy) throw notFound('Dormant-user policy of environment', environmentId);
    const asOf = this.clock.now();
    const { preview, overriding } = await this.acrossTenants.read(async (db) => {
      const tenants = await tenantsOfEnvironmentPolicy(db, accountId, environmentId);
      const preview = await previewLifecycle(db, {
        accountId,
        environmentId,
        tenantIds: tenants.following.map((tenant) => tenant.id),
        policy,
        cutoffs: lifecycleCutoffs(policy, asOf),
        accountTotals: account.aggregation,
      });
      return { preview, overriding: tenants.overriding };
    });
    return {
      ...this.previewResponse(policy, asOf, preview),
      overridingTenants: overriding.map(({ id, name }) => ({ tenantId: id, name })),
    };
  }

  /**
   * What the tenant's policy in effect would do to it now. Owners and admins also get the seats the account's totals
   * would drop by (a cross-tenant read); a tenant-admin's preview reads through the tenant-bound unit of work and
   * leaves them out, as the account's usage is not theirs to see.
   */
  async previewOfTenant(): Promise<LifecyclePreviewResponse> {
    const { accountId, environmentId, tenantId } = RequestContext.tenant;
    const policy = await this.work.tenant().read((data) => data.lifecycle.effective());
    if (!policy) throw notFound('Dormant-user policy of tenant', tenantId);
    const asOf = this.clock.now();
    const cutoffs = lifecycleCutoffs(policy, asOf);
    const { role } = RequestContext.actor;
    let preview: LifecyclePreview;
    if (role === PLATFORM_ADMIN || ADMINS.includes(role)) {
      const { aggregation } = await this.work.account(accountId).read((data) => data.accounts.get(accountId));
      preview = await this.acrossTenants.read((db) =>
        previewLifecycle(db, {
          accountId,
          environmentId,
          tenantIds: [tenantId],
          policy,
          cutoffs,
          accountTotals: aggregation,
        }),
      );
    } else {
      preview = await this.work.tenant().read((data) => data.lifecycle.preview(policy, cutoffs));
    }
    return this.previewResponse(policy, asOf, preview);
  }

  private previewResponse(
    policy: StoredLifecyclePolicy,
    asOf: Date,
    preview: LifecyclePreview,
  ): LifecyclePreviewResponse {
    return {
      source: policy.source,
      policy: toPolicyResponse(policy),
      asOf: asOf.toISOString(),
      deactivate: preview.deactivate,
      delete: preview.delete,
      seatsSaved: preview.account,
      perTenant: preview.perTenant,
    };
  }

  runsOfEnvironment(environmentId: string, page: PageQuery) {
    return this.environmentWork(environmentId).read((data) => data.lifecyclePolicies.runs(environmentId, page));
  }

  runsOfTenant(page: PageQuery) {
    return this.work.tenant().read((data) => data.lifecycle.runs(page));
  }

  /** Queues a run of the tenant's policy in effect now (joining one already waiting or running). */
  async runTenantNow(): Promise<{ jobId: string }> {
    const { accountId, tenantId } = RequestContext.tenant;
    const policy = await this.work.tenant().read((data) => data.lifecycle.effective());
    if (!policy) throw conflict('No dormant-user policy applies to this tenant: set one first.');
    if (!policy.enabled) throw conflict('The dormant-user policy in effect is disabled: enable it to run it.');
    const job = lifecycleRunJob(accountId, tenantId, 'request');
    return this.enqueue(job.name, job.data, job.opts);
  }

  /** Queues a run of the environment's policy for every tenant that follows it. */
  async runEnvironmentNow(environmentId: string): Promise<{ jobId: string }> {
    const { accountId } = RequestContext.scope;
    const policy = await this.environmentWork(environmentId).read((data) => data.lifecyclePolicies.get(environmentId));
    if (!policy) throw conflict('The environment has no dormant-user policy: set one first.');
    if (!policy.enabled) throw conflict('The environment’s dormant-user policy is disabled: enable it to run it.');
    const data: JobPayloads['lifecycle.run-policies'] = { accountId, environmentId };
    return this.enqueue('lifecycle.run-policies', data, {});
  }

  /**
   * Adds a job with an id of its own: BullMQ numbers each queue's jobs from 1, and GET /jobs/:id looks in several
   * queues. A run joined to one already waiting answers that one's id.
   */
  private async enqueue(name: string, data: object, opts: object): Promise<{ jobId: string }> {
    try {
      const job = await this.queues.run(() =>
        this.queues.get('lifecycle').add(name, data, { ...opts, jobId: randomUUID() }),
      );
      return { jobId: job.id! };
    } catch (error) {
      throw queueUnavailable(error);
    }
  }
}
