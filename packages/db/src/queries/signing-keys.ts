import { type DataSource, type EntityManager, MoreThan } from 'typeorm';
import { SharedSigningKey, SigningKey } from '../entities/signing-key.entity.js';
import { holdTransactionLock } from './locks.js';

/** A key's private half as stored: encrypted, with the wrapped data key and the id of the key that wrapped it. */
export interface StoredPrivateKey {
  privateKey: Buffer;
  dataKey: Buffer;
  wrappingKeyId: string;
}

export type SigningKeyWithPrivateHalf = SigningKey & StoredPrivateKey;

/** Holds the tenant's key lock until the transaction ends, so replicas make one key, not one each. */
export async function lockTenantSigningKeys(manager: EntityManager, tenantId: string): Promise<void> {
  await holdTransactionLock(manager, `tenant_signing_keys:${tenantId}`);
}

/** Stores a tenant's new signing key (its private half sealed by the caller). */
export function insertTenantSigningKey(manager: EntityManager, key: SigningKey): Promise<SigningKey> {
  return manager.getRepository(SigningKey).save(key);
}

/** The tenant's key that signs at `now`, with its private half; null when its term ended or it has none yet. */
export async function currentTenantSigningKey(
  manager: EntityManager,
  tenantId: string,
  now: Date,
): Promise<SigningKeyWithPrivateHalf | null> {
  const key = await manager
    .getRepository(SigningKey)
    .createQueryBuilder('k')
    .addSelect(['k.privateKey', 'k.dataKey', 'k.wrappingKeyId'])
    .where('k.tenant_id = :tenantId AND k.signs_until > :now AND k.private_key IS NOT NULL', { tenantId, now })
    .orderBy('k.created_at', 'DESC')
    .getOne();
  return key as SigningKeyWithPrivateHalf | null;
}

/**
 * Erases the private halves of keys whose signing term has ended (of one tenant, or all): nothing signs with
 * them again, and the public half still verifies their tokens.
 */
export async function eraseEndedPrivateKeys(manager: EntityManager, now: Date, tenantId?: string): Promise<void> {
  await manager.query(
    `UPDATE tenant_signing_keys SET private_key = NULL, data_key = NULL, wrapping_key_id = NULL
      WHERE private_key IS NOT NULL AND signs_until <= $1 AND ($2::uuid IS NULL OR tenant_id = $2)`,
    [now, tenantId ?? null],
  );
}

/**
 * Ends every tenant's signing term at `now` and erases the private halves; the keys stay published until
 * `publishedUntil`, when the last token they signed has expired.
 */
export async function endSigningTerms(dataSource: DataSource, now: Date, publishedUntil: Date): Promise<void> {
  await dataSource.query(
    `UPDATE tenant_signing_keys
        SET signs_until = $1, published_until = $2, private_key = NULL, data_key = NULL, wrapping_key_id = NULL
      WHERE signs_until > $1`,
    [now, publishedUntil],
  );
}

/**
 * Retires the keys that every tenant shared before per-tenant keys, kept in plain text: their private halves are
 * erased and their terms end now. A key still signing stays published for the lifetime of its tokens (the gap
 * between its term and its publication, as set when it was made) plus a minute, while replicas that cached it may
 * still sign with it. Idempotent: a key already retired is left alone.
 */
export async function retireSharedSigningKeys(manager: EntityManager, now: Date): Promise<void> {
  await manager.query(
    `UPDATE signing_keys
        SET private_jwk = NULL,
            signs_until = least(signs_until, $1),
            published_until = least(published_until, $1 + interval '1 minute' + (published_until - signs_until))
      WHERE private_jwk IS NOT NULL`,
    [now],
  );
}

/** The public keys that verify the tenant's unexpired tokens: its own, and the shared keys of before; newest first. */
export async function publishedSigningKeys(
  dataSource: DataSource,
  tenantId: string,
  now: Date,
): Promise<Pick<SigningKey, 'id' | 'algorithm' | 'publicJwk' | 'createdAt'>[]> {
  const [own, shared] = await Promise.all([
    dataSource.getRepository(SigningKey).find({
      select: { id: true, algorithm: true, publicJwk: true, createdAt: true },
      where: { tenantId, publishedUntil: MoreThan(now) },
    }),
    dataSource.getRepository(SharedSigningKey).find({
      select: { id: true, algorithm: true, publicJwk: true, createdAt: true },
      where: { publishedUntil: MoreThan(now) },
    }),
  ]);
  return [...own, ...shared].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** Private halves wrapped by another key than `currentKeyId`: what a start re-wraps. */
export async function privateKeysWrappedByOtherThan(
  manager: EntityManager,
  currentKeyId: string,
): Promise<(Pick<SigningKey, 'id' | 'tenantId'> & StoredPrivateKey)[]> {
  return manager.query(
    `SELECT id, tenant_id AS "tenantId", private_key AS "privateKey", data_key AS "dataKey",
            wrapping_key_id AS "wrappingKeyId"
       FROM tenant_signing_keys
      WHERE private_key IS NOT NULL AND wrapping_key_id <> $1`,
    [currentKeyId],
  );
}

/** Stores a re-wrapped data key, unless the row changed meanwhile (re-wrapped or erased by another replica). */
export async function replaceWrappedDataKey(
  manager: EntityManager,
  id: string,
  previousKeyId: string,
  wrapped: Pick<StoredPrivateKey, 'dataKey' | 'wrappingKeyId'>,
): Promise<void> {
  await manager.query(
    'UPDATE tenant_signing_keys SET data_key = $3, wrapping_key_id = $4 WHERE id = $1 AND wrapping_key_id = $2',
    [id, previousKeyId, wrapped.dataKey, wrapped.wrappingKeyId],
  );
}
