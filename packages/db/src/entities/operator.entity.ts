import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ActorRole } from '@roster/domain';
import { newId } from './base.js';

/** A console user of an account, or the platform admin (account null). */
@Entity('operators')
export class Operator {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ type: 'text' }) username!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ type: 'text' }) role!: ActorRole;
  @Column({ name: 'tenant_ids', type: 'uuid', array: true, default: () => "'{}'" }) tenantIds!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
