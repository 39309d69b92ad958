import { Inject, Injectable, Logger } from '@nestjs/common';
import { type RedisClient, untagged } from '@roster/ops';
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
  /** Entries waiting for the write in flight, oldest first, by tenant. */
  private pending = new Map<string, string[]>();
  /** The write in flight; the entries recorded meanwhile go with the next, in one round trip. */
  private flushing: Promise<void> | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Tagged by tenant, so the tenants' lists spread over a Redis Cluster's nodes (not under the prefix's tag). */
  private key(tenantId: string): string {
    return `${untagged(this.config.queuePrefix)}:scim-requests:{${tenantId}}`;
  }

  /**
   * Never throws and never waits: a lost entry costs less than a delayed provisioning request. While one write is
   * in flight the entries gather, so a busy identity provider costs a write per round trip, not one per request.
   */
  record(tenantId: string, entry: ScimRequestEntry): void {
    try {
      const entries = this.pending.get(tenantId) ?? [];
      entries.push(JSON.stringify(bounded(entry)));
      // While Redis is away the write waits: what gathers stays within what the list keeps.
      if (entries.length > SCIM_REQUESTS_KEPT) entries.shift();
      this.pending.set(tenantId, entries);
      if (!this.flushing) this.flushing = this.flush();
    } catch (error) {
      this.failed(error);
    }
  }

  /** The tenant's latest requests, newest first (this replica's recorded ones included). */
  async latest(tenantId: string): Promise<ScimRequestEntry[]> {
    while (this.flushing) await this.flushing;
    const entries = await this.redis.lrange(this.key(tenantId), 0, SCIM_REQUESTS_KEPT - 1);
    return entries.map((entry) => JSON.parse(entry) as ScimRequestEntry);
  }

  /** Writes what gathered (each tenant's entries pushed oldest first, so the newest heads its list), then again. */
  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    // One MULTI per tenant, all sent at once (one round trip): a MULTI's keys must share a Redis Cluster slot.
    const writes = await Promise.allSettled(
      [...batch].map(([tenantId, entries]) => {
        const key = this.key(tenantId);
        return this.redis
          .multi()
          .lpush(key, ...entries)
          .ltrim(key, 0, SCIM_REQUESTS_KEPT - 1)
          .exec();
      }),
    );
    const failure = writes.find((write) => write.status === 'rejected');
    if (failure) this.failed(failure.reason);
    this.flushing = this.pending.size > 0 ? this.flush() : null;
  }

  private failed(error: unknown): void {
    this.logger.warn(`SCIM requests were not logged: ${error instanceof Error ? error.message : String(error)}`);
  }
}
