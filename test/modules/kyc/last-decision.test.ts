import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { webhookEvents } from '../../../src/db/schema/index.js';
import { authed, useTestApp } from '../../helpers/app.js';
import { fetchAadhaarFromDigilocker, readyApplicant, waitForDecision } from '../../helpers/kyc.js';
import { promoteAndLogin } from '../../helpers/staff.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

const eventsOf = (userId: string, type: string) =>
  ctx.database.handle.db
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.userId, userId), eq(webhookEvents.type, type)));

async function hostCall(url: string, scopes: Array<'users:read' | 'cases:read'>) {
  const { key } = await ctx.app.services.apiKeys.create({ name: 'host', scopes });
  return ctx.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
}

describe('the last decision, apart from the case in progress', () => {
  it('keeps an approved customer approved after they start a re-KYC', async () => {
    const applicant = await readyApplicant(ctx.app);
    await fetchAadhaarFromDigilocker(ctx.app, applicant);
    await applicant.call('POST', '/v1/kyc/submit');
    const approved = await waitForDecision(ctx.app, applicant.token);
    expect(approved.status).toBe('approved');
    // With e-sign turned off (the tests' default), approval is the end: nothing is left to sign.
    const esign = (await applicant.call('GET', '/v1/kyc/esign')).json().data;
    expect(esign).toMatchObject({ status: 'approved', required: false, signingLink: null });
    const before = (await applicant.call('GET', '/v1/user/getDetails')).json().data;
    expect(before).toMatchObject({ kycStatus: 'approved', verifiedStatus: 'approved' });
    expect(Date.parse(before.verifiedAt)).not.toBeNaN();

    expect((await applicant.call('POST', '/v1/kyc/rekyc')).statusCode).toBe(200);
    const details = (await applicant.call('GET', '/v1/user/getDetails')).json().data;
    expect(details).toMatchObject({
      kycStatus: 'draft',
      verifiedStatus: 'approved',
      verifiedAt: before.verifiedAt,
    });
    // getDetails' whole `data` can still be sent back to update_data.
    const echoed = await applicant.call('PUT', '/v1/data/update_data', {
      ...details,
      userImage: undefined,
      dematDetails: undefined,
    });
    expect(echoed.statusCode, echoed.body).toBe(200);

    const userId = details._id as string;
    const lookup = await hostCall(`/v1/integration/users/${userId}`, ['users:read']);
    expect(lookup.json().data).toMatchObject({
      kycStatus: 'draft',
      verifiedStatus: 'approved',
      verifiedAt: before.verifiedAt,
    });
    const kyc = await hostCall(`/v1/integration/users/${userId}/kyc`, ['cases:read']);
    expect(kyc.statusCode).toBe(200);
    expect(kyc.json().data).toMatchObject({
      status: 'draft',
      submittedAt: null,
      decidedAt: null,
      verifiedStatus: 'approved',
      verifiedAt: before.verifiedAt,
    });

    const [approvedEvent] = await eventsOf(userId, 'kyc.approved');
    expect(approvedEvent!.payload.data).toMatchObject({ status: 'approved', verifiedStatus: 'approved' });
    const [started] = await eventsOf(userId, 'kyc.rekyc_started');
    expect(started!.payload.data).toMatchObject({
      status: 'draft',
      previousCaseId: approved.caseId,
      verifiedStatus: 'approved',
      verifiedAt: before.verifiedAt,
    });
    expect(started!.caseId).not.toBe(approved.caseId);
  }, 120_000);

  it('announces a reopened case, whose rejection no longer stands', async () => {
    const applicant = await readyApplicant(ctx.app);
    await applicant.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, applicant.token);
    expect(status.status).toBe('needs_review');
    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const rejected = await authed(ctx.app, reviewer.token, {
      method: 'POST',
      url: `/v1/review/cases/${status.caseId}/decision`,
      payload: {
        decision: 'reject',
        reasonCodes: ['suspected_fraud'],
        userMessage: 'We could not verify you',
        internalNote: 'documents do not match',
      },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const userId = (await applicant.call('GET', '/v1/user/getDetails')).json().data._id as string;
    expect((await applicant.call('GET', '/v1/user/getDetails')).json().data).toMatchObject({
      kycStatus: 'rejected',
      verifiedStatus: 'rejected',
    });
    const [rejectedEvent] = await eventsOf(userId, 'kyc.rejected');
    expect(rejectedEvent!.payload.data).toMatchObject({ verifiedStatus: 'rejected' });

    const admin = await promoteAndLogin(ctx.app, ctx.database, 'admin');
    const reopened = await authed(ctx.app, admin.token, {
      method: 'POST',
      url: `/v1/admin/kyc/cases/${status.caseId}/reopen`,
    });
    expect(reopened.statusCode).toBe(200);
    const [event] = await eventsOf(userId, 'kyc.case_reopened');
    expect(event!.caseId).toBe(status.caseId);
    expect(event!.payload.data).toMatchObject({
      status: 'needs_review',
      reasons: ['suspected_fraud'],
      verifiedStatus: null,
      verifiedAt: null,
    });
    expect((await applicant.call('GET', '/v1/user/getDetails')).json().data).toMatchObject({
      kycStatus: 'needs_review',
      verifiedStatus: null,
    });
  }, 120_000);

  it('announces a withdrawn consent, with the purpose and no personal data', async () => {
    const applicant = await readyApplicant(ctx.app);
    const userId = (await applicant.call('GET', '/v1/user/getDetails')).json().data._id as string;
    const withdrawn = await applicant.call('DELETE', '/v1/consents/kyc_verification');
    expect(withdrawn.statusCode).toBe(200);
    const events = await eventsOf(userId, 'consent.withdrawn');
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      type: 'consent.withdrawn',
      data: {
        userId,
        externalId: null,
        consentId: withdrawn.json().data._id,
        purpose: 'kyc_verification',
        withdrawnAt: withdrawn.json().data.withdrawnAt,
      },
    });
    expect(JSON.stringify(events[0]!.payload)).not.toContain(applicant.email);
    // Nothing to withdraw: no event.
    expect((await applicant.call('DELETE', '/v1/consents/kyc_verification')).statusCode).toBe(404);
    expect(await eventsOf(userId, 'consent.withdrawn')).toHaveLength(1);
  });
});
