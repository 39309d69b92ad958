import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LifecycleScheduleRepository, type ScopedWork, type TenantTransaction, type UnitOfWork } from '@roster/db';
import {
  change,
  type JobPayloads,
  LIFECYCLE_BATCH_SIZE,
  lifecycleCutoffs,
  lifecyclePolicyActor,
  lifecycleRunJob,
  type Snapshot,
  type UserFacts,
} from '@roster/domain';
import { DataSource } from 'typeorm';
import { WorkerChanges } from '../changes/worker-changes.js';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { JobRunner } from '../jobs/job-runner.service.js';

/** What a tenant's run did, or why it did nothing. */
export type TenantRunResult =
  | { runId: string; deactivated: number; deleted: number }
  | { skipped: true; reason: 'tenant-gone' | 'no-policy' | 'disabled' };

/** The actor of the reads and bookkeeping around a run (the changes themselves are the policy's). */
const SYSTEM = { kind: 'system', id: null } as const;

/** A user resource as the database built it (USER_JSON, what the API's toUserResponse builds): a change's before. */
const asUser = (user: Snapshot) => user as UserFacts & Snapshot;

/**
 * Dormant-user policies (packages/domain lifecycle-policies.ts): the daily fan-out, and each tenant's run. A run
 * deactivates, then deletes, LIFECYCLE_BATCH_SIZE users per transaction through the unit of work with the policy as
 * actor: each change is audited, put in the outbox and handed to the consumers (cache invalidation, recount, webhook
 * fan-out) exactly as an operator's bulk action's are. Every batch selects with the preview's own SQL at the run's
 * instant, so a run does what its preview showed; its counts are kept on the run's row in the batch's transaction.
 */
@Injectable()
export class LifecyclePoliciesHandler {
  private readonly logger = new Logger('LifecyclePolicies');
  private readonly work: UnitOfWork;
  private readonly schedule: LifecycleScheduleRepository;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(JobRunner) private readonly runner: JobRunner,
    @Inject(WorkerChanges) changes: WorkerChanges,
  ) {
    this.work = changes.unitOfWork;
    this.schedule = new LifecycleScheduleRepository(dataSource);
  }

  /** Queues a run for every tenant whose policy in effect is enabled (of one environment on request). */
  @JobHandler('lifecycle.run-policies')
  async runPolicies(payload: JobPayloads['lifecycle.run-policies']): Promise<{ queued: number }> {
    const { accountId, environmentId } = payload;
    const scope = accountId && environmentId ? { accountId, environmentId } : null;
    const tenants = await this.schedule.tenantsToRun(scope);
    const queue = this.runner.queue('lifecycle');
    if (!queue) throw new Error('The job runner is not started');
    const trigger = scope ? 'request' : 'schedule';
    // Ids of their own, as the API gives the runs it queues (GET /jobs/:id looks in several queues).
    await queue.addBulk(
      tenants.map(({ accountId: account, tenantId }) => {
        const job = lifecycleRunJob(account, tenantId, trigger);
        return { ...job, opts: { ...job.opts, jobId: randomUUID() } };
      }),
    );
    return { queued: tenants.length };
  }

  /** Applies a tenant's policy in effect, if enabled, and records the run. */
  @JobHandler('lifecycle.run-tenant')
  async runTenant({ accountId, tenantId, trigger }: JobPayloads['lifecycle.run-tenant']): Promise<TenantRunResult> {
    const scope = await this.schedule.tenantScope(accountId, tenantId);
    if (!scope) return { skipped: true, reason: 'tenant-gone' };
    const policy = await this.work.forTenant(scope, SYSTEM).read((tx) => tx.lifecycle.effective());
    if (!policy) return { skipped: true, reason: 'no-policy' };
    if (!policy.enabled) return { skipped: true, reason: 'disabled' };

    const asOf = new Date();
    const cutoffs = lifecycleCutoffs(policy, asOf);
    const asPolicy = this.work.forTenant(scope, lifecyclePolicyActor(policy.id));
    const runId = await asPolicy.run((tx) => tx.lifecycle.startRun({ policy, trigger, asOf }));
    try {
      await asPolicy.run((tx) => tx.lifecycle.forgetStaleDeactivations());
      await this.inBatches(asPolicy, async (tx, now) => {
        const users = await tx.lifecycle.deactivateBatch(policy, cutoffs, runId, now, LIFECYCLE_BATCH_SIZE);
        tx.record(
          ...users.map((user) => {
            // What a bulk deactivation records: the user as it was, and as it is now (its seat freed).
            const after: UserFacts & Snapshot = {
              ...asUser(user),
              isActive: false,
              licenseClass: 'inactive',
              updatedAt: now.toISOString(),
            };
            return change('user.deactivated', user.id as string, asUser(user), after);
          }),
        );
        return users.length;
      });
      await this.inBatches(asPolicy, async (tx, now) => {
        const users = await tx.lifecycle.deleteBatch(policy, cutoffs, runId, now, LIFECYCLE_BATCH_SIZE);
        tx.record(...users.map((user) => change('user.deleted', user.id as string, asUser(user), null)));
        return users.length;
      });
      await asPolicy.run((tx) => tx.lifecycle.finishRun(runId, null));
    } catch (error) {
      const reason = (error as Error).message;
      this.logger.error(`The dormant-user policy run ${runId} of tenant ${tenantId} failed: ${reason}`);
      await asPolicy.run((tx) => tx.lifecycle.finishRun(runId, reason)).catch(() => undefined);
      throw error;
    }
    const counts = await asPolicy.read((tx) => tx.lifecycle.runCounts(runId));
    if (counts.deactivated + counts.deleted > 0) {
      this.logger.log(
        `Tenant ${tenantId}: the dormant-user policy deactivated ${counts.deactivated} and deleted ${counts.deleted}`,
      );
    }
    return { runId, ...counts };
  }

  /** Runs batches, each a transaction at its own `now`, until one finds nothing left to do. */
  private async inBatches(
    work: ScopedWork<TenantTransaction>,
    batch: (tx: TenantTransaction, now: Date) => Promise<number>,
  ): Promise<void> {
    for (;;) {
      const done = await work.run((tx) => batch(tx, new Date()));
      if (done === 0) return;
    }
  }
}
