import type { ChangeActor } from '@roster/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { newId } from './base.js';

/** What every change records: who, what, when, before → after. */
abstract class AuditColumns {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ name: 'actor_type', type: 'text' }) actorType!: ChangeActor['kind'];
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'target_type', type: 'text' }) targetType!: string;
  @Column({ name: 'target_id', type: 'uuid' }) targetId!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after!: Record<string, unknown> | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
}

/**
 * A change in a tenant. No foreign keys on purpose: the trail outlives what it describes (a deleted user or
 * tenant keeps its history).
 */
@Entity('audit_events')
export class AuditEvent extends AuditColumns {
  // Part of the primary key (tenant_id, id), as in the table.
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
}

/**
 * A change of no tenant (an environment, operator, API key, webhook …): kept apart so that audit_events, a
 * tenant table, can be distributed on tenant_id (DistributableKeys1766000000000).
 */
@Entity('account_audit_events')
export class AccountAuditEvent extends AuditColumns {}
