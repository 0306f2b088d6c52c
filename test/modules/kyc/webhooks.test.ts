import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '../../../src/db/schema/index.js';
import { useTestApp } from '../../helpers/app.js';
import { readyApplicant, waitForDecision } from '../../helpers/kyc.js';
import { startReceiver } from '../webhooks/receiver.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
// Every third delivery fails once, so retries happen; the receiver must still see each event once.
let calls = 0;
const receiver = await startReceiver(() => (++calls % 3 === 0 ? 500 : 204));
const ctx = useTestApp({ JOBS_ENABLED: 'true', WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: secret });
afterAll(() => receiver.close());

describe('webhooks of a KYC case', () => {
  it('reach the host once per event id, signed so that standardwebhooks verifies them', async () => {
    const applicant = await readyApplicant(ctx.app);
    const submitted = (await applicant.call('POST', '/v1/kyc/submit')).json().data;
    await waitForDecision(ctx.app, applicant.token);

    const verifier = new Webhook(secret);
    const deadline = Date.now() + 30_000;
    const delivered = () => {
      const accepted = new Map<string, { type: string; data: { caseId: string } }>();
      receiver.received.forEach((request, index) => {
        if ((index + 1) % 3 === 0) return; // answered 500: not delivered
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([key, value]) => [key, String(value)]),
        );
        const event = verifier.verify(request.body, headers) as { type: string; data: { caseId: string } };
        accepted.set(headers['webhook-id']!, event);
      });
      return [...accepted.values()].filter((event) => event.data.caseId === submitted.caseId);
    };
    while (delivered().length < 9 && Date.now() < deadline) {
      // Retries wait 15-30 s; bring them forward instead of waiting, then run a delivery pass.
      await ctx.database.handle.db
        .update(webhookEvents)
        .set({ nextAttemptAt: new Date() })
        .where(eq(webhookEvents.status, 'pending'));
      await ctx.app.services.webhookDispatcher.dispatchDue(50);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const events = delivered();
    const types = events.map((event) => event.type).sort();
    expect(types).toEqual([
      'kyc.check.completed',
      'kyc.check.completed',
      'kyc.check.completed',
      'kyc.check.completed',
      'kyc.check.completed',
      'kyc.check.completed',
      'kyc.check.completed',
      'kyc.needs_review',
      'kyc.submitted',
    ]);
    const ids = receiver.received.map((request) => request.headers['webhook-id']);
    const successfulIds = ids.filter((_, index) => (index + 1) % 3 !== 0);
    expect(new Set(successfulIds).size).toBe(successfulIds.length);
    const applicantEmail = applicant.email;
    expect(receiver.received.some((request) => request.body.includes(applicantEmail))).toBe(false);
  }, 120_000);
});
