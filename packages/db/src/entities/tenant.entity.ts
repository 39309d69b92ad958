import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { newId } from './base.js';

/** A client of the ISV/MSP. account_id is copied from the environment so scope checks need one lookup. */
@Entity('tenants')
export class Tenant {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'environment_id', type: 'uuid' }) environmentId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'internal_domains', type: 'text', array: true, default: () => "'{}'" }) internalDomains!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
