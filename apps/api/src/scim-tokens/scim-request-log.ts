import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../database/redis.module.js';

/** One SCIM request as the tenant's Provisioning page lists it. */
export interface ScimRequestEntry {
  at: string;
  method: string;
  /** The path and query below the tenant's base URL, cut at 500 characters. */
  path: string;
  status: number;
  scimType?: string;
  detail?: string;
  tokenId: string;
  durationMs: number;
}

/** How many of a tenant's latest SCIM requests are kept. */
export const SCIM_REQUESTS_KEPT = 200;

/**
 * The latest SCIM requests of each tenant with their outcome, for its operators to see what the identity provider
 * did and why something failed (issue 17). A capped list in Redis, not a table: it is written on every SCIM
 * request, must never slow one down, and is a window on the recent past, not a record (the audit trail is).
 * Only authenticated requests are kept, so nobody without the tenant's token can push entries out.
 */
@Injectable()
export class ScimRequestLog {
  private readonly logger = new Logger('ScimRequestLog');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private key(tenantId: string): string {
    return `${this.config.queuePrefix}:scim-requests:{${tenantId}}`;
  }

  /** Never throws and never waits: a lost entry costs less than a delayed provisioning request. */
  record(tenantId: string, entry: ScimRequestEntry): void {
    const key = this.key(tenantId);
    this.redis
      .multi()
      .lpush(key, JSON.stringify(entry))
      .ltrim(key, 0, SCIM_REQUESTS_KEPT - 1)
      .exec()
      .catch((error: Error) => this.logger.warn(`A SCIM request was not logged: ${error.message}`));
  }

  /** The tenant's latest requests, newest first. */
  async latest(tenantId: string): Promise<ScimRequestEntry[]> {
    const entries = await this.redis.lrange(this.key(tenantId), 0, SCIM_REQUESTS_KEPT - 1);
    return entries.map((entry) => JSON.parse(entry) as ScimRequestEntry);
  }
}
