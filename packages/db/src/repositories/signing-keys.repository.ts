import { type DataSource, type EntityManager, MoreThan } from 'typeorm';
import { SharedSigningKey, SigningKey } from '../entities/signing-key.entity.js';
import { holdTransactionLock } from '../queries/locks.js';

/** A key's private half as stored: encrypted, with the wrapped data key and the id of the key that wrapped it. */
export interface StoredPrivateKey {
  privateKey: Buffer;
  dataKey: Buffer;
  wrappingKeyId: string;
}

export type SigningKeyWithPrivateHalf = SigningKey & StoredPrivateKey;

/** A stored private half and the tenant whose key it is: what a start re-wraps. */
export type WrappedPrivateKey = Pick<SigningKey, 'id' | 'tenantId'> & StoredPrivateKey;

/** A re-wrapped data key, to replace the one `previousKeyId` wrapped. */
export interface RewrappedDataKey extends Pick<StoredPrivateKey, 'dataKey' | 'wrappingKeyId'> {
  id: string;
  previousKeyId: string;
}

/**
 * Retires the keys that every tenant shared before per-tenant keys, kept in plain text: their private halves are
 * erased and their terms end now. A key still signing stays published for the lifetime of its tokens (the gap
 * between its term and its publication, as set when it was made) plus a minute, while replicas that cached it may
 * still sign with it. Idempotent: a key already retired is left alone. (signing_keys belongs to no tenant.)
 */
async function retireSharedSigningKeys(manager: EntityManager, now: Date): Promise<void> {
  await manager.query(
    `UPDATE signing_keys
        SET private_jwk = NULL,
            signs_until = least(signs_until, $1),
            published_until = least(published_until, $1 + interval '1 minute' + (published_until - signs_until))
      WHERE private_jwk IS NOT NULL`,
    [now],
  );
}

/**
 * Erases the private halves of keys whose signing term has ended (of one tenant, or all): nothing signs with
 * them again, and the public half still verifies their tokens.
 */
async function eraseEndedPrivateKeys(manager: EntityManager, now: Date, tenantId: string | null): Promise<void> {
  await manager.query(
    `UPDATE tenant_signing_keys SET private_key = NULL, data_key = NULL, wrapping_key_id = NULL
      WHERE private_key IS NOT NULL AND signs_until <= $1 AND ($2::uuid IS NULL OR tenant_id = $2)`,
    [now, tenantId],
  );
}

/** One tenant's token signing keys, inside the tenant's unit of work. */
export class TenantSigningKeysRepository {
  constructor(
    private readonly manager: EntityManager,
    readonly tenantId: string,
  ) {}

  /** Holds the tenant's key lock until the transaction ends, so replicas make one key, not one each. */
  async lock(): Promise<void> {
    await holdTransactionLock(this.manager, `tenant_signing_keys:${this.tenantId}`);
  }

  /** The key that signs at `now`, with its private half; null when its term ended or the tenant has none yet. */
  async current(now: Date): Promise<SigningKeyWithPrivateHalf | null> {
    const key = await this.manager
      .getRepository(SigningKey)
      .createQueryBuilder('k')
      .addSelect(['k.privateKey', 'k.dataKey', 'k.wrappingKeyId'])
      .where('k.tenant_id = :tenantId AND k.signs_until > :now AND k.private_key IS NOT NULL', {
        tenantId: this.tenantId,
        now,
      })
      .orderBy('k.created_at', 'DESC')
      .getOne();
    return key as SigningKeyWithPrivateHalf | null;
  }

  /** Stores a new key of the tenant (its private half sealed by the caller). */
  insert(key: SigningKey): Promise<SigningKey> {
    return this.manager.getRepository(SigningKey).save({ ...key, tenantId: this.tenantId });
  }

  /** Erases the private halves of the tenant's keys whose term has ended. */
  eraseEnded(now: Date): Promise<void> {
    return eraseEndedPrivateKeys(this.manager, now, this.tenantId);
  }

  /**
   * Retires the shared plain-text keys of before (see retireSharedSigningKeys): during a rolling update a
   * replica of the previous release may still make one.
   */
  retireSharedKeys(now: Date): Promise<void> {
    return retireSharedSigningKeys(this.manager, now);
  }

  /** The public keys that verify the tenant's unexpired tokens: its own, and the shared keys of before; newest first. */
  async published(now: Date): Promise<Pick<SigningKey, 'id' | 'algorithm' | 'publicJwk' | 'createdAt'>[]> {
    const select = { id: true, algorithm: true, publicJwk: true, createdAt: true } as const;
    const [own, shared] = await Promise.all([
      this.manager.getRepository(SigningKey).find({
        select,
        where: { tenantId: this.tenantId, publishedUntil: MoreThan(now) },
      }),
      this.manager.getRepository(SharedSigningKey).find({ select, where: { publishedUntil: MoreThan(now) } }),
    ]);
    return [...own, ...shared].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}

/**
 * The platform-wide upkeep of every tenant's signing keys: a rotation, and the start-up's retiring, erasing and
 * re-wrapping. It acts on all tenants at once by design, so it needs a connection whose role sees every
 * tenant's rows (row-level security hides them from a pool held to one tenant per transaction).
 */
export class SigningKeyMaintenance {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Ends every tenant's signing term at `now` and erases the private halves; the keys stay published until
   * `publishedUntil`, when the last token they signed has expired.
   */
  async endAllTerms(now: Date, publishedUntil: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE tenant_signing_keys
          SET signs_until = $1, published_until = $2, private_key = NULL, data_key = NULL, wrapping_key_id = NULL
        WHERE signs_until > $1`,
      [now, publishedUntil],
    );
  }

  /**
   * In one transaction: retires the shared keys of before, erases ended private halves, and replaces the data
   * keys wrapped by another key than `currentKeyId` with what `rewrap` makes of them (it may throw, which
   * changes nothing). Returns the keys it re-wrapped.
   */
  startUp(
    now: Date,
    currentKeyId: string,
    rewrap: (stale: WrappedPrivateKey[]) => RewrappedDataKey[],
  ): Promise<WrappedPrivateKey[]> {
    return this.dataSource.transaction(async (manager) => {
      await retireSharedSigningKeys(manager, now);
      await eraseEndedPrivateKeys(manager, now, null);
      const stale: WrappedPrivateKey[] = await manager.query(
        `SELECT id, tenant_id AS "tenantId", private_key AS "privateKey", data_key AS "dataKey",
                wrapping_key_id AS "wrappingKeyId"
           FROM tenant_signing_keys
          WHERE private_key IS NOT NULL AND wrapping_key_id <> $1`,
        [currentKeyId],
      );
      for (const key of rewrap(stale)) {
        // Unless the row changed meanwhile (re-wrapped or erased by another replica).
        await manager.query(
          'UPDATE tenant_signing_keys SET data_key = $3, wrapping_key_id = $4 WHERE id = $1 AND wrapping_key_id = $2',
          [key.id, key.previousKeyId, key.dataKey, key.wrappingKeyId],
        );
      }
      return stale;
    });
  }
}
