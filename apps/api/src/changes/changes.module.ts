import { type BeforeApplicationShutdown, Global, Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ChangeDispatcher, UnitOfWork } from '@roster/db';
import type { DataSource } from 'typeorm';
import { CachesModule } from '../cache/caches.js';
import { CacheInvalidationConsumer, RecountRequestConsumer, WebhookFanOutConsumer } from './change-consumers.js';
import { Work } from './work.js';

/**
 * The one write path of DESIGN.md §5 in the API: the unit of work every service writes through, and the
 * consumers its dispatcher hands committed changes to: cache invalidation, recount requests, webhook fan-out.
 */
@Global()
@Module({
  imports: [CachesModule],
  providers: [
    CacheInvalidationConsumer,
    RecountRequestConsumer,
    WebhookFanOutConsumer,
    {
      provide: ChangeDispatcher,
      inject: [getDataSourceToken(), CacheInvalidationConsumer, RecountRequestConsumer, WebhookFanOutConsumer],
      useFactory: (
        dataSource: DataSource,
        ...consumers: [CacheInvalidationConsumer, RecountRequestConsumer, WebhookFanOutConsumer]
      ) => new ChangeDispatcher(dataSource, consumers, new Logger('ChangeDispatcher')),
    },
    {
      provide: UnitOfWork,
      inject: [getDataSourceToken(), ChangeDispatcher],
      useFactory: (dataSource: DataSource, dispatcher: ChangeDispatcher) => new UnitOfWork(dataSource, dispatcher),
    },
    Work,
  ],
  exports: [UnitOfWork, Work],
})
export class ChangesModule implements BeforeApplicationShutdown {
  constructor(private readonly dispatcher: ChangeDispatcher) {}

  /** Writes the delivered marks still pending, while the database connection is open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.flushMarks();
  }
}
