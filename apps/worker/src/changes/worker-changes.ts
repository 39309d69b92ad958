import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangeDispatcher, UnitOfWork } from '@roster/db';
import { DataSource } from 'typeorm';
import { CONFIG, type WorkerConfig } from '../config/config.js';
import { JobRunner } from '../jobs/job-runner.service.js';
import {
  connected,
  RelayedCacheInvalidation,
  RelayedRecountRequests,
  WebhookFanOutRequests,
} from './change-consumers.js';

/**
 * The unit of work of the worker's own writes to tenants' data (DESIGN.md §5, one write path): the changes a job
 * records become audit and outbox rows in its transaction, and after the commit go to the consumers a worker can
 * reach: the API replicas' caches (published on their invalidation channel), recount requests, and a webhook
 * fan-out request. What a consumer does not take, the relay delivers later.
 */
@Injectable()
export class WorkerChanges implements BeforeApplicationShutdown {
  readonly unitOfWork: UnitOfWork;
  private readonly dispatcher: ChangeDispatcher;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(CONFIG) config: WorkerConfig,
    @Inject(JobRunner) runner: JobRunner,
  ) {
    this.dispatcher = new ChangeDispatcher(
      dataSource,
      [
        new RelayedCacheInvalidation(() => connected(runner.redisConnection), config.queuePrefix),
        new RelayedRecountRequests(() => connected(runner.queue('usage'))),
        new WebhookFanOutRequests(() => connected(runner.queue('webhooks'))),
      ],
      new Logger('WorkerChanges'),
    );
    this.unitOfWork = new UnitOfWork(dataSource, this.dispatcher);
  }

  /** Writes the delivered marks still pending (a lost one costs a second delivery by the relay, no more). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.flushMarks();
  }
}
