import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key pair that signs one tenant's end-user access tokens; its id is the JWT "kid". The private half is stored
 * envelope-encrypted (the API's config/envelope.ts) and only while the key signs: once its term ends it is erased,
 * and the public half stays published until every token it signed has expired.
 */
@Entity('tenant_signing_keys')
export class SigningKey {
  @PrimaryColumn('text') id!: string;
  // Part of the primary key (tenant_id, id), so that TypeORM finds a row by its whole key (DistributableKeys1766000000000).
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) algorithm!: 'EdDSA';
  @Column({ name: 'public_jwk', type: 'jsonb' }) publicJwk!: Record<string, unknown>;
  /** The private JWK encrypted with `dataKey`; null once the key stopped signing. */
  @Column({ name: 'private_key', type: 'bytea', nullable: true, select: false }) privateKey!: Buffer | null;
  /** The data key, wrapped by the ENCRYPTION_KEYS key `wrappingKeyId`. */
  @Column({ name: 'data_key', type: 'bytea', nullable: true, select: false }) dataKey!: Buffer | null;
  @Column({ name: 'wrapping_key_id', type: 'text', nullable: true, select: false }) wrappingKeyId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
  /** After this a newer key signs. */
  @Column({ name: 'signs_until', type: 'timestamptz', precision: 3 }) signsUntil!: Date;
  /** After this no token it signed is still valid, so it leaves the JWKS. */
  @Column({ name: 'published_until', type: 'timestamptz', precision: 3 }) publishedUntil!: Date;
}

/**
 * A key of the releases before per-tenant keys, which signed every tenant's tokens and kept its private half in
 * plain text. The API retires them (private half erased, term ended); each stays in every tenant's JWKS until
 * the tokens it signed have expired. A later release drops the table.
 */
@Entity('signing_keys')
export class SharedSigningKey {
  @PrimaryColumn('text') id!: string;
  @Column({ type: 'text' }) algorithm!: 'EdDSA';
  @Column({ name: 'public_jwk', type: 'jsonb' }) publicJwk!: Record<string, unknown>;
  @Column({ name: 'private_jwk', type: 'jsonb', nullable: true, select: false }) privateJwk!: Record<
    string,
    unknown
  > | null;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'signs_until', type: 'timestamptz', precision: 3 }) signsUntil!: Date;
  @Column({ name: 'published_until', type: 'timestamptz', precision: 3 }) publishedUntil!: Date;
}
