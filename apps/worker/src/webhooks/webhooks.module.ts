import { Module } from '@nestjs/common';
import { WebhookJobsHandler } from './webhook-jobs.handler.js';

/** The `webhooks` queue's jobs (issue 16). Needs the DataSource and JobRunner (both global). */
@Module({ providers: [WebhookJobsHandler] })
export class WebhooksModule {}
