import { Inject, Injectable, Logger } from '@nestjs/common';
import { debouncedRecountRequest, type JobPayloads, usageSchedulerId } from '@roster/domain';
import { CONFIG, type Config } from '../config/config.js';
import { Queues } from '../queues/queues.module.js';

/** How long a trigger may wait on Redis before it gives up: the caller's request never waits longer. */
const TRIGGER_TIMEOUT_MS = 2_000;

/**
 * The recount triggers of DESIGN.md §6, all best-effort: a change that can move a count asks for a
 * debounced recount, and every account has a periodic one. None of them ever fails the caller — with
 * Redis down, user management keeps working and the scheduled recount catches up later.
 */
@Injectable()
export class UsageRecounts {
  private readonly logger = new Logger('UsageRecounts');

  constructor(
    private readonly queues: Queues,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /**
   * Asks for a recount of the account soon (debouncedRecountRequest: a burst of changes becomes one recount).
   * Call it after the change's transaction committed, so the worker sees the change. Best-effort.
   */
  async requestSoon(accountId: string): Promise<void> {
    await this.bestEffort(`request a recount of account ${accountId}`, () => this.requestSoonOrFail(accountId));
  }

  /** The same, failing when Redis does not take the request: the change dispatcher then leaves it to the relay. */
  async requestSoonOrFail(accountId: string): Promise<void> {
    const { name, data, opts } = debouncedRecountRequest(accountId);
    await this.queues.run(() => this.queues.get('usage').add(name, data, opts), TRIGGER_TIMEOUT_MS);
  }

  /** Creates or updates the account's periodic recount (every USAGE_RECOUNT_EVERY). */
  async schedule(accountId: string): Promise<void> {
    const data: JobPayloads['usage.request-recount'] = { accountId };
    await this.bestEffort(`schedule the recounts of account ${accountId}`, () =>
      this.queues
        .get('usage')
        .upsertJobScheduler(
          usageSchedulerId(accountId),
          { every: this.config.usageRecountEveryMs },
          { name: 'usage.request-recount', data },
        ),
    );
  }

  /** Removes the account's periodic recount (the account is gone). */
  async unschedule(accountId: string): Promise<void> {
    await this.bestEffort(`remove the scheduled recounts of account ${accountId}`, () =>
      this.queues.get('usage').removeJobScheduler(usageSchedulerId(accountId)),
    );
  }

  private async bestEffort(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await this.queues.run(work, TRIGGER_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(`Could not ${what}: ${(error as Error).message}. The scheduled recount will catch up.`);
    }
  }
}
