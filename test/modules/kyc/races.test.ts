import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { kycCases } from '../../../src/db/schema/index.js';
import { useTestApp } from '../../helpers/app.js';
import { readyApplicant } from '../../helpers/kyc.js';

// Submit and re-KYC of one user at once: both take the user's row lock, and at most one case per
// user is open (a unique index), so exactly one of the racing requests opens a case.
const ctx = useTestApp();

const userIdOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

const casesOf = (userId: string) =>
  ctx.database.handle.db.select().from(kycCases).where(eq(kycCases.userId, userId));

describe('KYC requests of one user at once', () => {
  it('submits once when the same applicant submits six times at once', async () => {
    const applicant = await readyApplicant(ctx.app);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => applicant.call('POST', '/v1/kyc/submit')),
    );

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.json().code).toBe('kyc_locked');
    }
    const cases = await casesOf(userIdOf(applicant.token));
    expect(cases.map((row) => row.status)).toEqual(['verifying']);
  });

  it('opens one re-KYC draft when it is asked for six times at once', async () => {
    const applicant = await readyApplicant(ctx.app);
    expect((await applicant.call('POST', '/v1/kyc/submit')).statusCode).toBe(200);
    const userId = userIdOf(applicant.token);
    // The checks run as background jobs, which this app does not start: decided here instead.
    await ctx.database.handle.db
      .update(kycCases)
      .set({ status: 'approved' })
      .where(eq(kycCases.userId, userId));

    const responses = await Promise.all(
      Array.from({ length: 6 }, () => applicant.call('POST', '/v1/kyc/rekyc')),
    );

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.json().code).toBe('kyc_not_approved');
    }
    const cases = await casesOf(userId);
    expect(cases.map((row) => row.status).sort()).toEqual(['approved', 'draft']);
  });
});
