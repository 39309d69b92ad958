import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { newId } from './base.js';

export type EnvironmentKind = 'production' | 'non-production';

@Entity('environments')
export class Environment {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: EnvironmentKind;
  @Column({ name: 'classify_all_internal', type: 'boolean', default: false }) classifyAllInternal!: boolean;
  @Column({ name: 'internal_domains', type: 'text', array: true, default: () => "'{}'" }) internalDomains!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
