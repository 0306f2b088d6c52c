import { describe, expect, it } from 'vitest';
import { passingSelfie } from '../../../src/providers/cashfree-simulator/test-images.js';
import { useTestApp } from '../../helpers/app.js';
import { fetchAadhaarFromDigilocker, randomAccount, waitForDecision } from '../../helpers/kyc.js';
import { captureFields, uploadSelfie } from '../../helpers/liveliness.js';
import { asStaff, staffMember } from '../../helpers/review.js';
import { caseAwaitingReview } from './cases.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

const REASONS = [
  'bank_account_unverified',
  'documents_unclear',
  'face_mismatch',
  'address_unverified',
  'suspected_fraud',
];

describe("the case view's last request for changes", () => {
  it('lists what the request asked and what the customer changed before submitting again', async () => {
    const applicant = await caseAwaitingReview(ctx);
    const { caseId } = applicant;
    const reviewer = await staffMember(ctx);
    const view = async () => {
      const response = await asStaff(ctx, reviewer)('GET', `/v1/review/cases/${caseId}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().data;
    };
    // Never asked for changes.
    expect((await view()).lastRequest).toBeNull();

    const decided = await asStaff(ctx, reviewer)('POST', `/v1/review/cases/${caseId}/decision`, {
      decision: 'request_changes',
      reasonCodes: REASONS,
      userMessage: 'Use an account in your own name, a clearer client master copy and a new selfie.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const asked = (await view()).lastRequest;
    expect(asked).toEqual({
      requestedAt: expect.any(String),
      resubmittedAt: null,
      reasons: [
        { reason: 'bank_account_unverified', part: 'bankDetails', changed: false },
        { reason: 'documents_unclear', part: 'dematDetails', changed: false },
        { reason: 'face_mismatch', part: 'selfie', changed: false },
        { reason: 'address_unverified', part: 'aadhaar', changed: false },
        { reason: 'suspected_fraud', part: null, changed: false },
      ],
    });

    // The customer changes the bank account only, and submits again.
    const profile = (await applicant.call('GET', '/v1/user/getDetails')).json().data;
    const saved = await applicant.call('PUT', '/v1/data/update_data', {
      bankDetails: [{ ...profile.bankDetails[0], _id: undefined, bankAccountNumber: randomAccount() }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await view()).lastRequest.reasons[0]).toMatchObject({ part: 'bankDetails', changed: true });

    // A demat account edited and then put back as it was is no change, to the reviewer or to the customer.
    const demat = profile.dematDetails[0];
    const otherClientId = String((Number(demat.clientID) + 1) % 1e8).padStart(8, '0');
    const edited = await applicant.call('PUT', '/v1/data/update_data', {
      dematDetails: [{ ...demat, clientID: otherClientId }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await view()).lastRequest.reasons[1]).toMatchObject({ part: 'dematDetails', changed: true });
    const putBack = await applicant.call('PUT', '/v1/data/update_data', { dematDetails: [demat] });
    expect(putBack.statusCode, putBack.body).toBe(200);
    expect((await view()).lastRequest.reasons[1]).toMatchObject({ part: 'dematDetails', changed: false });
    const waiting = (await applicant.call('GET', '/v1/kyc/status')).json().data.fixes;
    expect(waiting.slice(0, 2)).toEqual([
      { reason: 'bank_account_unverified', part: 'bankDetails', changed: true },
      { reason: 'documents_unclear', part: 'dematDetails', changed: false },
    ]);
    const again = await applicant.call('POST', '/v1/kyc/submit');
    expect(again.statusCode, again.body).toBe(200);
    expect((await waitForDecision(ctx.app, applicant.token)).status).toBe('needs_review');

    // A selfie and an Aadhaar after the resubmission are not what the customer sent in answer.
    const selfie = await uploadSelfie(
      ctx.app,
      applicant.token,
      await passingSelfie(applicant.selfieSeed),
      {},
      'selfie.jpg',
      await captureFields(ctx.app, applicant.token),
    );
    expect(selfie.statusCode, selfie.body).toBe(200);
    expect(selfie.json().data.status).toBe('SUCCESS');
    await fetchAadhaarFromDigilocker(ctx.app, applicant);

    const data = await view();
    expect(data.case.status).toBe('needs_review');
    const answered = data.lastRequest;
    expect(answered.requestedAt).toBe(asked.requestedAt);
    const resubmitted = data.history.find(
      (event: { fromStatus: string; toStatus: string }) =>
        event.fromStatus === 'action_required' && event.toStatus === 'submitted',
    );
    expect(answered.resubmittedAt).toBe(resubmitted.at);
    expect(Date.parse(answered.resubmittedAt)).toBeGreaterThan(Date.parse(answered.requestedAt));
    expect(answered.reasons).toEqual([
      { reason: 'bank_account_unverified', part: 'bankDetails', changed: true },
      { reason: 'documents_unclear', part: 'dematDetails', changed: false },
      { reason: 'face_mismatch', part: 'selfie', changed: false },
      { reason: 'address_unverified', part: 'aadhaar', changed: false },
      { reason: 'suspected_fraud', part: null, changed: false },
    ]);
    // The customer's own status asks for nothing now.
    expect((await applicant.call('GET', '/v1/kyc/status')).json().data.fixes).toEqual([]);
  }, 120_000);
});
