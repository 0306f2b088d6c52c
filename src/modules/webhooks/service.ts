import { Webhook } from 'standardwebhooks';
import type { Database } from '../../db/client.js';
import type { Jobs } from '../../jobs/index.js';
import { notFound } from '../../lib/errors.js';
import type { AuditActor, AuditService } from '../audit/service.js';
import type { WebhookEventType } from './outbox.js';
import { createWebhookRepository } from './repository.js';
import type { WebhookAttemptRow, WebhookEventRow, WebhookEventStatus } from './repository.js';

export const WEBHOOK_DELIVERY_JOB = 'webhooks.deliver';

/** Events are retried for this long after they were written, then marked failed. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3 * 60 * 60 * 1000;
const MAX_ERROR_LENGTH = 500;

/**
 * Exponential backoff with "equal jitter": 30 s, 1 min, 2 min, ... capped at 3 h, each randomised
 * between half and all of it, so receivers coming back from an outage are not hit all at once.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface WebhookDeliveryOptions {
  /** Where events are POSTed. Unset: nothing is sent and events stay pending (see `dispatchDue`). */
  url?: string | undefined;
  /** A Standard Webhooks secret, `whsec_` + base64; required with `url`. */
  secret?: string | undefined;
  timeoutMs?: number;
  /**
   * Asks for a delivery run at a retry's time (`scheduleWebhookDelivery`), so it runs when its
   * `nextAttemptAt` says rather than at the next minute's scheduled run.
   */
  scheduleDelivery?: (at: Date) => Promise<void>;
  now?: () => Date;
  random?: () => number;
}

export interface DispatchSummary {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

type Outcome = 'delivered' | 'retrying' | 'failed';

/** Sends due outbox events to the host application, signed per the Standard Webhooks spec. */
export class WebhookDispatcher {
  private readonly target: { url: string; signer: Webhook } | undefined;
  private readonly timeoutMs: number;
  private readonly scheduleDelivery: (at: Date) => Promise<void>;
  private readonly now: () => Date;
  private readonly random: () => number;

  constructor(
    private readonly db: Database,
    options: WebhookDeliveryOptions = {},
  ) {
    if (options.url && !options.secret) throw new Error('a webhook URL needs a webhook secret');
    this.target =
      options.url && options.secret ? { url: options.url, signer: new Webhook(options.secret) } : undefined;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.scheduleDelivery = options.scheduleDelivery ?? (async () => undefined);
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  /**
   * Delivers up to `limit` due events, concurrently. With no URL configured this does nothing and
   * events stay pending: they go out once a URL is set (an event already older than the retry
   * window then gets one attempt before it is marked failed; an admin can redeliver it).
   */
  async dispatchDue(limit = 20): Promise<DispatchSummary> {
    const summary: DispatchSummary = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
    const target = this.target;
    if (!target) return summary;
    const now = this.now();
    // The lease outlives the request's timeout, so a slow send is never claimed twice.
    const leaseUntil = new Date(now.getTime() + this.timeoutMs + 60_000);
    const events = await createWebhookRepository(this.db).claimDue(now, limit, leaseUntil);
    summary.claimed = events.length;
    const outcomes = await Promise.all(events.map((event) => this.deliver(target, event)));
    for (const { outcome } of outcomes) summary[outcome] += 1;
    // After the attempts are committed: a run at each retry's time.
    const retries = new Set(outcomes.flatMap(({ retryAt }) => (retryAt ? [retryAt.getTime()] : [])));
    for (const at of retries) await this.scheduleDelivery(new Date(at));
    return summary;
  }

  private async deliver(
    target: { url: string; signer: Webhook },
    event: WebhookEventRow,
  ): Promise<{ outcome: Outcome; retryAt?: Date }> {
    const body = JSON.stringify(event.payload);
    const attemptedAt = this.now();
    const signature = target.signer.sign(event.id, attemptedAt, body);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Pehchan-Webhooks/1',
          'webhook-id': event.id,
          'webhook-timestamp': String(Math.floor(attemptedAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        // A redirect is a misconfiguration, not a delivery; following it would send the event elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
    } catch (caught) {
      error = describeFailure(caught, this.timeoutMs);
    }
    const durationMs = Math.round(performance.now() - started);

    return this.db.transaction(async (tx) => {
      const repository = createWebhookRepository(tx);
      await repository.insertAttempt(event.id, { statusCode, error, durationMs, attemptedAt });
      if (error === null) {
        await repository.settle(event.id, { status: 'delivered', at: this.now() });
        return { outcome: 'delivered' };
      }
      const now = this.now().getTime();
      const deadline = event.createdAt.getTime() + RETRY_WINDOW_MS;
      if (now >= deadline) {
        await repository.settle(event.id, { status: 'failed', error });
        return { outcome: 'failed' };
      }
      // The last retry happens at the end of the window rather than never.
      const retryAt = new Date(Math.min(now + retryDelayMs(event.attempts + 1, this.random), deadline));
      await repository.settle(event.id, { status: 'pending', error, nextAttemptAt: retryAt });
      return { outcome: 'retrying', retryAt };
    });
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `request failed: ${detail}`.slice(0, MAX_ERROR_LENGTH);
}

/**
 * The delivery job: whenever `requestWebhookDelivery` is called after an event was committed, at
 * each retry's time (`scheduleWebhookDelivery`), and every minute for events whose dispatcher died
 * mid-send. It drains due events in batches, a bounded number per run.
 */
export function defineWebhookJobs(
  jobs: Jobs,
  dispatcher: WebhookDispatcher,
  batchSize = 20,
  maxBatches = 10,
): void {
  jobs.define({
    name: WEBHOOK_DELIVERY_JOB,
    schedule: '* * * * *',
    // The outbox keeps its own backoff and the schedule runs again in a minute: no job-level retries.
    retryLimit: 0,
    expireInSeconds: 600,
    handler: async () => {
      for (let batch = 0; batch < maxBatches; batch += 1) {
        const { claimed } = await dispatcher.dispatchDue(batchSize);
        if (claimed < batchSize) return;
      }
    },
  });
}

/** Asks for a delivery run now (after the transaction that enqueued an event has committed). */
export async function requestWebhookDelivery(jobs: Jobs | undefined): Promise<void> {
  await jobs?.send(WEBHOOK_DELIVERY_JOB, {});
}

/**
 * Asks for a delivery run at `at`. The scheduled run alone comes once a minute, and pg-boss checks
 * its schedules only every 30 s: a retry due in 30 s went out about 90 s later than its
 * `nextAttemptAt` said. Workers poll every second, so this run starts within a second of `at`.
 */
export async function scheduleWebhookDelivery(jobs: Jobs | undefined, at: Date): Promise<void> {
  await jobs?.send(WEBHOOK_DELIVERY_JOB, {}, { startAfter: at });
}

export interface DeliveryAttemptView {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  attemptedAt: string;
}

export interface DeliveryView {
  id: string;
  type: WebhookEventType;
  status: WebhookEventStatus;
  userId: string | null;
  caseId: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export const deliveryView = (row: WebhookEventRow): DeliveryView => ({
  id: row.id,
  // A plain text column; the outbox writes only these event types to it.
  type: row.type as WebhookEventType,
  status: row.status,
  userId: row.userId,
  caseId: row.caseId,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  lastError: row.lastError,
  createdAt: row.createdAt.toISOString(),
});

const attemptView = (row: WebhookAttemptRow): DeliveryAttemptView => ({
  statusCode: row.statusCode,
  error: row.error,
  durationMs: row.durationMs,
  attemptedAt: row.attemptedAt.toISOString(),
});

/** What admins see of the outbox, and the redeliver action. */
export class WebhookService {
  private readonly onRequeued: () => Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    options: { onRequeued?: () => Promise<void> } = {},
  ) {
    this.onRequeued = options.onRequeued ?? (async () => undefined);
  }

  async list(options: {
    status?: WebhookEventStatus | undefined;
    eventType?: WebhookEventType | undefined;
    cursor?: string | undefined;
    limit: number;
  }): Promise<{ data: DeliveryView[]; nextCursor: string | null }> {
    const rows = await createWebhookRepository(this.db).list({ ...options, limit: options.limit + 1 });
    const page = rows.slice(0, options.limit);
    return {
      data: page.map(deliveryView),
      nextCursor: rows.length > options.limit ? page.at(-1)!.id : null,
    };
  }

  async get(eventId: string): Promise<DeliveryView & { attemptLog: DeliveryAttemptView[] }> {
    const repository = createWebhookRepository(this.db);
    const row = await repository.find(eventId);
    if (!row) throw notFound('Webhook delivery');
    return { ...deliveryView(row), attemptLog: (await repository.attemptsOf(eventId)).map(attemptView) };
  }

  /**
   * Queues the event again now, whatever its status (receivers dedupe on the event id). The retry
   * window still counts from the event's creation: a redelivered event older than 24 hours gets
   * one attempt per redeliver.
   */
  async redeliver(actor: AuditActor, eventId: string): Promise<DeliveryView> {
    const row = await this.db.transaction(async (tx) => {
      const requeued = await createWebhookRepository(tx).requeue(eventId, new Date());
      if (requeued)
        await this.audit.record(tx, actor, {
          action: 'webhook_redelivered',
          targetType: 'webhook_delivery',
          targetId: auditTargetOf(eventId),
          details: { eventId, eventType: requeued.type },
        });
      return requeued;
    });
    if (!row) throw notFound('Webhook delivery');
    await this.onRequeued();
    return deliveryView(row);
  }
}

/** The audit log's uuid for an event id: `msg_` + the 32 hex digits of a UUIDv7. */
export function auditTargetOf(eventId: string): string {
  const hex = eventId.slice('msg_'.length);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
