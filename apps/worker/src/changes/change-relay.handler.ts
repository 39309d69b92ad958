import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangeDispatcher, OutboxRelay } from '@roster/db';
import { CHANGE_RETENTION_DAYS, JOBS } from '@roster/domain';
import { DataSource } from 'typeorm';
import { CONFIG, type WorkerConfig } from '../config/config.js';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { JobRunner } from '../jobs/job-runner.service.js';
import { connected, RelayedCacheInvalidation, RelayedRecountRequests } from './change-consumers.js';

/** Changes relayed per transaction: a backlog after an outage goes out in batches of this size. */
const BATCH = 500;
/** Delivered changes purged per run at most, so one run never holds a long delete. */
const PURGE_BATCH = 10_000;
const DAY_MS = 86_400_000;

export interface RelayResult {
  delivered: number;
  purged: number;
}

/**
 * The relay of DESIGN.md §5: the writer's process hands its changes to their consumers right after the
 * commit; if it died in between (or a consumer was down), the changes wait in the outbox, and this job
 * delivers them once they are older than OUTBOX_RELAY_AFTER (so it does not race a writer that is about to).
 * Each batch is locked (SKIP LOCKED: two workers share a backlog), delivered, and marked in one transaction.
 */
@Injectable()
export class ChangeRelayHandler {
  private readonly logger = new Logger('ChangeRelay');
  private readonly outbox: OutboxRelay;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(CONFIG) private readonly config: WorkerConfig,
    @Inject(JobRunner) runner: JobRunner,
  ) {
    const consumers = [
      new RelayedCacheInvalidation(() => connected(runner.redisConnection), config.queuePrefix),
      new RelayedRecountRequests(() => connected(runner.queue(JOBS['usage.request-recount'].queue))),
    ];
    this.outbox = new OutboxRelay(dataSource, new ChangeDispatcher(dataSource, consumers, this.logger));
  }

  @JobHandler('changes.relay')
  async relay(): Promise<RelayResult> {
    let delivered = 0;
    for (;;) {
      const count = await this.outbox.relayBatch(this.config.outboxRelayAfterMs, BATCH);
      delivered += count;
      if (count < BATCH) break;
    }
    const purged = await this.outbox.purgeDelivered(CHANGE_RETENTION_DAYS * DAY_MS, PURGE_BATCH);
    if (delivered > 0) this.logger.log(`Delivered ${delivered} change(s) their writer left undelivered`);
    return { delivered, purged };
  }
}
