import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ADMINS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
import {
  acceptedSchema,
  createdWebhookSchema,
  createWebhookSchema,
  type CreateWebhookInput,
  deliveryQuery,
  type DeliveryQuery,
  deliverySchema,
  updateWebhookSchema,
  type UpdateWebhookInput,
  webhookSchema,
  webhookSecretSchema,
} from './webhook.schemas.js';
import { WebhooksService } from './webhooks.service.js';

const SIGNING =
  'Each event is POSTed as CloudEvents 1.0 JSON (`Content-Type: application/cloudevents+json`) and signed per ' +
  'Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`).';

@ApiTags('Webhooks')
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('accounts/:accountId/webhooks')
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Create a webhook endpoint',
    description:
      `Subscribes a URL to the event types named (the catalog is this document's \`webhooks\`). ${SIGNING} ` +
      'The signing `secret` is in this response only.',
  })
  @Authenticated({ roles: ADMINS, scope: 'accountId' })
  @ApiCreatedResponse({ description: '`secret` is shown only here', standardSchema: createdWebhookSchema })
  create(@Param('accountId') accountId: string, @Body({ schema: createWebhookSchema }) body: CreateWebhookInput) {
    return this.webhooks.create(accountId, body);
  }

  @Get('accounts/:accountId/webhooks')
  @ApiOperation({ operationId: 'listWebhooks', summary: 'List webhook endpoints', description: 'Oldest first.' })
  @Authenticated({ roles: ADMINS, scope: 'accountId' })
  @ApiOkResponse({ standardSchema: pageOf(webhookSchema) })
  list(@Param('accountId') accountId: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.webhooks.list(accountId, page);
  }

  @Get('webhooks/:webhookId')
  @ApiOperation({ operationId: 'getWebhook', summary: 'Get a webhook endpoint', description: 'Without its secret.' })
  @Authenticated({ roles: ADMINS, scope: 'webhookId' })
  @ApiOkResponse({ standardSchema: webhookSchema })
  get(@Param('webhookId') webhookId: string) {
    return this.webhooks.get(webhookId);
  }

  @Patch('webhooks/:webhookId')
  @ApiOperation({
    operationId: 'updateWebhook',
    summary: 'Change a webhook endpoint',
    description:
      'Any field of the creation. Setting `enabled` clears `disabledReason`; messages that failed while the ' +
      'endpoint was failing stay failed (redeliver them from the log).',
  })
  @Authenticated({ roles: ADMINS, scope: 'webhookId' })
  @ApiOkResponse({ standardSchema: webhookSchema })
  update(@Param('webhookId') webhookId: string, @Body({ schema: updateWebhookSchema }) body: UpdateWebhookInput) {
    return this.webhooks.update(webhookId, body);
  }

  @Delete('webhooks/:webhookId')
  @ApiOperation({
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook endpoint',
    description: 'With its delivery log; deliveries not yet made are dropped.',
  })
  @HttpCode(204)
  @Authenticated({ roles: ADMINS, scope: 'webhookId' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Param('webhookId') webhookId: string): Promise<void> {
    await this.webhooks.remove(webhookId);
  }

  @Post('webhooks/:webhookId/secret/rotate')
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Rotate a webhook’s signing secret',
    description:
      'A new secret, shown only in this response. For 24 hours every delivery carries two signatures, one by ' +
      'each secret, so the receiver can switch without losing an event.',
  })
  @HttpCode(200)
  @Authenticated({ roles: ADMINS, scope: 'webhookId' })
  @ApiOkResponse({ standardSchema: webhookSecretSchema })
  rotate(@Param('webhookId') webhookId: string) {
    return this.webhooks.rotateSecret(webhookId);
  }

  @Post('webhooks/:webhookId/ping')
  @ApiOperation({
    operationId: 'pingWebhook',
    summary: 'Send a test event',
    description: 'Queues a `roster.ping` event to the endpoint, whatever it subscribed to; see the delivery log.',
  })
  @HttpCode(202)
  @Authenticated({ roles: ADMINS, scope: 'webhookId' })
  @ApiAcceptedResponse({ standardSchema: acceptedSchema })
  ping(@Param('webhookId') webhookId: string) {
    return this.webhooks.ping(webhookId);
  }

  @Get('webhooks/:webhookId/deliveries')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: 'List a webhook’s deliveries',
    description: 'Every attempt, newest first; `status` narrows to succeeded or failed ones.',
  })
  @Authenticated({ roles: ADMINS, scope: 'webhookId' })
  @ApiOkResponse({ standardSchema: pageOf(deliverySchema) })
  deliveries(@Param('webhookId') webhookId: string, @Query({ schema: deliveryQuery }) query: DeliveryQuery) {
    return this.webhooks.deliveries(webhookId, query);
  }

  @Post('webhooks/:webhookId/deliveries/:deliveryId/redeliver')
  @ApiOperation({
    operationId: 'redeliverWebhookEvent',
    summary: 'Deliver an event again',
    description: 'Sends the delivery’s event again (same event id, so a receiver that saw it can tell).',
  })
  @HttpCode(202)
  @Authenticated({ roles: ADMINS, scope: 'webhookId' })
  @ApiAcceptedResponse({ standardSchema: acceptedSchema })
  redeliver(@Param('webhookId') webhookId: string, @Param('deliveryId') deliveryId: string) {
    return this.webhooks.redeliver(webhookId, deliveryId);
  }
}
