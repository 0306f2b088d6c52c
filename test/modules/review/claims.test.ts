import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { kycCases, staffAuditEvents } from '../../../src/db/schema/index.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { promoteAndLogin } from '../../helpers/staff.js';
import { caseAwaitingReview } from './cases.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

type Staff = Awaited<ReturnType<typeof promoteAndLogin>>;
let first: Staff;
let second: Staff;
let admin: Staff;

beforeAll(async () => {
  first = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
  second = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
  admin = await promoteAndLogin(ctx.app, ctx.database, 'admin');
}, 60_000);

const post = (who: { token: string }, caseId: string, action: string, payload?: object) =>
  authed(ctx.app, who.token, {
    method: 'POST',
    url: `/v1/review/cases/${caseId}/${action}`,
    ...(payload ? { payload } : {}),
  });

const decide = (who: { token: string }, caseId: string) =>
  post(who, caseId, 'decision', {
    decision: 'approve',
    reasonCodes: ['verified_manually'],
    userMessage: 'Welcome aboard',
  });

const auditOf = (caseId: string) =>
  ctx.database.handle.db
    .select()
    .from(staffAuditEvents)
    .where(and(eq(staffAuditEvents.targetType, 'case'), eq(staffAuditEvents.targetId, caseId)))
    .orderBy(staffAuditEvents.createdAt, staffAuditEvents.id);

const holderOf = async (caseId: string) =>
  (
    await ctx.database.handle.db
      .select({ assignedTo: kycCases.assignedTo })
      .from(kycCases)
      .where(eq(kycCases.id, caseId))
  )[0]!.assignedTo;

describe('claiming a case', () => {
  it('holds the case for the reviewer: others cannot claim, release or decide it; the holder releases it', async () => {
    const { caseId } = await caseAwaitingReview(ctx);

    const claimed = await post(first, caseId, 'claim');
    expect(claimed.statusCode).toBe(200);
    const { data } = claimed.json();
    expect(data).toMatchObject({ caseId, assignee: { id: first.userId, name: 'Asha Verma' } });
    expect(Date.parse(data.assignedAt)).not.toBeNaN();

    // Claiming your own case again changes nothing, and is not audited again.
    const again = await post(first, caseId, 'claim');
    expect(again.statusCode).toBe(200);
    expect(again.json().data).toEqual(data);

    const taken = await post(second, caseId, 'claim');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('case_claimed');
    const releasedByOther = await post(second, caseId, 'release');
    expect(releasedByOther.statusCode).toBe(409);
    expect(releasedByOther.json().code).toBe('case_claimed');

    // Nobody but the holder decides it, admins included (they assign it first).
    for (const other of [second, admin]) {
      const refused = await decide(other, caseId);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('case_claimed_by_other');
    }
    expect(await holderOf(caseId)).toBe(first.userId);
    const status = await authed(ctx.app, first.token, { method: 'GET', url: `/v1/review/cases/${caseId}` });
    expect(status.json().data.case.status).toBe('needs_review');

    const released = await post(first, caseId, 'release');
    expect(released.statusCode).toBe(200);
    expect(released.json().data).toEqual({ caseId, assignee: null, assignedAt: null });
    // Releasing a case nobody holds changes nothing.
    expect((await post(first, caseId, 'release')).statusCode).toBe(200);
    expect((await post(second, caseId, 'claim')).statusCode).toBe(200);

    const audit = await auditOf(caseId);
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([
      ['case_claimed', first.userId],
      ['case_released', first.userId],
      ['case_claimed', second.userId],
    ]);
    expect(audit[0]).toMatchObject({ actorRole: 'reviewer', details: {} });
    expect(audit[1]!.details).toEqual({ previousAssigneeId: first.userId });
  });

  it('gives a case to one of two reviewers claiming it at once', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    const results = await Promise.all([post(first, caseId, 'claim'), post(second, caseId, 'claim')]);
    expect(results.map((result) => result.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((result) => result.statusCode === 200)!.json().data.assignee.id;
    expect(await holderOf(caseId)).toBe(winner);
    expect(await auditOf(caseId)).toHaveLength(1);
  });

  it('lets the holder decide, and ends the claim when the case leaves review', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    await post(first, caseId, 'claim');
    const decided = await decide(first, caseId);
    expect(decided.statusCode).toBe(200);
    expect(decided.json().data.status).toBe('approved');
    expect(await holderOf(caseId)).toBeNull();

    for (const action of ['claim', 'assign']) {
      const refused = await post(action === 'claim' ? first : admin, caseId, action, {
        ...(action === 'assign' ? { reviewerId: first.userId } : {}),
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('case_not_awaiting_review');
    }
  });

  it('answers 404 for a case that does not exist', async () => {
    for (const caseId of ['0193a5e0-0000-7000-8000-000000000000', 'not-a-case']) {
      const response = await post(first, caseId, 'claim');
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
  });

  it('is for staff only', async () => {
    const caseId = '0193a5e0-0000-7000-8000-000000000000';
    const customer = await registerAndLogin(ctx.app);
    expect((await post(customer, caseId, 'claim')).statusCode).toBe(403);
    expect(
      (await ctx.app.inject({ method: 'POST', url: `/v1/review/cases/${caseId}/claim` })).statusCode,
    ).toBe(401);
  });
});

describe('assigning a case', () => {
  it('lets an admin hand a claimed case to another reviewer, who may then decide it', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    await post(first, caseId, 'claim');

    const byReviewer = await post(second, caseId, 'assign', { reviewerId: second.userId });
    expect(byReviewer.statusCode).toBe(403);
    expect(await holderOf(caseId)).toBe(first.userId);

    const assigned = await post(admin, caseId, 'assign', { reviewerId: second.userId });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().data.assignee).toEqual({ id: second.userId, name: 'Asha Verma' });

    expect((await decide(first, caseId)).json().code).toBe('case_claimed_by_other');
    const decided = await decide(second, caseId);
    expect(decided.statusCode).toBe(200);

    const audit = await auditOf(caseId);
    expect(audit.map((entry) => entry.action)).toEqual(['case_claimed', 'case_assigned']);
    expect(audit[1]).toMatchObject({
      actorId: admin.userId,
      actorRole: 'admin',
      details: { assigneeId: second.userId, previousAssigneeId: first.userId },
    });
  });

  it('lets an admin release a case another holds', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    await post(first, caseId, 'claim');
    const released = await post(admin, caseId, 'release');
    expect(released.statusCode).toBe(200);
    expect(released.json().data.assignee).toBeNull();
    expect((await auditOf(caseId)).at(-1)).toMatchObject({
      action: 'case_released',
      actorId: admin.userId,
      details: { previousAssigneeId: first.userId },
    });
  });

  it('assigns only to an active reviewer or admin, naming reviewerId otherwise', async () => {
    const { caseId, userId: customerId } = await caseAwaitingReview(ctx);
    const leaving = await promoteAndLogin(ctx.app, ctx.database, 'reviewer');
    const disabled = await authed(ctx.app, admin.token, {
      method: 'PATCH',
      url: `/v1/admin/staff/${leaving.userId}`,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);

    const cases: Array<[unknown, number]> = [
      ['not-a-uuid', 400],
      ['0193a5e0-0000-7000-8000-000000000000', 404],
      [customerId, 404],
      [leaving.userId, 400],
    ];
    for (const [reviewerId, status] of cases) {
      const refused = await post(admin, caseId, 'assign', { reviewerId });
      expect(refused.statusCode, String(reviewerId)).toBe(status);
      expect(refused.json().errors[0].field).toBe('/reviewerId');
    }
    expect(await holderOf(caseId)).toBeNull();
    expect(await auditOf(caseId)).toEqual([]);

    // An admin may take the case themselves.
    const toSelf = await post(admin, caseId, 'assign', { reviewerId: admin.userId });
    expect(toSelf.json().data.assignee.id).toBe(admin.userId);
  });
});
