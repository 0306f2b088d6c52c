import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export interface CashfreeWebhookOptions {
  timestamp?: string;
  secret?: string;
  signature?: string;
}

/** A delivery to `POST /v1/webhooks/cashfree` signed as Cashfree signs it (HMAC of timestamp + raw body). */
export function deliverCashfreeWebhook(
  app: FastifyInstance,
  body: string,
  options: CashfreeWebhookOptions = {},
) {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const secret = options.secret ?? app.provider.webhookSecret;
  const signature =
    options.signature ??
    createHmac('sha256', secret)
      .update(timestamp + body)
      .digest('base64');
  return app.inject({
    method: 'POST',
    url: '/v1/webhooks/cashfree',
    payload: body,
    headers: {
      'content-type': 'application/json',
      'x-webhook-timestamp': timestamp,
      'x-webhook-signature': signature,
    },
  });
}
