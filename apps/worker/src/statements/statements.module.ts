import { Module } from '@nestjs/common';
import { CloseStatementsHandler } from './close-statements.handler.js';

/** Billing statements (API.md §8): closing the periods that ended. Needs the DataSource (global). */
@Module({ providers: [CloseStatementsHandler] })
export class StatementsModule {}
