import { createHmac } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

/** Waits before each new attempt at a delivery that failed; Cashfree retries failed deliveries too. */
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];
const ATTEMPT_TIMEOUT_MS = 10_000;
/** The oldest deliveries are forgotten past this many, so a long-running simulator does not grow. */
const KEPT_DELIVERIES = 500;

export interface WebhookDeliveryRecord {
  seq: number;
  eventType: string;
  verificationId: string;
  url: string;
  attempts: number;
  state: 'sending' | 'delivered' | 'failed';
  /** The receiver's last HTTP status, or the network error of the last attempt. */
  lastStatus?: number;
  lastError?: string;
}

/** Cashfree's event time: India's wall clock, `YYYY-MM-DD HH:mm:ss`. */
function eventTime(now: Date): string {
  const ist = new Date(now.getTime() + 330 * 60_000);
  return ist.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Secure ID webhooks as Cashfree sends them: a JSON POST to the URL set in Cashfree's dashboard, with
 * `x-webhook-timestamp` (epoch seconds) and `x-webhook-signature` = base64(HMAC-SHA256(client secret,
 * timestamp + raw body)). Nothing is sent until a URL is set (`deliverTo`): Pehchan sets its own
 * `/v1/webhooks/cashfree` once it listens. A delivery answered with anything but 2xx, or not answered,
 * is tried again a few times; `GET /simulator/webhooks` lists what was sent.
 */
export class SimulatorWebhooks {
  readonly deliveries: WebhookDeliveryRecord[] = [];
  private url: string | undefined;
  private nextSeq = 1;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly clientSecret: string,
    private readonly retryDelaysMs: readonly number[] = RETRY_DELAYS_MS,
  ) {}

  /** Where events go from now on, as the merchant's dashboard setting; `undefined` stops sending. */
  deliverTo(url: string | undefined): void {
    this.url = url;
  }

  /** Queues one event about a verification; returns at once, the delivery runs in the background. */
  send(eventType: string, data: Record<string, unknown> & { verification_id: string }): void {
    if (!this.url || this.stopping.signal.aborted) return;
    const body = JSON.stringify({
      event_type: eventType,
      event_time: eventTime(new Date()),
      version: 'v1',
      data,
    });
    const record: WebhookDeliveryRecord = {
      seq: this.nextSeq++,
      eventType,
      verificationId: data.verification_id,
      url: this.url,
      attempts: 0,
      state: 'sending',
    };
    this.deliveries.push(record);
    if (this.deliveries.length > KEPT_DELIVERIES) this.deliveries.shift();
    const delivery = this.deliver(record, body).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** Deliveries still being tried, e.g. for a test to wait on. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Stops every retry and delivery under way. */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.settled();
  }

  reset(): void {
    this.deliveries.length = 0;
  }

  private async deliver(record: WebhookDeliveryRecord, body: string): Promise<void> {
    const signal = this.stopping.signal;
    for (let attempt = 0; attempt <= this.retryDelaysMs.length; attempt++) {
      if (attempt > 0) {
        const waited = await delay(this.retryDelaysMs[attempt - 1], true, { signal }).catch(() => false);
        if (!waited) break;
      }
      record.attempts++;
      // Each attempt is signed afresh, as its timestamp is new (a receiver refuses stale ones).
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', this.clientSecret)
        .update(timestamp + body)
        .digest('base64');
      try {
        const answer = await fetch(record.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-webhook-timestamp': timestamp,
            'x-webhook-signature': signature,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
        });
        await answer.body?.cancel();
        record.lastStatus = answer.status;
        delete record.lastError;
        if (answer.ok) {
          record.state = 'delivered';
          return;
        }
      } catch (error) {
        record.lastError = (error as Error).message;
      }
    }
    record.state = 'failed';
  }
}
