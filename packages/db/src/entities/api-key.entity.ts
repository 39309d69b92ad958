import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { OperatorRole } from '@roster/domain';
import { newId } from './base.js';

/** An account API key; only its SHA-256 is stored, the key itself is shown once. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) role!: OperatorRole;
  @Column({ name: 'tenant_ids', type: 'uuid', array: true, default: () => "'{}'" }) tenantIds!: string[];
  @Column({ name: 'key_hash', type: 'bytea' }) keyHash!: Buffer;
  /** The first characters of the key, so people can tell keys apart without the secret. */
  @Column({ name: 'key_prefix', type: 'text' }) keyPrefix!: string;
  /** 'api' for the HTTP API, 'scim' for a tenant's SCIM token (one tenant, SCIM routes only). */
  @Column({ type: 'text', default: 'api' }) purpose!: 'api' | 'scim';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
}
