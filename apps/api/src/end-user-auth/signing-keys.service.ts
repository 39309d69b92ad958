import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type RewrappedDataKey, SigningKey, SigningKeyMaintenance, type TenantScope, UnitOfWork } from '@roster/db';
import type { ChangeActor } from '@roster/domain';
import { calculateJwkThumbprint, type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { MemoryCache } from '../cache/memory-cache.js';
import { Clock } from '../common/clock.js';
import { CONFIG, type Config, ConfigError } from '../config/config.js';
import { MissingEncryptionKey, open, rewrap, type Sealed, seal } from '@roster/config';

const ALGORITHM = 'EdDSA';
/** How long a replica signs with the key it looked up before looking again, so a rotation elsewhere reaches it. */
const KEY_RECHECK_MS = 60_000;

export interface ActiveKey {
  kid: string;
  privateKey: CryptoKey;
  signsUntil: number;
}

/** Keys are made and erased by Roster itself, for whoever asked first; none of it is a recorded change. */
const KEYS_ACTOR: ChangeActor = { kind: 'system', id: null };

/** What the private half of a tenant's key is bound to when encrypted: a copy in another row does not decrypt. */
const sealContext = (tenantId: string, kid: string) => `tenant_signing_keys:${tenantId}:${kid}`;

/**
 * The keys that sign end-user access tokens, each tenant its own. One key signs a tenant's tokens at a time for
 * SIGNING_KEY_ROTATION; then a new one takes over while the old one stays published until every token it signed
 * has expired, so a rotation never invalidates a token. Keys are created on a tenant's first use and stored in
 * the database (the private half envelope-encrypted with ENCRYPTION_KEYS, and erased once the key stops signing),
 * so every replica signs with, and publishes, the same keys. Each replica keeps the signing key of the tenants it
 * served in memory: a login in the steady state signs without a database round trip.
 */
@Injectable()
export class SigningKeys implements OnApplicationBootstrap {
  private readonly logger = new Logger('SigningKeys');
  /** By tenant id; an entry lives until the key's term ends or KEY_RECHECK_MS, whichever comes first. */
  private readonly cache: MemoryCache<ActiveKey>;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly maintenance: SigningKeyMaintenance,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    // Not tied to the invalidation bus: a rotation elsewhere reaches this replica by KEY_RECHECK_MS.
    this.cache = new MemoryCache({
      maxEntries: 10_000,
      ttlMs: KEY_RECHECK_MS,
      enabled: () => true,
      now: () => clock.now().getTime(),
    });
  }

  /** The key to sign the tenant's tokens with now, creating its first one or the next one when due. */
  async active(scope: TenantScope): Promise<ActiveKey> {
    const now = this.clock.now();
    return this.cache.fill(
      scope.tenantId,
      () => this.load(scope, now),
      (key) => key.signsUntil - now.getTime(),
    );
  }

  /** Every public key that may still verify an unexpired token of the tenant: its JWKS (its signing key among them). */
  async published(scope: TenantScope): Promise<{ keys: JWK[] }> {
    await this.active(scope);
    const now = this.clock.now();
    const keys = await this.unitOfWork.forTenant(scope, KEYS_ACTOR).read((data) => data.signingKeys.published(now));
    return { keys: keys.map((key) => ({ ...key.publicJwk, kid: key.id, alg: ALGORITHM, use: 'sig' })) };
  }

  /** Ends every tenant's signing key's term now (e.g. after a suspected leak); their tokens stay valid. */
  async rotate(): Promise<void> {
    const now = this.clock.now();
    // Other replicas may sign with it until they next look (KEY_RECHECK_MS); it stays published until
    // those tokens have expired, not for its full term.
    const publishedUntil = new Date(now.getTime() + KEY_RECHECK_MS + this.config.accessTokenTtlMs);
    await this.maintenance.endAllTerms(now, publishedUntil);
    this.cache.invalidate();
  }

  /**
   * At start: retire the plain-text keys of before, erase private halves nothing signs with any more, and re-wrap
   * the data keys wrapped by an ENCRYPTION_KEYS key other than the first (a rotation, docs/deploy.md), so that
   * afterwards only the first key is needed. A stored key wrapped by a key that is not configured stops the start.
   */
  async onApplicationBootstrap(): Promise<void> {
    const now = this.clock.now();
    const [current, ...others] = this.config.encryptionKeys;
    const rewrapped = await this.maintenance.startUp(now, current!.id, (stale) => {
      const missing = new Set(stale.map((key) => key.wrappingKeyId).filter((id) => !others.some((k) => k.id === id)));
      if (missing.size > 0) throw missingKeys(missing, stale);
      return stale.map((key): RewrappedDataKey => {
        const sealed = { ciphertext: key.privateKey, dataKey: key.dataKey, keyId: key.wrappingKeyId };
        const { dataKey, keyId } = this.rewrapped(sealed, key.tenantId, key.id);
        return { id: key.id, previousKeyId: key.wrappingKeyId, dataKey, wrappingKeyId: keyId };
      });
    });
    if (rewrapped.length > 0) {
      const previous = [...new Set(rewrapped.map((key) => key.wrappingKeyId))].join(', ');
      this.logger.log(
        `Re-wrapped ${rewrapped.length} signing keys with the encryption key "${current!.id}": no stored key ` +
          `needs ${previous} any more`,
      );
    }
  }

  private rewrapped(sealed: Sealed, tenantId: string, kid: string): Sealed {
    try {
      return rewrap(sealed, this.config.encryptionKeys, sealContext(tenantId, kid));
    } catch {
      throw new ConfigError([
        `ENCRYPTION_KEYS lists a key "${sealed.keyId}" that does not decrypt the signing key ${kid} of tenant ` +
          `${tenantId}: its value is not the one that encrypted it`,
      ]);
    }
  }

  private async load(scope: TenantScope, now: Date): Promise<ActiveKey> {
    const { tenantId } = scope;
    const key = await this.unitOfWork.forTenant(scope, KEYS_ACTOR).run(async ({ signingKeys }) => {
      await signingKeys.lock();
      // During a rolling update a replica of the previous release may still make a shared plain-text key.
      await signingKeys.retireSharedKeys(now);
      const current = await signingKeys.current(now);
      if (current) return current;
      await signingKeys.eraseEnded(now);
      return signingKeys.insert(await this.newKey(tenantId, now));
    });
    const sealed = { ciphertext: key.privateKey!, dataKey: key.dataKey!, keyId: key.wrappingKeyId! };
    let privateJwk: JWK;
    try {
      privateJwk = JSON.parse(open(sealed, this.config.encryptionKeys, sealContext(tenantId, key.id)).toString());
    } catch (error) {
      if (!(error instanceof MissingEncryptionKey)) throw error;
      throw new Error(
        `The signing key ${key.id} of tenant ${tenantId} is encrypted with the key "${error.keyId}", which this ` +
          'replica’s ENCRYPTION_KEYS does not list: every replica needs the same ENCRYPTION_KEYS (docs/deploy.md)',
        { cause: error },
      );
    }
    return {
      kid: key.id,
      privateKey: (await importJWK(privateJwk, ALGORITHM)) as CryptoKey,
      signsUntil: key.signsUntil.getTime(),
    };
  }

  private async newKey(tenantId: string, now: Date): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const id = await calculateJwkThumbprint(publicJwk);
    const sealed = seal(
      Buffer.from(JSON.stringify(await exportJWK(privateKey))),
      this.config.encryptionKeys,
      sealContext(tenantId, id),
    );
    const signsUntil = new Date(now.getTime() + this.config.signingKeyRotationMs);
    return Object.assign(new SigningKey(), {
      id,
      tenantId,
      algorithm: ALGORITHM,
      publicJwk,
      privateKey: sealed.ciphertext,
      dataKey: sealed.dataKey,
      wrappingKeyId: sealed.keyId,
      createdAt: now,
      signsUntil,
      publishedUntil: new Date(signsUntil.getTime() + this.config.accessTokenTtlMs),
    });
  }
}

/** The start-up error for stored keys wrapped by keys ENCRYPTION_KEYS does not list: which, and what to do. */
function missingKeys(missing: Set<string>, stale: { wrappingKeyId: string }[]): ConfigError {
  return new ConfigError(
    [...missing].map((id) => {
      const count = stale.filter((key) => key.wrappingKeyId === id).length;
      return (
        `ENCRYPTION_KEYS must list the key "${id}": ${count} tenant signing key(s) are encrypted with it. Add it ` +
        'back after the current key and start the API once (it re-encrypts them with the current key), then ' +
        'remove it (docs/deploy.md)'
      );
    }),
  );
}
