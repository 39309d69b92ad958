import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../database/redis.module.js';

/** What changed, as coarse as is safe: every cache entry that may depend on it is dropped. */
export type Invalidation =
  | { kind: 'all' }
  /** Operators, sessions or API keys: who a token is. */
  | { kind: 'actors' }
  /** An account, environment, tenant, operator or API key was deleted: what an id in a path belongs to. */
  | { kind: 'scopes' }
  /** A tenant's users, groups, memberships or grants. */
  | { kind: 'tenant'; tenantId: string }
  /** An environment's roles (an application declared them) or the environment itself. */
  | { kind: 'environment'; environmentId: string };

type Listener = (event: Invalidation) => void;

/**
 * Keeps the in-process caches of every API replica honest. A change is applied to this replica's
 * caches at once (before the response, so a caller reads its own writes) and published on a Redis
 * channel the other replicas listen to. While this replica cannot listen (Redis down, reconnecting)
 * it may have missed changes, so its caches are off; when it hears again, they start empty.
 */
@Injectable()
export class InvalidationBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('InvalidationBus');
  private readonly listeners: Listener[] = [];
  private readonly channel: string;
  private subscriber: Redis | undefined;
  private listening = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) config: Config,
  ) {
    this.channel = `${config.queuePrefix}:cache-invalidations`;
  }

  /** Whether the caches may be used: this replica hears the others' changes. */
  get live(): boolean {
    return this.listening;
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    const subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined); // ioredis reconnects; health reports Redis
    subscriber.on('close', () => (this.listening = false));
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) for (const event of parse(message)) this.apply(event);
    });
    // After every (re)connection: subscribe again, forget what may have changed unheard, then serve.
    subscriber.on('ready', () => {
      subscriber
        .subscribe(this.channel)
        .then(() => {
          this.apply({ kind: 'all' });
          this.listening = true;
        })
        .catch((error: unknown) => this.logger.warn(`Cannot listen for cache invalidations: ${String(error)}`));
    });
  }

  onApplicationShutdown(): void {
    this.listening = false;
    this.subscriber?.disconnect();
  }

  /** Something changed: drop what depends on it here, now, and tell the other replicas (one message). */
  announce(...events: Invalidation[]): void {
    for (const event of events) this.apply(event);
    const message = JSON.stringify(events);
    this.redis.publish(this.channel, message).catch((error: unknown) => {
      // The other replicas cannot hear anything either while Redis is away, so their caches are off too.
      this.logger.warn(`Cache invalidation not published (${String(error)}): ${message}`);
    });
  }

  private apply(event: Invalidation): void {
    for (const listener of this.listeners) listener(event);
  }
}

function parse(message: string): Invalidation[] {
  try {
    const events = JSON.parse(message) as Invalidation[];
    const readable = (event: Invalidation) =>
      typeof event === 'object' && event !== null && typeof event.kind === 'string';
    if (Array.isArray(events) && events.every(readable)) return events;
  } catch {
    // fall through
  }
  // Unreadable (another version?): the safe reading of it is "everything may have changed".
  return [{ kind: 'all' }];
}
