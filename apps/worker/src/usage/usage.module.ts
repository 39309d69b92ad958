import { Module } from '@nestjs/common';
import { UsageRecountHandler } from './usage-recount.handler.js';

/** The `usage` queue's jobs (DESIGN.md §6). Needs the DataSource and JobRunner (both global). */
@Module({ providers: [UsageRecountHandler] })
export class UsageModule {}
