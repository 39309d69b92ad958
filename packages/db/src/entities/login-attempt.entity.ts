import { Column, Entity, PrimaryColumn } from 'typeorm';
import { newId } from './base.js';

export type LoginResult =
  | 'logged-in'
  | 'invalid-user'
  | 'invalid-password'
  | 'inactive-user'
  | 'blocked-user'
  | 'blocked-ip'
  | 'throttled-user';

/** One end-user login attempt with its real outcome (the caller only ever hears "401"). */
@Entity('login_attempts')
export class LoginAttempt {
  @PrimaryColumn('uuid') id: string = newId();
  // Part of the primary key (tenant_id, id), so that TypeORM finds a row by its whole key (DistributableKeys1766000000000).
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId!: string | null;
  /** Always NULL: the previous release's column, which it may still write during a rolling update (a trigger clears it). */
  @Column({ type: 'text', nullable: true, select: false }) username!: null;
  /** HMAC-SHA256 of the normalized username as typed (never the text); null on rows older than the hash. */
  @Column({ name: 'username_hash', type: 'bytea', nullable: true }) usernameHash!: Buffer | null;
  @Column({ type: 'text' }) result!: LoginResult;
  @Column({ type: 'text' }) ip!: string;
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' }) at!: Date;
}
