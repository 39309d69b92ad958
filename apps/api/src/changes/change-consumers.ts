import { Injectable } from '@nestjs/common';
import type { ChangeConsumer } from '@roster/db';
import {
  accountsToRecount,
  debouncedWebhookFanOut,
  invalidationsOfAll,
  type RecordedChange,
  webhookTypeOf,
} from '@roster/domain';
import { Queues } from '../queues/queues.module.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { UsageRecounts } from '../usage/usage-recounts.js';

/** Drops what the changes made stale from the caches of every API replica (see InvalidationBus). */
@Injectable()
export class CacheInvalidationConsumer implements ChangeConsumer {
  readonly name = 'cache invalidation';

  constructor(private readonly bus: InvalidationBus) {}

  async consume(changes: readonly RecordedChange[]): Promise<void> {
    const invalidations = invalidationsOfAll(changes);
    if (invalidations.length > 0) await this.bus.announce(...invalidations);
  }
}

/**
 * Asks for a debounced recount of every account whose counts the changes may have moved (countMoved). Fails
 * while Redis does not take the request, which leaves the changes undelivered for the worker's relay.
 */
@Injectable()
export class RecountRequestConsumer implements ChangeConsumer {
  readonly name = 'recount requests';

  constructor(private readonly recounts: UsageRecounts) {}

  async consume(changes: readonly RecordedChange[]): Promise<void> {
    await Promise.all(accountsToRecount(changes).map((accountId) => this.recounts.requestSoon(accountId)));
  }
}

/** How long a fan-out request may wait on Redis (as a recount request). */
const FAN_OUT_TIMEOUT_MS = 2_000;

/**
 * Asks the worker to fan the changes out to webhook endpoints soon (debouncedWebhookFanOut: one job for a
 * burst). The worker reads what to send from the outbox; this only wakes it. Fails while Redis does not take
 * the request, which leaves the changes to the relay (and the worker's scheduled fan-out reads them anyway).
 */
@Injectable()
export class WebhookFanOutConsumer implements ChangeConsumer {
  readonly name = 'webhook fan-out';

  constructor(private readonly queues: Queues) {}

  async consume(changes: readonly RecordedChange[]): Promise<void> {
    if (!changes.some((change) => change.accountId && webhookTypeOf(change.type))) return;
    await this.queues.addDebounced('webhooks', debouncedWebhookFanOut(), FAN_OUT_TIMEOUT_MS);
  }
}
