import { describe, expect, it, beforeAll } from 'vitest';
import type { WebhookDeliveryRecord } from '../../../src/providers/cashfree-simulator/index.js';
import { useTestApp } from '../../helpers/app.js';
import { pendingSignature, simulatorPost } from '../../helpers/esign.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true', ESIGN_ENABLED: 'true', PUBLIC_URL: 'https://kyc.example.in' });

// Listening is what makes the built-in simulator send its webhooks here (app.inject alone gets none).
beforeAll(async () => {
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
});

/** getDetails reads the case as stored: unlike GET /v1/kyc/esign it never asks Cashfree, so only a webhook moves it. */
async function storedStatusOnceSettled(applicant: Awaited<ReturnType<typeof pendingSignature>>['applicant']) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const status = (await applicant.call('GET', '/v1/user/getDetails')).json().data.kycStatus as string;
    if (status !== 'esign_pending' || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const deliveriesFor = (verificationId: string) =>
  ctx.app.provider.simulator!.webhooks.deliveries.filter(
    (delivery: WebhookDeliveryRecord) => delivery.verificationId === verificationId,
  );

describe("the built-in simulator's e-sign webhooks", () => {
  it('settle a signed case, and a declined one, without the customer coming back', async () => {
    const signed = await pendingSignature(ctx);
    const declined = await pendingSignature(ctx);
    // Every transition asks for an e-sign sweep, which would look the requests up too: with the job
    // system stopped, only the webhooks can settle these cases.
    await ctx.app.jobs!.stop();

    expect((await simulatorPost(`${signed.pending.signingLink}/sign`)).status).toBe(303);
    expect(await storedStatusOnceSettled(signed.applicant)).toBe('completed');
    expect((await signed.applicant.call('GET', '/v1/kyc/account-opening-form')).statusCode).toBe(200);

    const signingPage = await (await fetch(declined.pending.signingLink)).text();
    expect(signingPage).toContain(`/simulator/esign/${declined.verificationId}/decline`);
    expect((await simulatorPost(`${declined.pending.signingLink}/decline`)).status).toBe(303);
    expect(await storedStatusOnceSettled(declined.applicant)).toBe('esign_expired');
    // The customer is told signing failed, not that the link expired.
    expect((await declined.applicant.call('GET', '/v1/kyc/esign')).json().data).toMatchObject({
      status: 'esign_expired',
      signingFailed: true,
      signingLink: null,
    });
    // A declined request cannot be signed afterwards; the customer asks for a new link.
    expect((await simulatorPost(`${declined.pending.signingLink}/sign`)).status).toBe(409);
    const resent = await declined.applicant.call('POST', '/v1/kyc/esign/resend');
    expect([resent.statusCode, resent.json().data.status]).toEqual([200, 'esign_pending']);

    await ctx.app.provider.simulator!.webhooks.settled();
    const localWebhookUrl = expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1\/webhooks\/cashfree$/);
    expect(deliveriesFor(signed.verificationId)).toEqual([
      expect.objectContaining({
        eventType: 'ESIGN_VERIFICATION_SUCCESS',
        state: 'delivered',
        lastStatus: 200,
        attempts: 1,
        url: localWebhookUrl,
      }),
    ]);
    expect(deliveriesFor(declined.verificationId)).toEqual([
      expect.objectContaining({
        eventType: 'ESIGN_VERIFICATION_FAILURE',
        state: 'delivered',
        lastStatus: 200,
      }),
    ]);
  });
});
