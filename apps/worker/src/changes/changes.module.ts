import { Module } from '@nestjs/common';
import { ChangeRelayHandler } from './change-relay.handler.js';

/** The change relay (DESIGN.md §5). Needs the DataSource and JobRunner (both global). */
@Module({ providers: [ChangeRelayHandler] })
export class ChangesModule {}
