import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ActorRole } from '@roster/domain';
import { newId } from './base.js';

/** A console user of an account, or the platform admin (account null). */
@Entity('operators')
export class Operator {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  /** As typed (what is shown); compared through usernameKey. */
  @Column({ type: 'text' }) username!: string;
  /** normalizeUsername(username), unique across the deployment (API.md §3); UsernameColumns derives it. */
  @Column({ name: 'username_key', type: 'text' }) usernameKey!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ type: 'text' }) role!: ActorRole;
  @Column({ name: 'tenant_ids', type: 'uuid', array: true, default: () => "'{}'" }) tenantIds!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
