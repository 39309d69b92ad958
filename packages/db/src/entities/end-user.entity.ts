import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SEARCH_TEXT_SQL } from '../search-columns.js';
import { LICENSE_DOMAIN_SQL, LICENSE_IDENTITY_SQL } from '../usage-columns.js';
import { newId } from './base.js';

export type EndUserKind = 'registered' | 'anonymous';

/** A person (or an anonymous visitor record) using the account's applications inside one tenant. */
@Entity('end_users')
export class EndUser {
  @PrimaryColumn('uuid') id: string = newId();
  // Part of the primary key (tenant_id, id), so that TypeORM finds a row by its whole key (DistributableKeys1766000000000).
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) kind!: EndUserKind;
  /** As typed (what is shown); compared through usernameKey. */
  @Column({ type: 'text', nullable: true }) username!: string | null;
  /** normalizeUsername(username): what lookup and uniqueness compare (API.md §6); UsernameColumns derives it. */
  @Column({ name: 'username_key', type: 'text', nullable: true }) usernameKey!: string | null;
  /** What the users list sorts by (USERNAME_SORT_LENGTH); '' for anonymous users; UsernameColumns derives it. */
  @Column({ name: 'username_sort', type: 'text', default: '' }) usernameSort!: string;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ name: 'mobile_phone', type: 'text', nullable: true }) mobilePhone!: string | null;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false }) passwordHash!: string | null;
  @Column({ name: 'is_active', type: 'boolean', default: true }) isActive!: boolean;
  // Millisecond precision: what a JavaScript Date holds, so keyset cursors round-trip exactly.
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) updatedAt!: Date;
  /** The SCIM-only attributes of a provisioned user (issue 17): read by the SCIM routes alone. */
  @Column({ type: 'jsonb', nullable: true, select: false }) scim!: Record<string, unknown> | null;
  @Column({ name: 'last_login_at', type: 'timestamptz', precision: 3, nullable: true }) lastLoginAt!: Date | null;
  // Counting columns (DESIGN.md §3), computed by PostgreSQL; never written, read only by the usage SQL.
  @Column({
    name: 'license_domain',
    type: 'text',
    generatedType: 'STORED',
    asExpression: LICENSE_DOMAIN_SQL,
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  licenseDomain!: string | null;
  @Column({
    name: 'license_identity',
    type: 'text',
    generatedType: 'STORED',
    asExpression: LICENSE_IDENTITY_SQL,
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  licenseIdentity!: string | null;
  // What a user search matches, computed by PostgreSQL; never written, read only by the list's SQL.
  @Column({
    name: 'search_text',
    type: 'text',
    generatedType: 'STORED',
    asExpression: SEARCH_TEXT_SQL,
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  searchText!: string | null;
}
