import { Column, Entity, PrimaryColumn } from 'typeorm';
import { newId } from './base.js';

/** A flat group of end users in one tenant; its roles reach every member. */
@Entity('user_groups')
export class UserGroup {
  @PrimaryColumn('uuid') id: string = newId();
  // Part of the primary key (tenant_id, id), so that TypeORM finds a row by its whole key (DistributableKeys1766000000000).
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  /** The group's id in the client's identity provider (SCIM externalId). */
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) updatedAt!: Date;
}
