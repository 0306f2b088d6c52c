import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, staffMfa } from '../../../src/db/schema/index.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { asStaff, auditOf, caseAwaitingReview, staffMember } from '../../helpers/review.js';
import type { Staff } from '../../helpers/review.js';
import { totpCode } from '../../helpers/staff.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

/** The staff member's sessions had their second factor checked 10 minutes ago: too long for a reveal. */
const ageSecondFactor = (staff: Staff) =>
  ctx.database.handle.db
    .update(sessions)
    .set({ secondFactorAt: sql`now() - interval '10 minutes'` })
    .where(eq(sessions.userId, staff.userId));

/** A step-up with the authenticator's code, after forgetting the code used at login (one per step). */
async function stepUp(staff: Staff) {
  await ctx.database.handle.db
    .update(staffMfa)
    .set({ lastUsedStep: null })
    .where(eq(staffMfa.userId, staff.userId));
  return asStaff(ctx, staff)('POST', '/v1/auth/mfa/step-up', { code: totpCode(staff.totpSecret!) });
}

const PAN_REASON = 'Comparing with the PAN card image the customer emailed';

describe('revealing a full identity number', () => {
  it('needs a recent second-factor check, then answers the value, audited and not cached', async () => {
    const { applicant, caseId, account } = await caseAwaitingReview(ctx);
    const reviewer = await staffMember(ctx);
    const call = asStaff(ctx, reviewer);
    await ageSecondFactor(reviewer);
    const reveal = (body: object) => call('POST', `/v1/review/cases/${caseId}/reveal`, body);

    const refused = await reveal({ field: 'panNumber', reason: PAN_REASON });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('second_factor_required');
    expect(await auditOf(ctx, caseId, 'case_revealed')).toHaveLength(0);

    const wrong = await call('POST', '/v1/auth/mfa/step-up', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_mfa_code');
    const stepped = await stepUp(reviewer);
    expect(stepped.statusCode).toBe(200);
    expect(Date.parse(stepped.json().data.validUntil) - Date.parse(stepped.json().data.secondFactorAt)).toBe(
      300_000,
    );

    const pan = await reveal({ field: 'panNumber', reason: PAN_REASON });
    expect(pan.statusCode).toBe(200);
    expect(pan.headers['cache-control']).toBe('no-store');
    expect(pan.json().data).toEqual({ field: 'panNumber', index: null, value: applicant.pan });
    const bank = await reveal({ field: 'bankAccountNumber', index: 0, reason: 'Bank letter shows it' });
    expect(bank.json().data).toEqual({ field: 'bankAccountNumber', index: 0, value: account });
    const demat = await reveal({ field: 'dematAccountNumber', reason: 'Matching the CMR copy' });
    expect(demat.json().data.value).toBe('1208160000012345');

    const audit = await auditOf(ctx, caseId, 'case_revealed');
    expect(audit.map((entry) => entry.details)).toEqual([
      { field: 'panNumber', index: null, reason: PAN_REASON },
      { field: 'bankAccountNumber', index: 0, reason: 'Bank letter shows it' },
      { field: 'dematAccountNumber', index: 0, reason: 'Matching the CMR copy' },
    ]);
    expect(audit[0]).toMatchObject({ actorId: reviewer.userId, actorRole: 'reviewer' });
    // The view still masks what was revealed.
    expect((await call('GET', `/v1/review/cases/${caseId}`)).body).not.toContain(applicant.pan);
  });

  it('refuses a bad field, index or reason, naming it', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    const reviewer = await staffMember(ctx);
    const reveal = (body: object) =>
      asStaff(ctx, reviewer)('POST', `/v1/review/cases/${caseId}/reveal`, body);
    const cases: Array<[object, string]> = [
      [{ field: 'bankAccountNumber', index: 3, reason: PAN_REASON }, '/index'],
      [{ field: 'panNumber', index: 1, reason: PAN_REASON }, '/index'],
      [{ field: 'panNumber', reason: 'short' }, '/reason'],
      [{ field: 'panNumber', reason: '          x' }, '/reason'],
      [{ field: 'aadhaarNumber', reason: PAN_REASON }, '/field'],
    ];
    for (const [body, field] of cases) {
      const response = await reveal(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().errors[0].field).toBe(field);
    }
    expect(await auditOf(ctx, caseId, 'case_revealed')).toHaveLength(0);
  });

  it('lets only an admin reveal a value of a case that is not awaiting review', async () => {
    const { applicant, caseId } = await caseAwaitingReview(ctx);
    const reviewer = await staffMember(ctx);
    await asStaff(ctx, reviewer)('POST', `/v1/review/cases/${caseId}/decision`, {
      decision: 'reject',
      reasonCodes: ['suspected_fraud'],
      userMessage: 'We could not verify you.',
    });
    const body = { field: 'panNumber', reason: PAN_REASON };
    const byReviewer = await asStaff(ctx, reviewer)('POST', `/v1/review/cases/${caseId}/reveal`, body);
    expect(byReviewer.statusCode).toBe(409);
    expect(byReviewer.json().code).toBe('case_read_only');
    const admin = await staffMember(ctx, 'admin');
    const byAdmin = await asStaff(ctx, admin)('POST', `/v1/review/cases/${caseId}/reveal`, body);
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json().data.value).toBe(applicant.pan);
  });

  it('steps up with a recovery code once, and shares the attempt limit of the login', async () => {
    const reviewer = await staffMember(ctx);
    const call = asStaff(ctx, reviewer);
    const code = reviewer.recoveryCodes![0]!;
    expect((await call('POST', '/v1/auth/mfa/step-up', { code })).statusCode).toBe(200);
    expect((await call('POST', '/v1/auth/mfa/step-up', { code })).json().code).toBe('invalid_mfa_code');
    const malformed = await call('POST', '/v1/auth/mfa/step-up', { code: '12' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('/code');
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++)
      answers.push((await call('POST', '/v1/auth/mfa/step-up', { code: '000000' })).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 429]);
    expect((await stepUp(reviewer)).statusCode).toBe(429);
  });

  it('has no step-up for customers', async () => {
    const customer = await registerAndLogin(ctx.app);
    const response = await authed(ctx.app, customer.token, {
      method: 'POST',
      url: '/v1/auth/mfa/step-up',
      payload: { code: '123456' },
    });
    expect(response.statusCode).toBe(403);
  });
});
