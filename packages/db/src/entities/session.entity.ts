import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { newId } from './base.js';

/** An operator's bearer token; only its SHA-256 is stored. */
@Entity('operator_sessions')
export class OperatorSession {
  @PrimaryColumn('uuid') id: string = newId();
  @Column({ name: 'operator_id', type: 'uuid' }) operatorId!: string;
  @Column({ name: 'token_hash', type: 'bytea' }) tokenHash!: Buffer;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
