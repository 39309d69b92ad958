import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A key pair that signs end-user access tokens; its id is the JWT "kid". */
@Entity('signing_keys')
export class SigningKey {
  @PrimaryColumn('text') id!: string;
  @Column({ type: 'text' }) algorithm!: 'EdDSA';
  @Column({ name: 'public_jwk', type: 'jsonb' }) publicJwk!: Record<string, unknown>;
  @Column({ name: 'private_jwk', type: 'jsonb', select: false }) privateJwk!: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt!: Date;
  /** After this a newer key signs. */
  @Column({ name: 'signs_until', type: 'timestamptz', precision: 3 }) signsUntil!: Date;
  /** After this no token it signed is still valid, so it leaves the JWKS. */
  @Column({ name: 'published_until', type: 'timestamptz', precision: 3 }) publishedUntil!: Date;
}
