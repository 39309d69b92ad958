import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { debouncedRecountRequest, type JobPayloads } from '@roster/domain';
import { Queues } from '../queues/queues.module.js';

/** How long a trigger may wait on Redis before it gives up: the caller's request never waits longer. */
const TRIGGER_TIMEOUT_MS = 2_000;

/**
 * The API's one entrance to a recount (DESIGN.md §6): it only adds `usage.request-recount` jobs — debounced
 * after a change that can move a count, immediate for an operator's request. The worker expands each into a
 * flow and owns every account's periodic scheduler. A change's request never fails its caller: with Redis
 * down, user management keeps working, and the change relay asks again once Redis is back.
 */
@Injectable()
export class UsageRecounts {
  constructor(private readonly queues: Queues) {}

  /**
   * Asks for a recount of the account soon (debouncedRecountRequest: a burst of changes becomes one recount),
   * after the change committed, so the worker sees it. Fails, within TRIGGER_TIMEOUT_MS, when Redis does not
   * take the request: the change dispatcher then leaves the change to the relay, and the caller never knows.
   */
  async requestSoon(accountId: string): Promise<void> {
    await this.queues.addDebounced('usage', debouncedRecountRequest(accountId), TRIGGER_TIMEOUT_MS);
  }

  /**
   * Asks for a recount of the account now (an operator's explicit request): answers the request's job id,
   * which GET /jobs/:id follows to the recount it starts. Fails when Redis does not take it.
   */
  async requestNow(accountId: string): Promise<string> {
    const data: JobPayloads['usage.request-recount'] = { accountId };
    const job = await this.queues.run(() =>
      this.queues.get('usage').add('usage.request-recount', data, { jobId: randomUUID() }),
    );
    return job.id!;
  }
}
