import { and, eq } from 'drizzle-orm';
import { staffAuditEvents } from '../../src/db/schema/index.js';
import type { TestContext } from './app.js';
import { authed } from './app.js';
import { readyApplicant, waitForDecision } from './kyc.js';
import { promoteAndLogin } from './staff.js';

/**
 * A submitted case waiting for a reviewer (the app must run jobs): no official identity was
 * fetched, so face_match and identity_match ask for review.
 */
export async function caseAwaitingReview(ctx: TestContext) {
  const applicant = await readyApplicant(ctx.app);
  await applicant.call('POST', '/v1/kyc/submit');
  const status = await waitForDecision(ctx.app, applicant.token);
  if (status.status !== 'needs_review') throw new Error(`expected needs_review: ${JSON.stringify(status)}`);
  const profile = (await applicant.call('GET', '/v1/user/getDetails')).json().data;
  return {
    applicant,
    caseId: status.caseId as string,
    account: profile.bankDetails[0].bankAccountNumber as string,
    clientId: profile.dematDetails[0].clientID as string,
  };
}

export type Staff = Awaited<ReturnType<typeof promoteAndLogin>>;

export const staffMember = (ctx: TestContext, role: 'reviewer' | 'admin' = 'reviewer') =>
  promoteAndLogin(ctx.app, ctx.database, role);

/** A JSON call to the review API as `staff`. */
export const asStaff =
  (ctx: TestContext, staff: { token: string }) =>
  (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    authed(ctx.app, staff.token, { method, url, ...(payload ? { payload } : {}) });

/** The audit log's entries about one case (or template), oldest first. */
export async function auditOf(ctx: TestContext, targetId: string, action?: string) {
  const rows = await ctx.database.handle.db
    .select()
    .from(staffAuditEvents)
    .where(
      and(eq(staffAuditEvents.targetId, targetId), action ? eq(staffAuditEvents.action, action) : undefined),
    )
    .orderBy(staffAuditEvents.createdAt);
  return rows;
}
