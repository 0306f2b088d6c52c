import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { webhookEvents } from '../../../src/db/schema/index.js';
import { useTestApp } from '../../helpers/app.js';
import { deliverCashfreeWebhook } from '../../helpers/cashfree-webhook.js';
import { pendingSignature, simulatorPost, waitForEsign } from '../../helpers/esign.js';
import { fetchAadhaarFromDigilocker, readyApplicant, waitForDecision } from '../../helpers/kyc.js';
import { pdfText } from '../../helpers/pdf.js';
import { asStaff, auditOf, caseAwaitingReview, staffMember } from '../../helpers/review.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true', ESIGN_ENABLED: 'true', PUBLIC_URL: 'https://kyc.example.in' });

const eventTypes = async (userId: string) =>
  (
    await ctx.database.handle.db
      .select({ type: webhookEvents.type })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.userId, userId)))
  ).map((row) => row.type);

describe('the account opening form and its Aadhaar e-sign', () => {
  it('sends an automatically approved case for e-sign and completes it when the customer signs', async () => {
    const applicant = await readyApplicant(ctx.app);
    await fetchAadhaarFromDigilocker(ctx.app, applicant);
    await applicant.call('POST', '/v1/kyc/submit');
    expect(['approved', 'esign_pending']).toContain((await waitForDecision(ctx.app, applicant.token)).status);

    const pending = await waitForEsign(applicant, ['approved']);
    expect(pending).toMatchObject({ status: 'esign_pending', required: true, signedAt: null });
    expect(pending.signingLink).toMatch(/\/simulator\/esign\/es/);
    const details = (await applicant.call('GET', '/v1/user/getDetails')).json().data;
    expect(details).toMatchObject({ kycStatus: 'esign_pending', verifiedStatus: 'approved' });
    expect((await applicant.call('GET', '/v1/kyc/account-opening-form')).statusCode).toBe(404);
    // No re-KYC before the form is signed: the signing link stays the customer's.
    const early = await applicant.call('POST', '/v1/kyc/rekyc');
    expect([early.statusCode, early.json().code]).toEqual([409, 'kyc_locked']);
    expect((await applicant.call('GET', '/v1/kyc/esign')).json().data).toMatchObject({
      status: 'esign_pending',
      signingLink: pending.signingLink,
    });

    // The form as sent, for a reviewer (audited): every section, masked identity numbers, the evidence.
    const reviewer = await staffMember(ctx);
    const form = await asStaff(ctx, reviewer)(
      'GET',
      `/v1/review/cases/${pending.caseId}/account-opening-form`,
    );
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(form.rawPayload);
    for (const heading of [
      'Account opening form',
      'PAN details',
      'Personal details',
      'Address',
      'Bank accounts',
      'Demat accounts',
      'Verification evidence',
      'Case history',
      'Signature of the applicant',
    ])
      expect(text).toContain(heading);
    expect(text).toContain(`XXXXX${applicant.pan.slice(5, 9)}X`);
    expect(text).not.toContain(applicant.pan);
    const account = details.bankDetails[0].bankAccountNumber as string;
    expect(text).toContain(account.slice(-4));
    expect(text).not.toContain(account);
    expect(text).not.toContain(details.dematDetails[0].clientID);
    expect(text).toMatch(/face_match|Face match/);
    expect(await auditOf(ctx, pending.caseId, 'case_form_downloaded')).toHaveLength(1);

    // The customer signs on the (simulated) Cashfree page and comes back to the onboarding app.
    const page = await fetch(pending.signingLink, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<form method="post"');
    const signed = await simulatorPost(`${pending.signingLink}/sign`);
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe('https://kyc.example.in/onboard/status?esign=return');
    const completed = (await applicant.call('GET', '/v1/kyc/esign')).json().data;
    expect(completed).toMatchObject({ status: 'completed', signingLink: null });
    expect(Date.parse(completed.signedAt)).not.toBeNaN();
    expect((await applicant.call('GET', '/v1/user/getDetails')).json().data).toMatchObject({
      kycStatus: 'completed',
      verifiedStatus: 'approved',
    });

    const download = await applicant.call('GET', '/v1/kyc/account-opening-form');
    expect(download.statusCode).toBe(200);
    const signedText = await pdfText(download.rawPayload);
    expect(signedText).toContain('Digitally signed by');
    expect(signedText).not.toContain(applicant.pan);

    // The host's backend: with `documents:read`, not with `cases:read` alone.
    const userId = details._id as string;
    const url = `/v1/integration/users/${userId}/account-opening-form`;
    const withScope = await ctx.app.services.apiKeys.create({ name: 'docs', scopes: ['documents:read'] });
    const hostDownload = await ctx.app.inject({
      method: 'GET',
      url,
      headers: { 'x-api-key': withScope.key },
    });
    expect(hostDownload.statusCode).toBe(200);
    expect(hostDownload.rawPayload.equals(download.rawPayload)).toBe(true);
    const casesOnly = await ctx.app.services.apiKeys.create({ name: 'cases', scopes: ['cases:read'] });
    const refused = await ctx.app.inject({ method: 'GET', url, headers: { 'x-api-key': casesOnly.key } });
    expect(refused.statusCode).toBe(403);

    const reviewerCopy = await asStaff(ctx, reviewer)(
      'GET',
      `/v1/review/cases/${pending.caseId}/account-opening-form`,
    );
    expect(reviewerCopy.rawPayload.equals(download.rawPayload)).toBe(true);
    expect(await auditOf(ctx, pending.caseId, 'case_form_downloaded')).toHaveLength(2);

    expect(await eventTypes(userId)).toEqual(
      expect.arrayContaining(['kyc.approved', 'kyc.esign_pending', 'kyc.completed']),
    );
    // Signed: nothing to re-send.
    expect((await applicant.call('POST', '/v1/kyc/esign/resend')).json().code).toBe('case_already_decided');
    // Signed: a re-KYC may start.
    const rekyc = await applicant.call('POST', '/v1/kyc/rekyc');
    expect(rekyc.statusCode, rekyc.body).toBe(200);
    expect(rekyc.json().data.status).toBe('draft');
  });

  it('expires an unsigned request, and the customer or a reviewer sends a new one', async () => {
    const { applicant, caseId } = await caseAwaitingReview(ctx);
    const reviewer = await staffMember(ctx);
    const staff = asStaff(ctx, reviewer);
    // Not approved yet: nothing to sign, nothing to re-send.
    expect((await applicant.call('POST', '/v1/kyc/esign/resend')).json().code).toBe('kyc_not_approved');
    const decided = await staff('POST', `/v1/review/cases/${caseId}/decision`, {
      decision: 'approve',
      reasonCodes: ['verified_manually'],
      internalNote: 'Video call: face matches the PAN card.',
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const first = await waitForEsign(applicant, ['approved']);
    expect(first.status).toBe('esign_pending');
    const expired = await simulatorPost(`${first.signingLink}/expire`);
    expect(((await expired.json()) as { status: string }).status).toBe('EXPIRED');
    expect(await waitForEsign(applicant, ['esign_pending'])).toMatchObject({
      status: 'esign_expired',
      signingLink: null,
    });
    const userId = (await applicant.call('GET', '/v1/user/getDetails')).json().data._id as string;
    expect(await eventTypes(userId)).toContain('kyc.esign_expired');
    expect((await applicant.call('POST', '/v1/kyc/rekyc')).json().code).toBe('kyc_locked');

    const resent = await applicant.call('POST', '/v1/kyc/esign/resend');
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json().data.status).toBe('esign_pending');
    expect(resent.json().data.signingLink).not.toBe(first.signingLink);

    await simulatorPost(`${resent.json().data.signingLink}/expire`);
    expect((await applicant.call('GET', '/v1/kyc/esign')).json().data.status).toBe('esign_expired');
    const byReviewer = await staff('POST', `/v1/review/cases/${caseId}/esign/resend`);
    expect(byReviewer.statusCode, byReviewer.body).toBe(200);
    expect(byReviewer.json().data.status).toBe('esign_pending');
    expect(await auditOf(ctx, caseId, 'case_esign_resent')).toHaveLength(1);
    const pendingEvents = (await eventTypes(userId)).filter((type) => type === 'kyc.esign_pending');
    expect(pendingEvents).toHaveLength(3);
  });

  it("settles the case as soon as Cashfree's e-sign webhook arrives, after looking the request up", async () => {
    const { applicant, pending, verificationId } = await pendingSignature(ctx);
    // getDetails reads the case as stored: it does not look at Cashfree the way GET /v1/kyc/esign does.
    const kycStatus = async () =>
      (await applicant.call('GET', '/v1/user/getDetails')).json().data.kycStatus as string;
    // Cashfree stamps each delivery: two events about one request are two bodies, not a repeat.
    let sent = 0;
    const event = (type: string, status: string) =>
      deliverCashfreeWebhook(
        ctx.app,
        JSON.stringify({
          event_type: type,
          event_time: new Date(Date.now() + sent++ * 1000).toISOString(),
          data: { verification_id: verificationId, status },
        }),
      );

    // The webhook is not believed on its own: Cashfree still says IN_PROGRESS, so nothing changes.
    expect((await event('E_SIGN_VERIFICATION_SUCCESS', 'SUCCESS')).statusCode).toBe(200);
    expect(await kycStatus()).toBe('esign_pending');

    expect((await simulatorPost(`${pending.signingLink}/sign`)).status).toBe(303);
    expect(await kycStatus()).toBe('esign_pending');
    const delivered = await event('E_SIGN_VERIFICATION_SUCCESS', 'SUCCESS');
    expect(delivered.json()).toEqual({ received: true, duplicate: false });
    expect(await kycStatus()).toBe('completed');
    const userId = (await applicant.call('GET', '/v1/user/getDetails')).json().data._id as string;
    expect(await eventTypes(userId)).toContain('kyc.completed');
    expect((await applicant.call('GET', '/v1/kyc/account-opening-form')).statusCode).toBe(200);

    // Events for requests Pehchan does not know, or no longer waits on, are acknowledged and change nothing.
    expect((await event('E_SIGN_VERIFICATION_EXPIRED', 'EXPIRED')).statusCode).toBe(200);
    const unknown = await deliverCashfreeWebhook(
      ctx.app,
      JSON.stringify({ event_type: 'E_SIGN_VERIFICATION_FAILURE', data: { verification_id: 'es_unknown' } }),
    );
    expect(unknown.statusCode).toBe(200);
    expect(await kycStatus()).toBe('completed');
  });

  it("moves the case to esign_expired when Cashfree's webhook says the link expired (sample payloads' ESIGN_ spelling)", async () => {
    const { applicant, pending, verificationId } = await pendingSignature(ctx);
    await simulatorPost(`${pending.signingLink}/expire`);
    const delivered = await deliverCashfreeWebhook(
      ctx.app,
      JSON.stringify({
        event_type: 'ESIGN_VERIFICATION_EXPIRED',
        data: { verification_id: verificationId, status: 'EXPIRED' },
      }),
    );
    expect(delivered.statusCode).toBe(200);
    expect((await applicant.call('GET', '/v1/user/getDetails')).json().data.kycStatus).toBe('esign_expired');
    expect((await applicant.call('GET', '/v1/kyc/esign')).json().data).toMatchObject({
      status: 'esign_expired',
      signingFailed: false,
    });
  });
});
