import { Module } from '@nestjs/common';
import { ChangeRelayHandler } from './change-relay.handler.js';
import { WorkerChanges } from './worker-changes.js';

/**
 * The change relay (DESIGN.md §5), and the unit of work of the worker's own writes (WorkerChanges, for the
 * modules whose jobs change tenants' data). Needs the DataSource and JobRunner (both global).
 */
@Module({ providers: [ChangeRelayHandler, WorkerChanges], exports: [WorkerChanges] })
export class ChangesModule {}
