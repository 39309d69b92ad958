import { Injectable } from '@nestjs/common';
import type { ChangeConsumer } from '@roster/db';
import { accountsToRecount, invalidationsOfAll, type RecordedChange } from '@roster/domain';
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
