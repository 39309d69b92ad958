import { Injectable } from '@nestjs/common';
import {
  type ActorRole,
  decideAccess,
  type JobPayloads,
  type ResolvedScope,
  TENANT_MANAGERS,
  USAGE_READERS,
} from '@roster/domain';
import type { Job } from 'bullmq';
import { forbidden, notFound, Problem, TITLES } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import { Queues } from '../queues/queues.module.js';
import type { JobResponse } from './job.schemas.js';

/**
 * Where a job id may live: recounts, then maintenance (whose jobs belong to no account), then policy runs, then
 * imports (whose ids, `import-…`, POST …/imports and …/apply answer with).
 */
const SEARCHED_QUEUES = ['usage', 'maintenance', 'lifecycle', 'imports'] as const;

@Injectable()
export class JobsService {
  constructor(private readonly queues: Queues) {}

  /**
   * A job of the caller's account (its payload names the account); any job for the platform admin.
   * Anything else is not found, so job ids leak nothing (DESIGN.md §5). The role is checked here, after
   * the account, so that another account's job is 404 for every role (as on scoped routes). An import's job is
   * judged as its import is (accessOf).
   */
  async get(jobId: string): Promise<JobResponse> {
    const actor = RequestContext.actor;
    let found: { job: Job; state: string } | undefined;
    try {
      found = await this.queues.run(() => this.find(jobId));
    } catch (error) {
      throw new Problem(
        503,
        TITLES[503]!,
        `Jobs cannot be looked up right now (${(error as Error).message}); the job queue is unavailable.`,
      );
    }
    if (!found || found.state === 'unknown') throw notFound('Job', jobId);
    const { job, state } = await this.followRecountRequest(found);
    const { roles, scope } = accessOf(job);
    const decision = decideAccess(actor, roles, scope);
    if (decision === 'not-found') throw notFound('Job', jobId);
    if (decision === 'forbidden') throw forbidden(`The ${actor.role} role may not do this.`);
    return {
      id: jobId,
      name: job.name,
      state: toPublicState(state),
      progress: await this.progressOf(job, state),
      result: job.returnvalue ?? null,
      failedReason: job.failedReason || null,
    };
  }

  /**
   * A recount request (what POST /usage/recount answers with) is followed to the recount it started once the
   * worker has started it, so a client polls one id until the fresh totals are in (API.md §7).
   */
  private async followRecountRequest(found: { job: Job; state: string }): Promise<{ job: Job; state: string }> {
    const started = (found.job.returnvalue as { flowJobId?: unknown } | null)?.flowJobId;
    if (found.job.name !== 'usage.request-recount' || found.state !== 'completed' || typeof started !== 'string') {
      return found;
    }
    const recount = await this.queues.run(() => this.find(started));
    return recount && recount.state !== 'unknown' ? recount : found;
  }

  /**
   * What the job reported, or for the parent of a flow (an account recount) that reports nothing
   * while its children run, how many children are done: `{percent, done, total}`.
   */
  private async progressOf(job: Job, state: string): Promise<unknown> {
    const reported: unknown = job.progress;
    if (reported !== 0 && reported !== undefined) return reported;
    if (state === 'completed') return 100;
    const counts = await this.queues
      .run(() => job.getDependenciesCount({ processed: true, unprocessed: true, failed: true }))
      .catch(() => null);
    const done = (counts?.processed ?? 0) + (counts?.failed ?? 0);
    const total = done + (counts?.unprocessed ?? 0);
    if (total === 0) return 0;
    return { percent: Math.floor((100 * done) / total), done, total };
  }

  /**
   * The state is read before the job: a job that completes in between then shows its earlier state,
   * never "completed" without its result.
   */
  private async find(jobId: string): Promise<{ job: Job; state: string } | undefined> {
    for (const name of SEARCHED_QUEUES) {
      const queue = this.queues.get(name);
      const state = await queue.getJobState(jobId);
      if (state === 'unknown') continue;
      const job = await queue.getJob(jobId);
      if (job) return { job, state };
    }
    return undefined;
  }
}

/**
 * The scope a job belongs to and who may read it there, judged like any route's (DESIGN.md §5). An import's job
 * belongs to the import's tenant and is readable by whoever may read the import (owner, admin, tenant-admin of that
 * tenant; billing gets 403, a tenant-admin of other tenants 404). Any other job belongs to the account its payload
 * names, readable by usage readers; one of no account (maintenance) is not found.
 */
function accessOf(job: Job): { roles: readonly ActorRole[]; scope: ResolvedScope } {
  const data = (job.data ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  if (job.name === 'imports.process') {
    const { accountId, environmentId, tenantId } = data as Partial<
      Record<keyof JobPayloads['imports.process'], unknown>
    >;
    return {
      roles: TENANT_MANAGERS,
      scope: { accountId: text(accountId), environmentId: text(environmentId), tenantId: text(tenantId) },
    };
  }
  return { roles: USAGE_READERS, scope: { accountId: text(data.accountId) } };
}

/** BullMQ's finer states, in the four words of API.md §7. */
function toPublicState(state: string): JobResponse['state'] {
  if (state === 'active' || state === 'completed' || state === 'failed') return state;
  return 'waiting'; // waiting, waiting-children, delayed, prioritized
}
