import type { CloudEvent } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { WebhookDelivery, WebhookEndpoint } from '../entities/webhook.entity.js';
import { newId } from '../entities/base.js';
import { type Page, type PageQuery, paginate } from '../keyset.js';
import { found } from './errors.js';

/** What a client may narrow a delivery log to. */
export interface DeliveryFilter extends PageQuery {
  status?: 'succeeded' | 'failed';
}

export type NewWebhookEndpoint = Pick<
  WebhookEndpoint,
  'id' | 'accountId' | 'url' | 'description' | 'eventTypes' | 'tenantIds' | 'enabled' | 'secret'
>;

export type WebhookEndpointChanges = Partial<
  Pick<
    WebhookEndpoint,
    | 'url'
    | 'description'
    | 'eventTypes'
    | 'tenantIds'
    | 'enabled'
    | 'disabledReason'
    | 'secret'
    | 'previousSecret'
    | 'previousSecretExpiresAt'
  >
>;

const BY_CREATION = { expression: 'w.id', idColumn: 'w.id' };
const NEWEST_FIRST = { expression: 'd.id', idColumn: 'd.id', descending: true };

/**
 * An account's webhook endpoints and their delivery logs (the unit of work binds the account; messages and
 * deliveries are held to it by row-level security, and the statements say the account again).
 */
export class WebhooksRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly accountId: string | null,
  ) {}

  insert(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint> {
    const repository = this.manager.getRepository(WebhookEndpoint);
    return repository.save(repository.create({ ...endpoint, disabledReason: null, previousSecret: null }));
  }

  list(page: PageQuery): Promise<Page<WebhookEndpoint>> {
    const query = this.manager
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('w')
      .where('w.account_id = :accountId', { accountId: this.accountId });
    return paginate(query, page, BY_CREATION);
  }

  /** The account's endpoint, locked for the transaction when `forUpdate`; RecordNotFound otherwise. */
  async get(id: string, forUpdate = false): Promise<WebhookEndpoint> {
    const endpoint = await this.manager.getRepository(WebhookEndpoint).findOne({
      where: { id, accountId: this.accountId ?? undefined },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return found(endpoint, 'Webhook', id);
  }

  async update(id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpoint> {
    const endpoint = await this.get(id, true);
    return this.manager.getRepository(WebhookEndpoint).save(Object.assign(endpoint, changes));
  }

  /** Deletes the endpoint with its messages and log; answers what it was. */
  async delete(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.get(id, true);
    await this.manager.getRepository(WebhookEndpoint).delete({ id });
    return endpoint;
  }

  /** The endpoint's delivery log, newest first. */
  deliveries(endpointId: string, filter: DeliveryFilter): Promise<Page<WebhookDelivery>> {
    const query = this.manager
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.endpoint_id = :endpointId AND d.account_id = :accountId', {
        endpointId,
        accountId: this.accountId,
      });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    return paginate(query, filter, NEWEST_FIRST);
  }

  async delivery(endpointId: string, deliveryId: string): Promise<WebhookDelivery> {
    const delivery = await this.manager
      .getRepository(WebhookDelivery)
      .findOne({ where: { id: deliveryId, endpointId, accountId: this.accountId ?? undefined } });
    return found(delivery, 'Delivery', deliveryId);
  }

  /** A message of one event for one endpoint (a ping); answers its id. */
  async addMessage(endpointId: string, event: CloudEvent): Promise<string> {
    const id = newId();
    await this.manager.query(
      `INSERT INTO webhook_messages (id, account_id, endpoint_id, event_id, event_type, event)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, this.accountId, endpointId, event.id, event.type, JSON.stringify(event)],
    );
    return id;
  }

  /** Makes a message pending again (a redelivery asked for by a person), whatever became of it. */
  async reopenMessage(messageId: string): Promise<void> {
    await this.manager.query(
      `UPDATE webhook_messages SET state = 'pending', attempts = 0, finished_at = NULL
        WHERE id = $1 AND account_id = $2`,
      [messageId, this.accountId],
    );
  }
}
