import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifications } from '../../../src/db/schema/index.js';
import { useTestApp } from '../../helpers/app.js';
import { deliverCashfreeWebhook } from '../../helpers/cashfree-webhook.js';
import type { CashfreeWebhookOptions } from '../../helpers/cashfree-webhook.js';

const ctx = useTestApp();

const deliver = (body: string, options?: CashfreeWebhookOptions) =>
  deliverCashfreeWebhook(ctx.app, body, options);

async function pendingVerification(verificationId: string) {
  await ctx.database.handle.db
    .insert(verifications)
    .values({ verificationId, kind: 'bank_account_async', request: {} });
}

describe('POST /v1/webhooks/cashfree', () => {
  it('accepts a signed delivery and settles the matching verification', async () => {
    await pendingVerification('bav_webhook_1');
    const body = JSON.stringify({
      event_type: 'BANK_ACCOUNT_VERIFICATION',
      data: { user_id: 'bav_webhook_1', reference_id: 9911, account_status: 'VALID' },
    });
    const response = await deliver(body);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true, duplicate: false });
    const [row] = await ctx.database.handle.db
      .select()
      .from(verifications)
      .where(eq(verifications.verificationId, 'bav_webhook_1'));
    expect(row).toMatchObject({ status: 'success', outcome: 'VALID', referenceId: '9911' });
  });

  it('acknowledges a repeated delivery without acting on it again', async () => {
    await pendingVerification('bav_webhook_2');
    const body = JSON.stringify({ data: { user_id: 'bav_webhook_2', account_status: 'INVALID' } });
    expect((await deliver(body)).json()).toEqual({ received: true, duplicate: false });
    await ctx.database.handle.db
      .update(verifications)
      .set({ outcome: 'changed-later' })
      .where(eq(verifications.verificationId, 'bav_webhook_2'));
    expect((await deliver(body)).json()).toEqual({ received: true, duplicate: true });
    const [row] = await ctx.database.handle.db
      .select()
      .from(verifications)
      .where(eq(verifications.verificationId, 'bav_webhook_2'));
    expect(row?.outcome).toBe('changed-later');
  });

  it('refuses a forged signature, a missing one and a stale timestamp', async () => {
    await pendingVerification('bav_webhook_3');
    const body = JSON.stringify({ data: { user_id: 'bav_webhook_3', account_status: 'VALID' } });
    const forged = await deliver(body, { secret: 'not-the-secret' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('invalid_signature');
    expect((await deliver(body, { signature: '' })).statusCode).toBe(401);
    const stale = await deliver(body, { timestamp: String(Math.floor(Date.now() / 1000) - 600) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('stale_webhook');
    const [row] = await ctx.database.handle.db
      .select()
      .from(verifications)
      .where(eq(verifications.verificationId, 'bav_webhook_3'));
    expect(row?.status).toBe('pending');
  });

  it('refuses a body changed after signing', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const original = JSON.stringify({ data: { user_id: 'x', account_status: 'INVALID' } });
    const signature = createHmac('sha256', ctx.app.provider.webhookSecret)
      .update(timestamp + original)
      .digest('base64');
    const tampered = original.replace('INVALID', 'VALID');
    expect((await deliver(tampered, { timestamp, signature })).statusCode).toBe(401);
  });
});
