import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.js';
import { asStaff, auditOf, caseAwaitingReview, staffMember } from '../../helpers/review.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true', REVIEW_FOUR_EYES: 'all' });

const REJECTION = {
  decision: 'reject',
  reasonCodes: ['identity_mismatch'],
  userMessage: 'We could not verify your identity.',
  internalNote: 'Selfie is of someone else.',
};

describe('four-eyes decisions', () => {
  it('keeps a first decision as a proposal that a different reviewer returns or confirms', async () => {
    const { applicant, caseId } = await caseAwaitingReview(ctx);
    const first = await staffMember(ctx);
    const second = await staffMember(ctx);
    const byFirst = asStaff(ctx, first);
    const bySecond = asStaff(ctx, second);
    const url = `/v1/review/cases/${caseId}`;

    const proposed = await byFirst('POST', `${url}/decision`, REJECTION);
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().data).toMatchObject({
      status: 'needs_review',
      proposal: { ...REJECTION, by: { id: first.userId, name: 'Asha Verma' } },
    });
    expect((await applicant.call('GET', '/v1/kyc/status')).json().data.status).toBe('needs_review');
    expect((await bySecond('GET', url)).json().data.proposal).toMatchObject({ decision: 'reject' });

    const again = await bySecond('POST', `${url}/decision`, REJECTION);
    expect(again.json().code).toBe('proposal_pending');
    const ownConfirm = await byFirst('POST', `${url}/proposal/confirm`);
    expect(ownConfirm.statusCode).toBe(409);
    expect(ownConfirm.json().code).toBe('four_eyes_same_reviewer');

    const blank = await bySecond('POST', `${url}/proposal/return`, { note: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('/note');
    const returned = await bySecond('POST', `${url}/proposal/return`, {
      note: 'The selfie is only blurred.',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().data).toMatchObject({ status: 'needs_review', proposal: null });
    expect((await bySecond('POST', `${url}/proposal/confirm`)).json().code).toBe('no_proposal');

    await byFirst('POST', `${url}/decision`, REJECTION);
    const confirmed = await bySecond('POST', `${url}/proposal/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().data).toMatchObject({
      status: 'rejected',
      reasons: ['identity_mismatch'],
      userMessage: REJECTION.userMessage,
      proposal: null,
    });

    const history = (await bySecond('GET', url)).json().data.history;
    const decisions = history.filter((event: { type: string }) => event.type === 'decision');
    expect(decisions.map((event: { data: { proposal: string } }) => event.data.proposal)).toEqual([
      'proposed',
      'returned',
      'proposed',
    ]);
    expect(decisions[1]).toMatchObject({
      actor: { id: second.userId, role: 'reviewer' },
      data: { note: 'The selfie is only blurred.' },
    });
    const applied = history.find((event: { toStatus: string }) => event.toStatus === 'rejected');
    expect(applied).toMatchObject({ actor: { id: second.userId }, data: { proposedBy: first.userId } });

    expect(
      (await auditOf(ctx, caseId)).map((entry) => entry.action).filter((a) => a !== 'case_viewed'),
    ).toEqual([
      'case_decision_proposed',
      'case_proposal_returned',
      'case_decision_proposed',
      'case_proposal_confirmed',
    ]);
  });

  it('lets only its author withdraw a proposal, after which the case takes a new decision', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    const first = await staffMember(ctx);
    const second = await staffMember(ctx);
    const byFirst = asStaff(ctx, first);
    const bySecond = asStaff(ctx, second);
    const url = `/v1/review/cases/${caseId}`;

    const none = await byFirst('POST', `${url}/proposal/withdraw`);
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('no_proposal');

    await byFirst('POST', `${url}/decision`, REJECTION);
    const byOther = await bySecond('POST', `${url}/proposal/withdraw`);
    expect(byOther.statusCode).toBe(409);
    expect(byOther.json().code).toBe('not_proposal_author');
    expect((await bySecond('GET', url)).json().data.proposal).toMatchObject({ decision: 'reject' });

    const withdrawn = await byFirst('POST', `${url}/proposal/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().data).toMatchObject({ status: 'needs_review', proposal: null });
    expect((await byFirst('POST', `${url}/proposal/withdraw`)).json().code).toBe('no_proposal');

    const changes = await byFirst('POST', `${url}/decision`, { ...REJECTION, decision: 'request_changes' });
    expect(changes.json().data.proposal).toMatchObject({
      decision: 'request_changes',
      by: { id: first.userId },
    });

    const history = (await bySecond('GET', url)).json().data.history;
    const decisions = history.filter((event: { type: string }) => event.type === 'decision');
    expect(decisions.map((event: { data: { proposal: string } }) => event.data.proposal)).toEqual([
      'proposed',
      'withdrawn',
      'proposed',
    ]);
    expect(decisions[1]).toMatchObject({ actor: { id: first.userId }, data: { decision: 'reject' } });
    expect(
      (await auditOf(ctx, caseId)).map((entry) => entry.action).filter((a) => a !== 'case_viewed'),
    ).toEqual(['case_decision_proposed', 'case_proposal_withdrawn', 'case_decision_proposed']);
  });

  it('keeps the second look for a third reviewer who claimed the case, but not for the author who holds it', async () => {
    const { applicant, caseId } = await caseAwaitingReview(ctx);
    const [author, second, third] = [await staffMember(ctx), await staffMember(ctx), await staffMember(ctx)];
    const url = `/v1/review/cases/${caseId}`;

    // The author claimed the case and proposed: that claim does not keep a second reviewer out.
    expect((await asStaff(ctx, author)('POST', `${url}/claim`)).statusCode).toBe(200);
    expect((await asStaff(ctx, author)('POST', `${url}/decision`, REJECTION)).statusCode).toBe(200);
    expect(
      (await asStaff(ctx, second)('POST', `${url}/proposal/return`, { note: 'Blurred.' })).statusCode,
    ).toBe(200);

    // A third reviewer claims the case for the second look: nobody else confirms or returns it.
    await asStaff(ctx, author)('POST', `${url}/decision`, REJECTION);
    await asStaff(ctx, author)('POST', `${url}/release`);
    expect((await asStaff(ctx, third)('POST', `${url}/claim`)).statusCode).toBe(200);
    for (const [path, body] of [
      ['proposal/confirm', undefined],
      ['proposal/return', { note: 'Not mine to return.' }],
    ] as const) {
      const refused = await asStaff(ctx, second)('POST', `${url}/${path}`, body);
      expect([path, refused.statusCode, refused.json().code]).toEqual([path, 409, 'case_claimed_by_other']);
    }
    expect((await applicant.call('GET', '/v1/kyc/status')).json().data.status).toBe('needs_review');
    expect((await asStaff(ctx, second)('GET', url)).json().data.proposal).toMatchObject({
      decision: 'reject',
    });

    const confirmed = await asStaff(ctx, third)('POST', `${url}/proposal/confirm`);
    expect([confirmed.statusCode, confirmed.json().data.status]).toEqual([200, 'rejected']);
  });
});
