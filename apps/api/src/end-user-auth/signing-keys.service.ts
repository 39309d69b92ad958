import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SigningKey } from '@roster/db';
import { calculateJwkThumbprint, type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { DataSource, MoreThan } from 'typeorm';
import { Clock } from '../common/clock.js';
import { CONFIG, type Config } from '../config/config.js';

const ALGORITHM = 'EdDSA';
/** Serialises key creation across API replicas (any constant works; this one spells "keys"). */
const KEY_LOCK = 0x6b657973;
/** How long a replica signs with the key it looked up before looking again, so a rotation elsewhere reaches it. */
const KEY_RECHECK_MS = 60_000;

export interface ActiveKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * The keys that sign end-user access tokens. One key signs at a time for SIGNING_KEY_ROTATION; then
 * a new one takes over while the old one stays published until every token it signed has expired,
 * so a rotation never invalidates a token. Keys are created on first use and stored in the database,
 * so every replica signs with, and publishes, the same keys.
 */
@Injectable()
export class SigningKeys implements OnApplicationBootstrap {
  private cached: (ActiveKey & { signsUntil: number; recheckAt: number }) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** The key to sign with now, creating the first one or the next one when due. */
  async active(): Promise<ActiveKey> {
    const now = this.clock.now();
    const fresh = this.cached && this.cached.signsUntil > now.getTime() && this.cached.recheckAt > now.getTime();
    if (fresh) return this.cached!;
    const key = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
      const current = await manager
        .getRepository(SigningKey)
        .createQueryBuilder('k')
        .addSelect('k.privateJwk')
        .where('k.signs_until > :now', { now })
        .orderBy('k.created_at', 'DESC')
        .getOne();
      return current ?? manager.save(await this.newKey(now));
    });
    this.cached = {
      kid: key.id,
      privateKey: (await importJWK(key.privateJwk as JWK, ALGORITHM)) as CryptoKey,
      signsUntil: key.signsUntil.getTime(),
      recheckAt: now.getTime() + KEY_RECHECK_MS,
    };
    return this.cached;
  }

  /** Keys are made at first start, so the JWKS is never empty, even before anyone logged in. */
  async onApplicationBootstrap(): Promise<void> {
    await this.active();
  }

  /** Every public key that may still verify an unexpired token: the JWKS (the signing key always among them). */
  async published(): Promise<{ keys: JWK[] }> {
    await this.active();
    const keys = await this.dataSource.getRepository(SigningKey).find({
      where: { publishedUntil: MoreThan(this.clock.now()) },
      order: { createdAt: 'DESC' },
    });
    return { keys: keys.map((key) => ({ ...key.publicJwk, kid: key.id, alg: ALGORITHM, use: 'sig' })) };
  }

  /** Ends the signing key's term now (e.g. after a suspected leak of a replica); its tokens stay valid. */
  async rotate(): Promise<void> {
    const now = this.clock.now();
    // Other replicas may sign with it until they next look (KEY_RECHECK_MS); it stays published until
    // those tokens have expired, not for its full term.
    const publishedUntil = new Date(now.getTime() + KEY_RECHECK_MS + this.config.accessTokenTtlMs);
    await this.dataSource.query(
      'UPDATE signing_keys SET signs_until = $1, published_until = $2 WHERE signs_until > $1',
      [now, publishedUntil],
    );
    this.cached = undefined;
  }

  private async newKey(now: Date): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const signsUntil = new Date(now.getTime() + this.config.signingKeyRotationMs);
    return Object.assign(new SigningKey(), {
      id: await calculateJwkThumbprint(publicJwk),
      algorithm: ALGORITHM,
      publicJwk,
      privateJwk: await exportJWK(privateKey),
      createdAt: now,
      signsUntil,
      publishedUntil: new Date(signsUntil.getTime() + this.config.accessTokenTtlMs),
    });
  }
}
