import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../database/redis.module.js';

/** One SCIM request as the tenant's Provisioning page lists it. */
export interface ScimRequestEntry {
  at: string;
  method: string;
  /** The path and query below the tenant's base URL; a query longer than 500 characters is cut. */
  path: string;
  status: number;
  scimType?: string;
  detail?: string;
  tokenId: string;
  durationMs: number;
  /** How many operations a Bulk request carried. */
  operations?: number;
}

/** The longest query string and error detail kept: a SCIM filter may be long, the page shows a line each. */
const MAX_QUERY_LENGTH = 500;
const MAX_DETAIL_LENGTH = 500;

/** The entry as stored: whatever a caller passes, a list entry stays small. */
function bounded(entry: ScimRequestEntry): ScimRequestEntry {
  const queryStart = entry.path.indexOf('?') + 1;
  const path =
    queryStart > 0 && entry.path.length - queryStart > MAX_QUERY_LENGTH
      ? `${entry.path.slice(0, queryStart + MAX_QUERY_LENGTH)}…`
      : entry.path;
  const detail = entry.detail?.slice(0, MAX_DETAIL_LENGTH);
  return { ...entry, path, ...(detail === undefined ? {} : { detail }) };
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
    const failed = (error: unknown) =>
      this.logger.warn(`A SCIM request was not logged: ${error instanceof Error ? error.message : String(error)}`);
    try {
      const key = this.key(tenantId);
      this.redis
        .multi()
        .lpush(key, JSON.stringify(bounded(entry)))
        .ltrim(key, 0, SCIM_REQUESTS_KEPT - 1)
        .exec()
        .catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  /** The tenant's latest requests, newest first. */
  async latest(tenantId: string): Promise<ScimRequestEntry[]> {
    const entries = await this.redis.lrange(this.key(tenantId), 0, SCIM_REQUESTS_KEPT - 1);
    return entries.map((entry) => JSON.parse(entry) as ScimRequestEntry);
  }
}
