import type { RecordedChange } from '@roster/domain';
import type { DataSource } from 'typeorm';
import { markDelivered } from './outbox.js';

/**
 * One consumer of change events: cache invalidation, recount requests, webhooks. Delivery is at least once
 * (the relay may hand over a change again after a crash), so consuming the same change twice must do no
 * more than consuming it once.
 */
export interface ChangeConsumer {
  readonly name: string;
  consume(changes: readonly RecordedChange[]): Promise<void>;
}

export interface DispatchLog {
  warn(message: string): void;
}

/**
 * Hands committed changes to every consumer, then marks them delivered. A consumer that fails leaves them
 * undelivered, for the worker's relay to hand over again later; the writer's caller never sees the failure
 * (its change is committed and will reach every consumer).
 */
export class ChangeDispatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: readonly ChangeConsumer[],
    private readonly log: DispatchLog,
  ) {}

  /** True when every consumer took the changes and they are marked delivered. */
  async dispatch(changes: readonly RecordedChange[]): Promise<boolean> {
    if (changes.length === 0) return true;
    const delivered = await this.deliver(changes);
    if (!delivered) return false;
    try {
      await markDelivered(
        this.dataSource.manager,
        changes.map((change) => change.id),
      );
      return true;
    } catch (error) {
      this.log.warn(`Delivered ${changes.length} change(s) but could not mark them: ${(error as Error).message}`);
      return false;
    }
  }

  /** Hands the changes to every consumer (in parallel: they are independent); true when all took them. */
  async deliver(changes: readonly RecordedChange[]): Promise<boolean> {
    const results = await Promise.allSettled(this.consumers.map((consumer) => consumer.consume(changes)));
    let delivered = true;
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        delivered = false;
        const reason = (result.reason as Error)?.message ?? String(result.reason);
        this.log.warn(
          `${this.consumers[index]!.name} could not take ${changes.length} change(s): ${reason}. The relay will retry.`,
        );
      }
    });
    return delivered;
  }
}
