import { describe, expect, it } from 'vitest';
import { partOfReason, sectionsDiffering } from '../../../src/modules/kyc/fixes.js';
import { authed, useTestApp } from '../../helpers/app.js';
import { randomAccount } from '../../helpers/kyc.js';
import { promoteAndLogin } from '../../helpers/staff.js';
import { caseAwaitingReview } from '../review/cases.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

describe('where each reason is fixed', () => {
  it('follows the code, then the section it names; a person settles the rest', () => {
    expect(partOfReason('bank_account_unverified')).toBe('bankDetails');
    expect(partOfReason('documents_unclear')).toBe('dematDetails');
    expect(partOfReason('panDetails/pan_invalid')).toBe('panDetails');
    expect(partOfReason('addressDetails/something_new')).toBe('addressDetails');
    expect(partOfReason('face_no_face')).toBe('selfie');
    expect(partOfReason('address_unverified')).toBe('aadhaar');
    expect(partOfReason('suspected_fraud')).toBeNull();
    expect(partOfReason('provider_refused:x')).toBeNull();
  });
});

describe('which sections differ from the profile a case was judged on', () => {
  const copy = (id: string, sha256: string) => ({
    _id: id,
    contentType: 'application/pdf',
    size: 1000,
    sha256,
    url: `https://kyc.example.in/v1/documents/${id}?expires=${Date.now()}`,
  });
  const demat = (clientID: string, document: ReturnType<typeof copy>) => [
    {
      _id: `entry-${clientID}-${document._id}`,
      depository: 'CDSL',
      dpID: '12081600',
      clientID,
      primary: true,
      clientMasterCopy: document,
    },
  ];

  it('compares what the customer gave: not ids or signed links, but a document by its content', () => {
    const judged = { dematDetails: demat('00012345', copy('doc-1', 'aaa')), panDetails: { name: 'ASHA' } };
    // Saved again with the same values and the same file uploaded again: new ids and a new link only.
    expect(
      sectionsDiffering(judged, { ...judged, dematDetails: demat('00012345', copy('doc-2', 'aaa')) }),
    ).toEqual([]);
    expect(
      sectionsDiffering(judged, { ...judged, dematDetails: demat('00012345', copy('doc-3', 'bbb')) }),
    ).toEqual(['dematDetails']);
    expect(sectionsDiffering(judged, { ...judged, panDetails: { name: 'ASHA V' } })).toEqual(['panDetails']);
  });
});

describe('GET /v1/kyc/status while action_required', () => {
  it('says, per reason, where it is fixed and whether the customer changed it since the request', async () => {
    const applicant = await caseAwaitingReview(ctx);
    const { caseId } = applicant;
    const status = async () => (await applicant.call('GET', '/v1/kyc/status')).json().data;
    expect((await status()).fixes).toEqual([]);

    const reviewer = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const decided = await authed(ctx.app, reviewer.token, {
      method: 'POST',
      url: `/v1/review/cases/${caseId}/decision`,
      payload: {
        decision: 'request_changes',
        reasonCodes: ['bank_account_unverified', 'documents_unclear', 'suspected_fraud'],
        userMessage: 'Use an account in your own name and a clearer client master copy.',
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().data.fixes).toHaveLength(3);

    const before = await status();
    expect(before.status).toBe('action_required');
    expect(before.fixes).toEqual([
      { reason: 'bank_account_unverified', part: 'bankDetails', changed: false },
      { reason: 'documents_unclear', part: 'dematDetails', changed: false },
      { reason: 'suspected_fraud', part: null, changed: false },
    ]);

    // The customer fixes the bank account only: the demat reason is still to fix.
    const profile = (await applicant.call('GET', '/v1/user/getDetails')).json().data;
    const saved = await applicant.call('PUT', '/v1/data/update_data', {
      bankDetails: [{ ...profile.bankDetails[0], _id: undefined, bankAccountNumber: randomAccount() }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await status();
    expect(after.reasons).toEqual(before.reasons);
    expect(after.fixes).toEqual([
      { reason: 'bank_account_unverified', part: 'bankDetails', changed: true },
      { reason: 'documents_unclear', part: 'dematDetails', changed: false },
      { reason: 'suspected_fraud', part: null, changed: false },
    ]);

    // Submitting again clears them with the reasons.
    const again = await applicant.call('POST', '/v1/kyc/submit');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().data.fixes).toEqual([]);
  }, 120_000);
});
