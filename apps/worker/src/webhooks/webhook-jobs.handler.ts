import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { open } from '@roster/config';
import { type MessageToDeliver, type StoredSecret, WebhookDispatchRepository } from '@roster/db';
import {
  type JobPayloads,
  WEBHOOK_LOG_RETENTION_DAYS,
  webhookRetryDelayMs,
  webhookSecretContext,
} from '@roster/domain';
import { DataSource } from 'typeorm';
import { CONFIG, type WorkerConfig } from '../config/config.js';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { JobRunner } from '../jobs/job-runner.service.js';
import { sendWebhook } from './send.js';
import { signatureHeader } from './signature.js';

/** Finished messages deleted per statement. */
const PURGE_BATCH = 5_000;
/** Changes fanned out per transaction. */
const FAN_OUT_BATCH = 500;
/** A message never tried this long after it was stored lost its queue entry (Redis emptied): queue it again. */
const LOST_AFTER_MS = 60_000;
/**
 * Requests in flight to one endpoint from one worker process. The queue runs more at once (QUEUE_CONCURRENCY): a
 * delivery to an endpoint at this limit waits for one of its requests to finish while the endpoint answers
 * quickly, and goes back to the queue for DEFER_MS once it is slow, so an endpoint that hangs for its whole
 * timeout holds a few slots and every other endpoint's deliveries go on.
 */
const PER_ENDPOINT = 4;
/** An endpoint whose oldest request in flight has taken this long is slow. */
const SLOW_MS = 1_000;
const DEFER_MS = 1_000;

/**
 * The `webhooks` queue: the fan-out (outbox → one message per endpoint that wants each change) and the
 * deliveries (sign, POST, log, retry with backoff, and after the last attempt disable the endpoint).
 */
@Injectable()
export class WebhookJobsHandler {
  private readonly logger = new Logger('Webhooks');
  private readonly dispatch: WebhookDispatchRepository;
  /** Per endpoint, when each of its requests in flight from this process started. */
  private readonly inFlight = new Map<string, number[]>();
  /** Per endpoint, the deliveries waiting for one of its requests to finish. */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(CONFIG) private readonly config: WorkerConfig,
    @Inject(JobRunner) private readonly runner: JobRunner,
  ) {
    this.dispatch = new WebhookDispatchRepository(dataSource);
  }

  @JobHandler('webhooks.fan-out')
  async fanOut(): Promise<{ changes: number; messages: number; requeued: number }> {
    let changes = 0;
    let messages = 0;
    for (;;) {
      const batch = await this.dispatch.fanOut(FAN_OUT_BATCH);
      changes += batch.changes;
      messages += batch.messageIds.length;
      await this.enqueue(batch.messageIds.map((id) => ({ messageId: id, jobId: id })));
      if (batch.changes < FAN_OUT_BATCH) break;
    }
    const lost = await this.dispatch.pendingMessages(LOST_AFTER_MS, FAN_OUT_BATCH);
    // The same job id as at the fan-out: a message whose job is still in Redis is not queued twice.
    await this.enqueue(lost.map((id) => ({ messageId: id, jobId: id })));
    return { changes, messages, requeued: lost.length };
  }

  /** Idempotent: a rerun finds nothing older. In batches, so one run never holds a long delete. */
  @JobHandler('maintenance.purge-webhook-log')
  async purgeLog(): Promise<{ deleted: number }> {
    let deleted = 0;
    for (;;) {
      const count = await this.dispatch.purgeFinished(WEBHOOK_LOG_RETENTION_DAYS, PURGE_BATCH);
      deleted += count;
      if (count < PURGE_BATCH) return { deleted };
    }
  }

  @JobHandler('webhooks.deliver')
  async deliver({ messageId }: JobPayloads['webhooks.deliver']): Promise<Record<string, unknown>> {
    let message = await this.dispatch.message(messageId);
    let skipped = await this.skipReason(message);
    if (skipped || !message) return { skipped };
    const slot = await this.slotFor(message.endpoint.id);
    if (slot === 'slow') {
      await this.enqueue([{ messageId, jobId: `${messageId}.wait-${Date.now()}`, delay: DEFER_MS }]);
      return { deferred: true };
    }
    if (slot === 'after-waiting') {
      // The endpoint may have been deleted or disabled, or the message delivered, while this one waited.
      message = await this.dispatch.message(messageId);
      skipped = await this.skipReason(message);
      if (skipped || !message) return { skipped };
    }
    const { endpoint } = message;
    const started = performance.now();
    this.inFlight.set(endpoint.id, [...(this.inFlight.get(endpoint.id) ?? []), started]);
    try {
      return await this.attempt(message);
    } finally {
      const left = (this.inFlight.get(endpoint.id) ?? []).filter((at) => at !== started);
      if (left.length > 0) this.inFlight.set(endpoint.id, left);
      else this.inFlight.delete(endpoint.id);
      this.waiting.get(endpoint.id)?.shift()?.();
    }
  }

  /** Why a message is not to be sent now (and a disabled endpoint's is cancelled), or null. */
  private async skipReason(message: MessageToDeliver | null): Promise<string | null> {
    if (!message) return 'deleted';
    if (message.state !== 'pending') return message.state;
    if (!message.endpoint.enabled && message.event.type !== 'roster.ping') {
      await this.dispatch.cancel(message.messageId);
      return 'endpoint disabled';
    }
    return null;
  }

  /** Waits until the endpoint has a free request slot; 'slow' as soon as it is at its limit and slow. */
  private async slotFor(endpointId: string): Promise<'now' | 'after-waiting' | 'slow'> {
    for (let waited = false; ; waited = true) {
      const flying = this.inFlight.get(endpointId) ?? [];
      if (flying.length < PER_ENDPOINT) return waited ? 'after-waiting' : 'now';
      if (performance.now() - flying[0]! > SLOW_MS) return 'slow';
      const queue = this.waiting.get(endpointId) ?? [];
      this.waiting.set(endpointId, queue);
      // Woken when a request finishes, or after SLOW_MS to look again (the endpoint may have turned slow).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, SLOW_MS);
        function wake() {
          clearTimeout(timer);
          const index = queue.indexOf(wake);
          if (index >= 0) queue.splice(index, 1);
          resolve();
        }
        queue.push(wake);
      });
      if (queue.length === 0) this.waiting.delete(endpointId);
    }
  }

  private async attempt(message: MessageToDeliver): Promise<Record<string, unknown>> {
    const at = new Date();
    const body = JSON.stringify(message.event);
    const timestamp = Math.floor(at.getTime() / 1000);
    const result = await sendWebhook({
      url: message.endpoint.url,
      body,
      allowPrivate: this.config.webhookAllowPrivateAddresses,
      headers: {
        'content-type': 'application/cloudevents+json',
        'user-agent': 'Roster-Webhooks/1',
        'webhook-id': message.event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(this.signingKeys(message, at), message.event.id, timestamp, body),
      },
    });
    const succeeded = result.status !== null && result.status >= 200 && result.status < 300;
    const attempt = message.attempts + 1;
    const outcome = succeeded ? 'delivered' : attempt >= this.config.webhookMaxAttempts ? 'failed' : 'pending';
    const error = succeeded
      ? null
      : (result.error ??
        (result.status !== null && result.status >= 300 && result.status < 400
          ? `the receiver answered ${result.status} (redirects are not followed: give the final URL)`
          : `the receiver answered ${result.status}`));
    await this.dispatch.recordAttempt(
      message,
      {
        attempt,
        at,
        status: succeeded ? 'succeeded' : 'failed',
        responseStatus: result.status,
        durationMs: result.durationMs,
        error,
        responseExcerpt: result.excerpt,
      },
      outcome,
    );
    if (outcome === 'pending') {
      const delay = webhookRetryDelayMs(attempt, this.config.webhookRetryBaseMs, Math.random());
      await this.enqueue([
        { messageId: message.messageId, jobId: `${message.messageId}.attempt-${attempt + 1}`, delay },
      ]);
    } else if (outcome === 'failed') {
      const reason =
        `Disabled on ${at.toISOString()}: event ${message.event.id} (${message.event.type}) failed ` +
        `${attempt} attempts; the last: ${error}. Fix the receiver, enable the endpoint and redeliver.`;
      await this.dispatch.disableEndpoint(message.endpoint.id, reason);
      this.logger.warn(`Webhook ${message.endpoint.id} disabled: ${reason}`);
    }
    return { outcome, attempt, status: result.status, error };
  }

  /** The endpoint's secret, and during a rotation's grace period the previous one too. */
  private signingKeys(message: MessageToDeliver, at: Date): Buffer[] {
    const { endpoint } = message;
    const keys = [this.openSecret(endpoint.id, endpoint.secret)];
    if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > at) {
      keys.push(this.openSecret(endpoint.id, endpoint.previousSecret));
    }
    return keys;
  }

  private openSecret(endpointId: string, stored: StoredSecret): Buffer {
    const sealed = {
      ciphertext: Buffer.from(stored.ciphertext, 'base64'),
      dataKey: Buffer.from(stored.dataKey, 'base64'),
      keyId: stored.keyId,
    };
    return open(sealed, this.config.encryptionKeys, webhookSecretContext(endpointId));
  }

  private async enqueue(jobs: { messageId: string; jobId: string; delay?: number }[]): Promise<void> {
    if (jobs.length === 0) return;
    const queue = this.runner.queue('webhooks');
    if (!queue) throw new Error('The job runner is not started');
    await queue.addBulk(
      jobs.map(({ messageId, jobId, delay }) => ({
        name: 'webhooks.deliver',
        data: { messageId } satisfies JobPayloads['webhooks.deliver'],
        opts: { jobId, ...(delay ? { delay } : {}) },
      })),
    );
  }
}
