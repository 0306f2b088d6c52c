import { eq } from 'drizzle-orm';
import { kycCases } from '../../../src/db/schema/index.js';
import type { TestContext } from '../../helpers/app.js';
import { readyApplicant, waitForDecision } from '../../helpers/kyc.js';

/**
 * A customer whose submitted case awaits review: the sandbox applicant has no official photo or
 * address, so the checks send the case to needs_review.
 */
export async function caseAwaitingReview(ctx: TestContext, profileOverrides: Record<string, unknown> = {}) {
  const applicant = await readyApplicant(ctx.app, profileOverrides);
  const submitted = await applicant.call('POST', '/v1/kyc/submit');
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  const status = await waitForDecision(ctx.app, applicant.token);
  if (status.status !== 'needs_review') throw new Error(`expected needs_review: ${JSON.stringify(status)}`);
  const userId: string = (await applicant.call('GET', '/v1/user/getDetails')).json().data._id;
  return { ...applicant, userId, caseId: status.caseId as string, number: status.number as number };
}

/** Moves the case's submission time, as if it had been submitted then (ages and SLA without waiting). */
export async function submittedAt(ctx: TestContext, caseId: string, at: Date) {
  await ctx.database.handle.db.update(kycCases).set({ submittedAt: at }).where(eq(kycCases.id, caseId));
}
