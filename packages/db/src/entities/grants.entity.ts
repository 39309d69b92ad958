import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An end user's membership of a group. */
@Entity('group_members')
export class GroupMember {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @PrimaryColumn({ name: 'group_id', type: 'uuid' }) groupId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
}

/** A role granted to an end user directly. */
@Entity('user_roles')
export class UserRole {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'environment_id', type: 'uuid' }) environmentId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn({ name: 'role_id', type: 'uuid' }) roleId!: string;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
  /** From this instant on the grant counts for nothing (and the worker removes it); null: never. */
  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3, nullable: true }) expiresAt!: Date | null;
}

/** A role granted to every member of a group. */
@Entity('group_roles')
export class GroupRole {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'environment_id', type: 'uuid' }) environmentId!: string;
  @PrimaryColumn({ name: 'group_id', type: 'uuid' }) groupId!: string;
  @PrimaryColumn({ name: 'role_id', type: 'uuid' }) roleId!: string;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
  /** From this instant on the grant counts for nothing (and the worker removes it); null: never. */
  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3, nullable: true }) expiresAt!: Date | null;
}
