import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { cacheInvalidationChannels, type Invalidation, type InvalidationAnnouncement } from '@roster/domain';
import { duplicateRedis, isCluster, type RedisClient } from '@roster/ops';
import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../database/redis.module.js';

export type { Invalidation };

type Listener = (event: Invalidation) => void;

/** What goes on the channel: the events, and whom to tell that they were applied. */
type Announcement = InvalidationAnnouncement;

/**
 * How long an announcement waits for every replica to confirm it. Only a replica that stalls or loses
 * its connection in that moment is waited for this long (and then stops serving from its caches).
 */
const CONFIRM_TIMEOUT_MS = 2_000;

/**
 * Keeps the in-process caches of every API replica honest. A change is applied to this replica's
 * caches at once and published on a Redis channel the other replicas listen to; each confirms on a
 * channel of the announcing replica once its caches dropped what the change affects, and the
 * announcement resolves when all have (PUBLISH tells how many listen), so the response that follows
 * (a deleted API key's 204) is never answered while another replica would still accept what changed.
 * While this replica cannot listen (Redis down, reconnecting) it may have missed changes, so its
 * caches are off; when it hears again, they start empty.
 */
@Injectable()
export class InvalidationBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('InvalidationBus');
  private readonly listeners: Listener[] = [];
  private readonly channel: string;
  /**
   * Where replicas of the previous release announce and listen (bare lists of events, unconfirmed):
   * announcements go there too, so a rolling update keeps every replica's caches honest.
   * Drop it in the release after this one.
   */
  private readonly previousChannel: string;
  private readonly replicaId = randomUUID();
  /** Where the other replicas confirm this one's announcements. */
  private readonly confirmChannel: string;
  private subscriber: RedisClient | undefined;
  private listening = false;
  private closed = false;
  private lastId = 0;
  /** Announcements waiting for confirmations, by id. */
  private readonly unconfirmed = new Map<number, { confirmed: number; expected: number; done: () => void }>();

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(CONFIG) config: Config,
  ) {
    ({ current: this.channel, previous: this.previousChannel } = cacheInvalidationChannels(config.queuePrefix));
    this.confirmChannel = `${this.channel}:replica:${this.replicaId}`;
  }

  /** Whether the caches may be used: this replica hears the others' changes. */
  get live(): boolean {
    return this.listening;
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  onModuleInit(): void {
    this.listen();
  }

  /**
   * One connection listens. On a Redis Cluster it is a plain connection to one of its nodes (PUBLISH on any node
   * reaches the subscribers of every node), not the cluster client's own subscriber: that one moves to another node
   * without a word when its node goes, and what was announced meanwhile would go unheard while the caches served.
   * This one says 'close' (caches off) and, when its node does not come back, ends and another node is taken.
   */
  private listen(): void {
    const subscriber = this.newSubscriber();
    if (!subscriber) {
      this.redis.once('ready', () => this.listen()); // a cluster whose nodes are not known yet
      return;
    }
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined); // ioredis reconnects; health reports Redis
    subscriber.on('close', () => (this.listening = false));
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.hear(message);
      else if (channel === this.confirmChannel) this.confirmed(Number(message));
      // This release's replicas send there too: applying their events twice is harmless.
      else if (channel === this.previousChannel) for (const event of parse(message).events) this.apply(event);
    });
    // After every (re)connection: subscribe again, forget what may have changed unheard, then serve.
    subscriber.on('ready', () => {
      subscriber
        .subscribe(this.channel, this.confirmChannel, this.previousChannel)
        .then(() => {
          this.apply({ kind: 'all' });
          this.listening = true;
        })
        .catch((error: unknown) => this.logger.warn(`Cannot listen for cache invalidations: ${String(error)}`));
    });
    if (isCluster(this.redis)) {
      subscriber.once('end', () => {
        if (!this.closed) this.listen();
      });
    }
  }

  /** A connection to listen on; undefined while a cluster's nodes are not known. */
  private newSubscriber(): RedisClient | undefined {
    const options = { enableOfflineQueue: true, maxRetriesPerRequest: null };
    if (!isCluster(this.redis)) return duplicateRedis(this.redis, options);
    // A node the cluster client reaches now, when there is one: not the one that just went away.
    const all = this.redis.nodes('all');
    const up = all.filter((node) => node.status === 'ready');
    const nodes = up.length > 0 ? up : all;
    // A few reconnections to its node (a restart), then it ends and listen() takes another.
    const retryStrategy = (times: number) => (times > 5 ? null : Math.min(times * 200, 1000));
    return nodes[Math.floor(Math.random() * nodes.length)]?.duplicate({ ...options, retryStrategy });
  }

  onApplicationShutdown(): void {
    this.closed = true;
    this.listening = false;
    this.subscriber?.disconnect();
    for (const { done } of this.unconfirmed.values()) done();
  }

  /**
   * Something changed: drop what depends on it here, now, and tell the other replicas (one message).
   * Resolves once every replica listening has dropped it too (or after CONFIRM_TIMEOUT_MS); never rejects,
   * as the change itself is already made.
   */
  async announce(...events: Invalidation[]): Promise<void> {
    for (const event of events) this.apply(event);
    this.lastId += 1;
    const id = this.lastId;
    const message = JSON.stringify({ from: this.replicaId, id, events } satisfies Announcement);
    const allConfirmed = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        const waiting = this.unconfirmed.get(id);
        this.logger.warn(
          `Cache invalidation ${message}: ${waiting?.confirmed ?? 0} of ${waiting?.expected ?? '?'} replicas ` +
            `confirmed within ${CONFIRM_TIMEOUT_MS} ms; answering anyway.`,
        );
        done();
      }, CONFIRM_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        this.unconfirmed.delete(id);
        resolve();
      };
      // Registered before publishing: a confirmation can arrive before PUBLISH's reply does.
      this.unconfirmed.set(id, { confirmed: 0, expected: Number.POSITIVE_INFINITY, done });
    });
    try {
      // One message to Redis for both channels: a busy API announces with every write.
      const replies = await this.redis
        .pipeline()
        .publish(this.channel, message)
        .publish(this.previousChannel, JSON.stringify(events))
        .exec();
      const [error, listeners] = replies?.[0] ?? [new Error('no reply to PUBLISH')];
      if (error) throw error;
      this.expect(id, isCluster(this.redis) ? await this.clusterListeners() : (listeners as number));
    } catch (error) {
      // The other replicas cannot hear anything either while Redis is away, so their caches are off too.
      this.logger.warn(`Cache invalidation not published (${String(error)}): ${message}`);
      this.unconfirmed.get(id)?.done();
    }
    await allConfirmed;
  }

  /**
   * On a Redis Cluster, PUBLISH counts only the listeners connected to the node it reached, so the replicas to
   * wait for are counted on every node. One that subscribes between the count and PUBLISH is waited for up to
   * CONFIRM_TIMEOUT_MS; one that subscribes after it dropped its caches on subscribing anyway.
   */
  private async clusterListeners(): Promise<number> {
    if (!isCluster(this.redis)) return 0;
    // A node that does not answer has no listener to wait for: its subscribers lost their connection (caches off).
    const replies = await Promise.allSettled(
      this.redis.nodes('all').map((node) => node.pubsub('NUMSUB', this.channel) as Promise<[string, number]>),
    );
    return replies.reduce((sum, reply) => sum + (reply.status === 'fulfilled' ? Number(reply.value[1]) : 0), 0);
  }

  private expect(id: number, listeners: number): void {
    const waiting = this.unconfirmed.get(id);
    if (!waiting) return;
    waiting.expected = listeners;
    if (waiting.confirmed >= waiting.expected) waiting.done();
  }

  private confirmed(id: number): void {
    const waiting = this.unconfirmed.get(id);
    if (!waiting) return;
    waiting.confirmed += 1;
    if (waiting.confirmed >= waiting.expected) waiting.done();
  }

  /** An announcement on the channel (this replica's own included): apply it, then confirm it to its sender. */
  private hear(message: string): void {
    const announcement = parse(message);
    if (announcement.from === this.replicaId) {
      // Applied when announced; this replica's own subscription counts among PUBLISH's listeners.
      this.confirmed(announcement.id!);
      return;
    }
    for (const event of announcement.events) this.apply(event);
    if (announcement.from !== undefined) {
      this.redis
        .publish(`${this.channel}:replica:${announcement.from}`, String(announcement.id))
        .catch((error: unknown) => this.logger.warn(`Cannot confirm a cache invalidation: ${String(error)}`));
    }
  }

  private apply(event: Invalidation): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** A message of another replica; a bare list of events is what replicas of the previous release send. */
function parse(message: string): Partial<Announcement> & { events: Invalidation[] } {
  const readable = (event: Invalidation) =>
    typeof event === 'object' && event !== null && typeof event.kind === 'string';
  try {
    const parsed = JSON.parse(message) as unknown;
    if (Array.isArray(parsed) && parsed.every(readable)) return { events: parsed as Invalidation[] };
    const { from, id, events } = parsed as Partial<Announcement>;
    if (typeof from === 'string' && Number.isInteger(id) && Array.isArray(events) && events.every(readable)) {
      return { from, id: id!, events };
    }
  } catch {
    // fall through
  }
  // Unreadable (another version?): the safe reading of it is "everything may have changed".
  return { events: [{ kind: 'all' }] };
}
