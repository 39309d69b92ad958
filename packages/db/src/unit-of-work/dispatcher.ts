import type { RecordedChange } from '@roster/domain';
import type { DataSource } from 'typeorm';
import { markDelivered } from './outbox.js';

/**
 * One consumer of change events: cache invalidation, recount requests, webhooks. Delivery is at least once
 * (the relay may hand over a change again after a crash), so consuming the same change twice must do no
 * more than consuming it once.
 */
export interface ChangeConsumer {
  readonly name: string;
  consume(changes: readonly RecordedChange[]): Promise<void>;
}

export interface DispatchLog {
  warn(message: string): void;
}

/** How long delivered marks wait to be written together (a busy API writes one UPDATE per interval). */
const MARK_EVERY_MS = 200;
/** Marks written at once at most; more pending are written straight away. */
const MARK_BATCH = 1000;

/**
 * Hands committed changes to every consumer, then marks them delivered. A consumer that fails leaves them
 * undelivered, for the worker's relay to hand over again later; the writer's caller never sees the failure
 * (its change is committed and will reach every consumer).
 *
 * The marks are written in batches, one UPDATE per {@link MARK_EVERY_MS}: one per write was a second commit,
 * and a second wait for the disk, on every write (a third of the throughput of creating users). A mark lost
 * with a crashed process costs one more delivery by the relay, which consumers allow.
 */
export class ChangeDispatcher {
  private pendingMarks: string[] = [];
  private markTimer: NodeJS.Timeout | null = null;
  private marking: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: readonly ChangeConsumer[],
    private readonly log: DispatchLog,
    private readonly markEveryMs = MARK_EVERY_MS,
  ) {}

  /** True when every consumer took the changes (their marks are then on their way). */
  async dispatch(changes: readonly RecordedChange[]): Promise<boolean> {
    if (changes.length === 0) return true;
    const delivered = await this.deliver(changes);
    if (delivered) this.queueMarks(changes.map((change) => change.id));
    return delivered;
  }

  /** Writes the pending marks now (at shutdown, and for tests); resolves once every mark so far is written. */
  async flushMarks(): Promise<void> {
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = null;
    const ids = this.pendingMarks;
    this.pendingMarks = [];
    if (ids.length > 0) {
      this.marking = this.marking.then(() =>
        markDelivered(this.dataSource.manager, ids).catch((error: Error) =>
          this.log.warn(`Delivered ${ids.length} change(s) but could not mark them: ${error.message}`),
        ),
      );
    }
    await this.marking;
  }

  private queueMarks(ids: string[]): void {
    this.pendingMarks.push(...ids);
    if (this.pendingMarks.length >= MARK_BATCH) void this.flushMarks();
    else if (!this.markTimer) {
      this.markTimer = setTimeout(() => void this.flushMarks(), this.markEveryMs);
      // A timer must not keep a finished process alive; shutdown flushes what is left.
      this.markTimer.unref();
    }
  }

  /** Hands the changes to every consumer (in parallel: they are independent); true when all took them. */
  async deliver(changes: readonly RecordedChange[]): Promise<boolean> {
    const results = await Promise.allSettled(this.consumers.map((consumer) => consumer.consume(changes)));
    let delivered = true;
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        delivered = false;
        const reason = (result.reason as Error)?.message ?? String(result.reason);
        this.log.warn(
          `${this.consumers[index]!.name} could not take ${changes.length} change(s): ${reason}. The relay will retry.`,
        );
      }
    });
    return delivered;
  }
}
