import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../../src/providers/cashfree-simulator/index.js';
import {
  fetchAadhaarFromDigilocker,
  readyApplicant,
  sandboxProfile,
  waitForDecision,
} from '../../helpers/kyc.js';
import { authed, useTestApp } from '../../helpers/app.js';
import { promoteAndLogin } from '../../helpers/staff.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

const identityCheck = (status: { checks: Array<{ type: string }> }) =>
  status.checks.find((check) => check.type === 'identity_match');

describe('identity_match', () => {
  it('approves the sandbox PAN holder with their own Aadhaar, with no human', async () => {
    const profile = await sandboxProfile();
    const applicant = await readyApplicant(ctx.app, {
      panDetails: { ...profile.panDetails, panNumber: 'ABCPV1234D' },
    });
    // No helper help with the Aadhaar number: the persona's own is the one PAN 360 links to ABCPV1234D.
    expect(PERSONAS.get('sandbox_pan_holder')!.digilocker.aadhaar['uid']).toBe('xxxxxxxx1034');
    await fetchAadhaarFromDigilocker(ctx.app, applicant, { linkedToPan: false });
    await applicant.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, applicant.token);
    expect(identityCheck(status)).toMatchObject({ outcome: 'pass', reason: null });
    expect(status).toMatchObject({ status: 'approved', reasons: [] });
  });

  it("sends a PAN with someone else's Aadhaar to review with an identity reason per field, even when the photos match", async () => {
    const applicant = await readyApplicant(ctx.app);
    await fetchAadhaarFromDigilocker(ctx.app, applicant, { persona: 'someone_else', linkedToPan: false });
    await applicant.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, applicant.token);
    expect(status.status).toBe('needs_review');
    expect(identityCheck(status)).toMatchObject({ outcome: 'review', reason: 'identity_name_mismatch' });
    expect(status.checks.find((check: { type: string }) => check.type === 'face_match').outcome).toBe('pass');
    expect(status.reasons).toEqual(
      expect.arrayContaining([
        'identity_name_mismatch',
        'identity_dob_mismatch',
        'identity_aadhaar_mismatch',
        'identity_gender_mismatch',
        'identity_address_mismatch',
      ]),
    );

    // The reviewer sees the official identity beside the submitted one, field by field.
    const { token: staff } = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const view = (
      await authed(ctx.app, staff, { method: 'GET', url: `/v1/review/cases/${status.caseId}` })
    ).json().data;
    expect(view.official.identity).toMatchObject({
      source: 'digilocker',
      name: 'Priya Raman Iyer',
      dateOfBirth: '1988-08-14',
      gender: 'Female',
      aadhaarLast4: '5521',
      addressDetails: { permanentCity: 'Chennai', permanentPincode: '600004', permanentState: 'Tamil Nadu' },
    });
    expect(view.official.identity.photoUrl).toMatch(/^http:\/\/localhost:\d+\/v1\/documents\//);
    const agreement = Object.fromEntries(
      view.official.fields.map((field: { field: string; agreement: string }) => [
        field.field,
        field.agreement,
      ]),
    );
    expect(agreement).toEqual({
      name: 'differs',
      dateOfBirth: 'differs',
      gender: 'differs',
      aadhaarLast4: 'differs',
      address: 'differs',
    });
    expect(view.official.fields[0]).toMatchObject({ submitted: 'JOHN DOE', official: 'Priya Raman Iyer' });
    expect(view.official.face).toMatchObject({
      outcome: 'pass',
      officialPhotoUrl: view.official.identity.photoUrl,
    });
    expect(view.official.face.score).toBeGreaterThan(0.75);
    expect(view.official.face.selfieUrl).toMatch(/^http:\/\/localhost:\d+\/v1\/documents\//);

    // Its own verification ids, one per paid call, each sent once: a resumed job reuses them.
    const check = view.checks.find((entry: { type: string }) => entry.type === 'identity_match');
    const [nameMatchId, pan360Id] = check.verificationId.split(' ');
    expect(nameMatchId).toMatch(/^nm/);
    expect(pan360Id).toMatch(/^pan360/);
    const sent = (path: string, id: string) =>
      ctx.app.provider.simulator!.state.callsTo(path).filter((call) => call.verificationId === id);
    expect(sent('/name-match', nameMatchId)).toHaveLength(1);
    expect(sent('/pan/advance', pan360Id)).toHaveLength(1);

    const rejected = await authed(ctx.app, staff, {
      method: 'POST',
      url: `/v1/review/cases/${status.caseId}/decision`,
      payload: {
        decision: 'reject',
        reasonCodes: ['identity_mismatch'],
        userMessage: 'We could not verify your identity.',
      },
    });
    expect(rejected.statusCode).toBe(200);
    expect((await applicant.call('GET', '/v1/kyc/status')).json().data).toMatchObject({
      status: 'rejected',
      reasons: ['identity_mismatch'],
    });
  });

  it('sends an Aadhaar with a year of birth only to review on that alone', async () => {
    const applicant = await readyApplicant(ctx.app);
    await fetchAadhaarFromDigilocker(ctx.app, applicant, { persona: 'year_only_dob' });
    await applicant.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, applicant.token);
    expect(status).toMatchObject({ status: 'needs_review', reasons: ['identity_dob_year_only'] });
  });

  it('sends a permanent address that is not the Aadhaar address to review', async () => {
    const applicant = await readyApplicant(ctx.app, {
      addressDetails: {
        permanentAddress: '99, Fergusson College Road, Shivajinagar',
        permanentCity: 'Pune',
        permanentPincode: '411004',
        permanentState: 'Maharashtra',
        permanentCountry: 'India',
      },
    });
    await fetchAadhaarFromDigilocker(ctx.app, applicant);
    await applicant.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, applicant.token);
    expect(status).toMatchObject({ status: 'needs_review', reasons: ['identity_address_mismatch'] });
  });

  it('never counts an AADHAAR_NOT_LINKED answer as an official identity', async () => {
    const applicant = await readyApplicant(ctx.app);
    await applicant.call('POST', '/v1/consents', { purpose: 'digilocker_fetch', noticeVersion: '2026-11' });
    const { url } = (await applicant.call('POST', '/v1/digilocker/session')).json().data;
    const consent = await fetch(`${url}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'aadhaar_not_linked' }),
    });
    expect(consent.status).toBe(200);
    expect((await applicant.call('GET', '/v1/digilocker/status')).json().data.status).toBe('not_available');
    await applicant.call('POST', '/v1/kyc/submit');
    const status = await waitForDecision(ctx.app, applicant.token);
    expect(status.status).toBe('needs_review');
    expect(identityCheck(status)).toMatchObject({ outcome: 'review', reason: 'no_official_identity' });
    expect(status.reasons).toEqual(
      expect.arrayContaining(['no_official_identity', 'no_official_photo', 'no_official_address']),
    );

    const { token: staff } = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const view = (
      await authed(ctx.app, staff, { method: 'GET', url: `/v1/review/cases/${status.caseId}` })
    ).json().data;
    expect(view.official).toMatchObject({
      identity: null,
      digilocker: { status: 'not_available', documentStatus: 'AADHAAR_NOT_LINKED' },
    });
  });
});
