import { randomUUID } from 'node:crypto';
import type { ChangeConsumer } from '@roster/db';
import {
  accountsToRecount,
  cacheInvalidationChannels,
  debouncedRecountRequest,
  debouncedWebhookFanOut,
  type InvalidationAnnouncement,
  invalidationsOfAll,
  type RecordedChange,
  webhookTypeOf,
} from '@roster/domain';
import type { Queue } from 'bullmq';
import type { RedisClient } from '@roster/ops';

/**
 * Tells every API replica what the relayed changes made stale, on the channel their InvalidationBus listens
 * to. Replicas confirm to this relay's own channel, which nobody waits on: the relay's caller is a job, not a
 * client waiting for a 204.
 */
export class RelayedCacheInvalidation implements ChangeConsumer {
  readonly name = 'cache invalidation';
  private readonly sender = `relay-${randomUUID()}`;
  private lastId = 0;

  constructor(
    private readonly redis: () => RedisClient,
    private readonly queuePrefix: string,
  ) {}

  async consume(changes: readonly RecordedChange[]): Promise<void> {
    const events = invalidationsOfAll(changes);
    if (events.length === 0) return;
    const channels = cacheInvalidationChannels(this.queuePrefix);
    this.lastId += 1;
    const announcement: InvalidationAnnouncement = { from: this.sender, id: this.lastId, events };
    await this.redis().publish(channels.current, JSON.stringify(announcement));
    await this.redis().publish(channels.previous, JSON.stringify(events));
  }
}

/** Asks for the debounced recount of every account the relayed changes may have moved (countMoved). */
export class RelayedRecountRequests implements ChangeConsumer {
  readonly name = 'recount requests';

  constructor(private readonly usageQueue: () => Queue) {}

  async consume(changes: readonly RecordedChange[]): Promise<void> {
    for (const accountId of accountsToRecount(changes)) {
      const { name, data, opts } = debouncedRecountRequest(accountId);
      await this.usageQueue().add(name, data, opts);
    }
  }
}

/**
 * Asks for a webhook fan-out soon when the changes hold events an endpoint can subscribe to (the API's
 * WebhookFanOutConsumer, for the worker's own writes). The relay leaves its changes to the scheduled fan-out.
 */
export class WebhookFanOutRequests implements ChangeConsumer {
  readonly name = 'webhook fan-out';

  constructor(private readonly webhooksQueue: () => Queue) {}

  async consume(changes: readonly RecordedChange[]): Promise<void> {
    if (!changes.some((change) => change.accountId && webhookTypeOf(change.type))) return;
    const { name, data, opts } = debouncedWebhookFanOut();
    await this.webhooksQueue().add(name, data, opts);
  }
}

/** What the job runner holds once started; a consumer called before (or after) that has nothing to use. */
export function connected<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('The job runner is not started');
  return value;
}
