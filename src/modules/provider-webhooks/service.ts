import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { createInboundWebhookRepository } from './repository.js';
import type { DatabaseVerificationRecorder } from '../verifications/recorder.js';
import type { EsignService } from '../esign/service.js';

/** Older deliveries are refused: a captured webhook cannot be replayed later. */
export const WEBHOOK_MAX_AGE_SECONDS = 5 * 60;

const unauthorised = () => new AppError('invalid_signature', 'Webhook signature is missing or wrong');

export interface WebhookDelivery {
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer;
}

export interface WebhookOutcome {
  duplicate: boolean;
  verificationId?: string;
}

/**
 * Aadhaar e-sign's events: _SUCCESS, _FAILURE and _EXPIRED. Cashfree's event table names them
 * E_SIGN_VERIFICATION_…, its sample payloads ESIGN_VERIFICATION_…: both are read.
 */
const ESIGN_EVENT = /^E_?SIGN_VERIFICATION_/;

/** Cashfree timestamps are epoch seconds (milliseconds in some products); both are accepted. */
function timestampSeconds(value: string): number | undefined {
  if (!/^\d{9,13}$/.test(value)) return undefined;
  const number = Number(value);
  return value.length > 10 ? Math.floor(number / 1000) : number;
}

/**
 * Inbound Cashfree Secure ID webhooks: `x-webhook-signature` is base64(HMAC-SHA256(client secret,
 * timestamp + raw body)), compared in constant time; stale and repeated deliveries are refused or
 * acknowledged without effect; the matching verification row is settled, and an e-sign event
 * settles its case at once.
 */
export class ProviderWebhookService {
  constructor(
    private readonly db: Database,
    private readonly secret: string,
    private readonly verifications: DatabaseVerificationRecorder,
    private readonly esign: Pick<EsignService, 'settleFromWebhook'>,
  ) {}

  sign(timestamp: string, rawBody: Buffer): string {
    return createHmac('sha256', this.secret).update(timestamp).update(rawBody).digest('base64');
  }

  async receive(delivery: WebhookDelivery, now = Date.now()): Promise<WebhookOutcome> {
    const { signature, timestamp, rawBody } = delivery;
    if (!signature || !timestamp) throw unauthorised();
    const seconds = timestampSeconds(timestamp);
    if (seconds === undefined || Math.abs(now / 1000 - seconds) > WEBHOOK_MAX_AGE_SECONDS) {
      throw new AppError('stale_webhook', 'Webhook timestamp is missing or too old');
    }
    const expected = Buffer.from(this.sign(timestamp, rawBody));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorised();

    let payload: { type?: unknown; event_type?: unknown; data?: Record<string, unknown> } & Record<
      string,
      unknown
    >;
    try {
      payload = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new AppError('invalid_json', 'Webhook body is not valid JSON');
    }
    const data = (typeof payload.data === 'object' && payload.data) || payload;
    const verificationId = [data.verification_id, data.user_id].find((value) => typeof value === 'string') as
      string | undefined;
    const eventType = [payload.event_type, payload.type].find((value) => typeof value === 'string') as
      string | undefined;

    const outcome = await this.db.transaction(async (tx): Promise<WebhookOutcome> => {
      const first = await createInboundWebhookRepository(tx).recordOnce({
        bodySha256: createHash('sha256').update(rawBody).digest('hex'),
        eventType: eventType ?? null,
        verificationId: verificationId ?? null,
      });
      if (!first) return { duplicate: true };
      if (verificationId) {
        const outcome = [data.status, data.account_status].find((value) => typeof value === 'string') as
          string | undefined;
        const settled =
          /SUCCESS|VALID|AUTHENTICATED/.test(outcome ?? '') && !/INVALID|FAIL/.test(outcome ?? '');
        await this.verifications.finish(
          {
            verificationId,
            status: settled ? 'success' : 'failed',
            outcome: outcome ?? eventType,
            referenceId: data.reference_id === undefined ? undefined : String(data.reference_id),
            response: { event_type: eventType ?? null, status: outcome ?? null },
          },
          tx,
        );
      }
      return { duplicate: false, ...(verificationId ? { verificationId } : {}) };
    });
    // After the commit: settling looks the request up at Cashfree and stores the signed copy.
    if (!outcome.duplicate && verificationId && ESIGN_EVENT.test(eventType ?? ''))
      await this.esign.settleFromWebhook(verificationId);
    return outcome;
  }
}
