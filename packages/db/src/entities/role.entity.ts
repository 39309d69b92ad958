import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { newId } from './base.js';

/** A role an application declared; kept (inactive) with its grants when no longer declared. */
@Entity('roles')
export class Role {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'environment_id', type: 'uuid' }) environmentId!: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ type: 'text' }) key!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ name: 'is_active', type: 'boolean', default: true }) isActive!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
