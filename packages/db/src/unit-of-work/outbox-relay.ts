import type { DataSource } from 'typeorm';
import type { ChangeDispatcher } from './dispatcher.js';
import { claimUndelivered, markDelivered, purgeDeliveredChanges } from './outbox.js';

/**
 * The relay's side of the outbox (DESIGN.md §5): hands what a writer left undelivered to the consumers, a
 * batch per transaction — claimed (SKIP LOCKED: two relays share a backlog), delivered and marked together.
 */
export class OutboxRelay {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: ChangeDispatcher,
  ) {}

  /**
   * Delivers one batch of changes older than `olderThanMs`; answers how many. Throws (rolling back, so they
   * stay undelivered) when a consumer could not take them.
   */
  relayBatch(olderThanMs: number, limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const changes = await claimUndelivered(manager, olderThanMs, limit);
      if (changes.length === 0) return 0;
      if (!(await this.dispatcher.deliver(changes))) {
        throw new Error(`${changes.length} change(s) could not be delivered; the next run tries again`);
      }
      await markDelivered(
        manager,
        changes.map((change) => change.id),
      );
      return changes.length;
    });
  }

  /** Deletes delivered changes older than `olderThanMs`, at most `limit`; answers how many went. */
  purgeDelivered(olderThanMs: number, limit: number): Promise<number> {
    return purgeDeliveredChanges(this.dataSource.manager, olderThanMs, limit);
  }
}
