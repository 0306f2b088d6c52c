import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { kycEvents, panDetails, webhookEvents } from '../../../src/db/schema/index.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { verifyContacts } from '../../helpers/contacts.js';
import {
  fetchAadhaarFromDigilocker,
  randomPan,
  readyApplicant,
  sandboxProfile,
  waitForDecision,
} from '../../helpers/kyc.js';
import { promoteAndLogin } from '../../helpers/staff.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

async function reviewer(role: 'reviewer' | 'admin' = 'reviewer') {
  return (await promoteAndLogin(ctx.app, ctx.database, role)).token;
}

const outcomesOf = (status: { checks: Array<{ type: string; outcome: string }> }) =>
  Object.fromEntries(status.checks.map((check) => [check.type, check.outcome]));

describe('submitting', () => {
  it('refuses an incomplete profile, naming what is missing', async () => {
    const user = await registerAndLogin(ctx.app);
    await verifyContacts(ctx.app, user);
    const response = await authed(ctx.app, user.token, { method: 'POST', url: '/v1/kyc/submit' });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('kyc_incomplete');
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['/panDetails', '/bankDetails', '/selfie', '/consents/kyc_verification']),
    );
  });

  it('refuses staff on customer routes and customers on review routes', async () => {
    const staff = await reviewer();
    expect((await authed(ctx.app, staff, { method: 'POST', url: '/v1/kyc/submit' })).statusCode).toBe(403);
    const customer = await registerAndLogin(ctx.app);
    const list = await authed(ctx.app, customer.token, { method: 'GET', url: '/v1/review/cases' });
    expect(list.statusCode).toBe(403);
    expect(list.json().code).toBe('forbidden');
  });
});

describe('the automatic decision', () => {
  it('approves an applicant whose selfie matches the DigiLocker Aadhaar photo, with no human', async () => {
    const applicant = await readyApplicant(ctx.app);
    await fetchAadhaarFromDigilocker(ctx.app, applicant);
    await applicant.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, applicant.token);
    expect(outcomesOf(status)).toEqual({
      pan: 'pass',
      duplicate_pan: 'pass',
      bank_account: 'pass',
      ifsc: 'pass',
      liveliness: 'pass',
      face_match: 'pass',
      identity_match: 'pass',
    });
    expect(status).toMatchObject({ status: 'approved', reasons: [] });
  });

  it('sends an applicant without an official photo or address to review, locking edits meanwhile', async () => {
    const applicant = await readyApplicant(ctx.app);
    const submitted = await applicant.call('POST', '/v1/kyc/submit');
    expect(submitted.statusCode).toBe(200);
    expect(['verifying', 'needs_review']).toContain(submitted.json().data.status);
    const edit = await applicant.call('PUT', '/v1/data/update_data', {
      addressDetails: {
        permanentAddress: '99, Another Road, Pune',
        permanentCity: 'Pune',
        permanentPincode: '411001',
        permanentState: 'Maharashtra',
        permanentCountry: 'India',
      },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('kyc_locked');
    expect((await applicant.call('POST', '/v1/kyc/submit')).json().code).toBe('kyc_locked');

    const status = await waitForDecision(ctx.app, applicant.token);
    expect(status.status).toBe('needs_review');
    expect(outcomesOf(status)).toEqual({
      pan: 'pass',
      duplicate_pan: 'pass',
      bank_account: 'pass',
      ifsc: 'pass',
      liveliness: 'pass',
      face_match: 'review',
      identity_match: 'review',
    });
    expect(status.reasons).toEqual(
      expect.arrayContaining(['no_official_photo', 'no_official_identity', 'no_official_address']),
    );
    expect((await applicant.call('GET', '/v1/user/getDetails')).json().data.kycStatus).toBe('needs_review');
  });

  it('asks the applicant to fix a PAN that does not exist, then verifies the corrected resubmission', async () => {
    const applicant = await readyApplicant(ctx.app, {
      panDetails: {
        panNumber: 'DEFPV0126D',
        name: 'JOHN DOE',
        mobileNo: '9999999999',
        dateOfBirth: '1993-06-30',
        email: 'john.doe@example.com',
        iAm: 'Individual',
      },
    });
    await applicant.call('POST', '/v1/kyc/submit');
    const first = await waitForDecision(ctx.app, applicant.token);
    expect(first.status).toBe('action_required');
    expect(first.reasons).toEqual(['panDetails/pan_invalid']);

    const fixed = await applicant.call('PUT', '/v1/data/update_data', {
      panDetails: {
        panNumber: randomPan(),
        name: 'JOHN DOE',
        mobileNo: '9999999999',
        dateOfBirth: '1993-06-30',
        email: 'john.doe@example.com',
        iAm: 'Individual',
      },
    });
    expect(fixed.statusCode).toBe(200);
    const resubmitted = await applicant.call('POST', '/v1/kyc/submit');
    expect(resubmitted.statusCode).toBe(200);
    expect(resubmitted.json().data.caseId).toBe(first.caseId);
    const second = await waitForDecision(ctx.app, applicant.token);
    expect(outcomesOf(second).pan).toBe('pass');
    expect(second.status).toBe('needs_review');
  });

  it('sends a moderate name match at the bank to review, where a reviewer approves it', async () => {
    const profile = await sandboxProfile();
    const applicant = await readyApplicant(ctx.app, {
      panDetails: { ...profile.panDetails, name: 'J DOE' },
      bankDetails: [
        {
          bankName: 'Yes Bank',
          accountType: 'Saving',
          bankAccountNumber: '026291800001191',
          ifscCode: 'YESB0000262',
          primary: true,
        },
      ],
    });
    await applicant.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, applicant.token);
    expect(status.status).toBe('needs_review');
    expect(status.checks.find((check: { type: string }) => check.type === 'bank_account')).toMatchObject({
      outcome: 'review',
      reason: 'bank_name_partial_match',
    });

    const staff = await reviewer();
    const list = await authed(ctx.app, staff, {
      method: 'GET',
      url: '/v1/review/cases?status=needs_review&limit=50',
    });
    expect(list.statusCode).toBe(200);
    const summary = list.json().data.find((item: { caseId: string }) => item.caseId === status.caseId);
    expect(summary.panMasked).toMatch(/^XXXXX\d{4}X$/);
    expect(list.json().counts.needs_review).toBeGreaterThanOrEqual(1);
    // A page size outside 1-100 is refused, not silently clamped.
    for (const limit of ['0', '101', 'ten']) {
      const refused = await authed(ctx.app, staff, { method: 'GET', url: `/v1/review/cases?limit=${limit}` });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('/limit');
    }

    const view = await authed(ctx.app, staff, { method: 'GET', url: `/v1/review/cases/${status.caseId}` });
    expect(view.statusCode).toBe(200);
    expect(view.json().data.snapshot.profile.panDetails.name).toBe('J DOE');
    expect(view.json().data.documents.map((doc: { kind: string }) => doc.kind)).toContain('selfie');

    const decide = (token: string) =>
      authed(ctx.app, token, {
        method: 'POST',
        url: `/v1/review/cases/${status.caseId}/decision`,
        payload: {
          decision: 'approve',
          reasonCodes: ['verified_manually'],
          userMessage: 'Welcome aboard',
          internalNote: 'bank letter checked',
        },
      });
    const results = await Promise.all([decide(staff), decide(await reviewer())]);
    expect(results.map((result) => result.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((result) => result.statusCode === 409)!.json().code).toBe('case_already_decided');

    const after = (await applicant.call('GET', '/v1/kyc/status')).json().data;
    expect(after).toMatchObject({
      status: 'approved',
      reasons: ['verified_manually'],
      userMessage: 'Welcome aboard',
    });
    expect(JSON.stringify(after)).not.toContain('bank letter checked');
    const views = await ctx.database.handle.db
      .select()
      .from(kycEvents)
      .where(eq(kycEvents.caseId, status.caseId));
    expect(views.filter((event) => event.type === 'view')).toHaveLength(1);

    // Approved: the profile is locked until a re-KYC opens a new draft.
    expect(
      (await applicant.call('PUT', '/v1/data/update_data', { bankDetails: profile.bankDetails })).statusCode,
    ).toBe(409);
    const rekyc = await applicant.call('POST', '/v1/kyc/rekyc');
    expect(rekyc.json().data).toMatchObject({ status: 'draft' });
    expect(rekyc.json().data.caseId).not.toBe(status.caseId);
    expect(
      (await applicant.call('PUT', '/v1/data/update_data', { bankDetails: profile.bankDetails })).statusCode,
    ).toBe(200);
  });

  it('lets an admin, and only an admin, reopen a rejected case for another review', async () => {
    const applicant = await readyApplicant(ctx.app);
    await applicant.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, applicant.token);
    const staff = await reviewer();
    const rejected = await authed(ctx.app, staff, {
      method: 'POST',
      url: `/v1/review/cases/${status.caseId}/decision`,
      payload: {
        decision: 'reject',
        reasonCodes: ['suspected_fraud'],
        userMessage: 'We could not verify you',
      },
    });
    expect(rejected.json().data.status).toBe('rejected');
    expect(
      (
        await applicant.call('PUT', '/v1/data/update_data', {
          bankDetails: (await sandboxProfile()).bankDetails,
        })
      ).json().code,
    ).toBe('kyc_locked');
    const byReviewer = await authed(ctx.app, staff, {
      method: 'POST',
      url: `/v1/admin/kyc/cases/${status.caseId}/reopen`,
    });
    expect(byReviewer.statusCode).toBe(403);
    const admin = await reviewer('admin');
    const reopened = await authed(ctx.app, admin, {
      method: 'POST',
      url: `/v1/admin/kyc/cases/${status.caseId}/reopen`,
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().data.status).toBe('needs_review');
    const again = await authed(ctx.app, admin, {
      method: 'POST',
      url: `/v1/admin/kyc/cases/${status.caseId}/reopen`,
    });
    expect(again.json().code).toBe('case_not_rejected');
  });

  it('sends a PAN another account submitted before to review', async () => {
    const first = await readyApplicant(ctx.app);
    await first.call('POST', '/v1/kyc/submit');
    await waitForDecision(ctx.app, first.token);
    const pan = (await first.call('GET', '/v1/user/getDetails')).json().data.panDetails;
    // The first account moves its profile on (possible after re-KYC); its case keeps the PAN.
    const userId = (await first.call('GET', '/v1/user/getDetails')).json().data._id;
    await ctx.database.handle.db
      .update(panDetails)
      .set({ panBlindIndex: `moved-on-${userId}` })
      .where(eq(panDetails.userId, userId));
    const second = await readyApplicant(ctx.app, { panDetails: { ...pan } });
    await second.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, second.token);
    expect(status.status).toBe('needs_review');
    expect(status.checks.find((check: { type: string }) => check.type === 'duplicate_pan')).toMatchObject({
      outcome: 'review',
      reason: 'pan_used_by_another_account',
    });
  });

  it('writes a webhook to the outbox for every transition, without personal data', async () => {
    const applicant = await readyApplicant(ctx.app);
    const submitted = (await applicant.call('POST', '/v1/kyc/submit')).json().data;
    await waitForDecision(ctx.app, applicant.token);
    const events = await ctx.database.handle.db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.caseId, submitted.caseId));
    const types = events.map((event) => event.type);
    expect(types).toContain('kyc.submitted');
    expect(types).toContain('kyc.needs_review');
    expect(types.filter((type) => type === 'kyc.check.completed')).toHaveLength(7);
    const pan = (await applicant.call('GET', '/v1/user/getDetails')).json().data.panDetails.panNumber;
    expect(JSON.stringify(events.map((event) => event.payload))).not.toContain(pan);
  });
});
