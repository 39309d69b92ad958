import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { newId } from './base.js';

/** A secret sealed by the envelope of @roster/config, as stored (base64 of its two layers, and the key's id). */
export interface StoredSecret {
  ciphertext: string;
  dataKey: string;
  keyId: string;
}

/** An account's webhook receiver (API.md §9). */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ name: 'event_types', type: 'text', array: true }) eventTypes!: string[];
  /** null: every tenant's events and the account's own. */
  @Column({ name: 'tenant_ids', type: 'uuid', array: true, nullable: true }) tenantIds!: string[] | null;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  /** Why Roster disabled it (deliveries kept failing); null when enabled or disabled by a person. */
  @Column({ name: 'disabled_reason', type: 'text', nullable: true }) disabledReason!: string | null;
  @Column({ type: 'jsonb' }) secret!: StoredSecret;
  /** The secret a rotation replaced: it signs beside the new one until previousSecretExpiresAt. */
  @Column({ name: 'previous_secret', type: 'jsonb', nullable: true }) previousSecret!: StoredSecret | null;
  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One attempt to deliver one event to one endpoint: the delivery log. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'endpoint_id', type: 'uuid' }) endpointId!: string;
  @Column({ name: 'message_id', type: 'uuid' }) messageId!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ type: 'integer' }) attempt!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) status!: 'succeeded' | 'failed';
  @Column({ name: 'response_status', type: 'integer', nullable: true }) responseStatus!: number | null;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs!: number;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'response_excerpt', type: 'text', nullable: true }) responseExcerpt!: string | null;
}
