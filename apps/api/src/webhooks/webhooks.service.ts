import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { seal } from '@roster/config';
import { type AccountTransaction, mapPage, newId, type StoredSecret } from '@roster/db';
import { change, type JobPayloads, pingEvent, WEBHOOK_SECRET_GRACE_MS, webhookSecretContext } from '@roster/domain';
import { Work } from '../changes/work.js';
import { Clock } from '../common/clock.js';
import type { PageQuery } from '../common/schemas.js';
import { accountTenants } from '../common/tenant-list.js';
import { CONFIG, type Config } from '../config/config.js';
import { Queues } from '../queues/queues.module.js';
import {
  type CreateWebhookInput,
  type DeliveryQuery,
  toDeliveryResponse,
  toWebhookResponse,
  type UpdateWebhookInput,
} from './webhook.schemas.js';

/** Standard Webhooks' secret format: `whsec_` and the base64 of the key (32 random bytes here). */
const SECRET_PREFIX = 'whsec_';

/**
 * An account's webhook endpoints (API.md §9). The API stores them and queues pings and redeliveries; the worker
 * fans change events out to them and delivers (apps/worker/src/webhooks).
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly work: Work,
    private readonly queues: Queues,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** The secret is in this answer only: it is stored sealed, for the worker to sign with. */
  async create(accountId: string, input: CreateWebhookInput) {
    const id = newId();
    const { secret, sealed } = this.newSecret(id);
    return this.work.account(accountId).run(async (data) => {
      const endpoint = await data.webhooks.insert({
        id,
        accountId,
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        tenantIds: await this.tenantList(data, accountId, input.tenantIds),
        enabled: input.enabled,
        secret: sealed,
      });
      const after = toWebhookResponse(endpoint);
      data.record(change('webhook.created', endpoint.id, null, after));
      return { ...after, secret };
    });
  }

  list(accountId: string, page: PageQuery) {
    return this.work
      .account(accountId)
      .read((data) => data.webhooks.list(page))
      .then((result) => mapPage(result, toWebhookResponse));
  }

  async get(id: string) {
    return toWebhookResponse(await this.work.account().read((data) => data.webhooks.get(id)));
  }

  /** Enabling an endpoint Roster disabled clears the reason; its failed messages stay failed (redeliver them). */
  async update(id: string, input: UpdateWebhookInput) {
    return this.work.account().run(async (data) => {
      const before = toWebhookResponse(await data.webhooks.get(id, true));
      const tenantIds =
        input.tenantIds === undefined
          ? {}
          : { tenantIds: await this.tenantList(data, before.accountId, input.tenantIds) };
      const endpoint = await data.webhooks.update(id, {
        ...input,
        ...tenantIds,
        ...(input.enabled !== undefined ? { disabledReason: null } : {}),
      });
      const after = toWebhookResponse(endpoint);
      data.record(change('webhook.updated', id, before, after));
      return after;
    });
  }

  async remove(id: string): Promise<void> {
    await this.work.account().run(async (data) => {
      const endpoint = await data.webhooks.delete(id);
      data.record(change('webhook.deleted', id, toWebhookResponse(endpoint), null));
    });
  }

  /** A new secret, shown once; the one it replaces keeps signing beside it for WEBHOOK_SECRET_GRACE_MS. */
  async rotateSecret(id: string) {
    const { secret, sealed } = this.newSecret(id);
    await this.work.account().run(async (data) => {
      const endpoint = await data.webhooks.get(id, true);
      await data.webhooks.update(id, {
        secret: sealed,
        previousSecret: endpoint.secret,
        previousSecretExpiresAt: new Date(this.clock.now().getTime() + WEBHOOK_SECRET_GRACE_MS),
      });
      data.record(change('webhook.secret.rotated', id, null, null));
    });
    return { secret };
  }

  /** Queues a `roster.ping` to the endpoint, whatever it subscribed to (and even if disabled: a test of it). */
  async ping(id: string) {
    const event = await this.work.account().run(async (data) => {
      const endpoint = await data.webhooks.get(id);
      const ping = pingEvent(newId(), endpoint.accountId, id, this.clock.now());
      return { messageId: await data.webhooks.addMessage(id, ping), eventId: ping.id };
    });
    await this.enqueue(event.messageId, event.messageId);
    return event;
  }

  async deliveries(id: string, query: DeliveryQuery) {
    const page = await this.work.account().read(async (data) => {
      await data.webhooks.get(id);
      return data.webhooks.deliveries(id, query);
    });
    return mapPage(page, toDeliveryResponse);
  }

  /** Sends the delivery's event again as a new delivery (attempts count from 1), even if it succeeded. */
  async redeliver(id: string, deliveryId: string) {
    const delivery = await this.work.account().run(async (data) => {
      const found = await data.webhooks.delivery(id, deliveryId);
      await data.webhooks.reopenMessage(found.messageId);
      return found;
    });
    await this.enqueue(delivery.messageId, `${delivery.messageId}.redeliver-${newId()}`);
    return { messageId: delivery.messageId, eventId: delivery.eventId };
  }

  private async enqueue(messageId: string, jobId: string): Promise<void> {
    const data: JobPayloads['webhooks.deliver'] = { messageId };
    await this.queues.run(() => this.queues.get('webhooks').add('webhooks.deliver', data, { jobId }));
  }

  private newSecret(endpointId: string): { secret: string; sealed: StoredSecret } {
    const key = randomBytes(32);
    const sealed = seal(key, this.config.encryptionKeys, webhookSecretContext(endpointId));
    return {
      secret: `${SECRET_PREFIX}${key.toString('base64')}`,
      sealed: {
        ciphertext: sealed.ciphertext.toString('base64'),
        dataKey: sealed.dataKey.toString('base64'),
        keyId: sealed.keyId,
      },
    };
  }

  private async tenantList(data: AccountTransaction, accountId: string, ids: readonly string[] | null) {
    return ids === null ? null : accountTenants(data.tenants, accountId, ids, 'tenantIds');
  }
}
