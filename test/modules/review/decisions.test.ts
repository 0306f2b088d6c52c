import { describe, expect, it } from 'vitest';
import { needsSecondReviewer } from '../../../src/modules/kyc/decision-rules.js';
import { useTestApp } from '../../helpers/app.js';
import { asStaff, auditOf, caseAwaitingReview, staffMember } from '../../helpers/review.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true' });

describe('decision rules', () => {
  it('asks for reasons and a message to reject or request changes, and a note to approve doubtful checks', async () => {
    const { applicant, caseId } = await caseAwaitingReview(ctx);
    const reviewer = await staffMember(ctx);
    const decide = (body: object) =>
      asStaff(ctx, reviewer)('POST', `/v1/review/cases/${caseId}/decision`, body);
    const refusals: Array<[object, string[]]> = [
      [{ decision: 'reject', reasonCodes: [], userMessage: 'No.' }, ['/reasonCodes']],
      [{ decision: 'reject', reasonCodes: ['suspected_fraud'] }, ['/userMessage']],
      [{ decision: 'request_changes', reasonCodes: [], userMessage: '  ' }, ['/reasonCodes', '/userMessage']],
      // face_match and identity_match asked for review: approving needs a note.
      [{ decision: 'approve', reasonCodes: ['verified_manually'] }, ['/internalNote']],
      [{ decision: 'approve', reasonCodes: [], internalNote: ' ' }, ['/internalNote']],
    ];
    for (const [body, fields] of refusals) {
      const response = await decide(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual(fields);
    }
    expect((await applicant.call('GET', '/v1/kyc/status')).json().data.status).toBe('needs_review');
    expect(await auditOf(ctx, caseId, 'case_decided')).toHaveLength(0);

    const approved = await decide({
      decision: 'approve',
      reasonCodes: ['verified_manually'],
      userMessage: 'Your KYC is complete.',
      internalNote: 'Video call: face matches the PAN card.',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().data).toMatchObject({ status: 'approved', proposal: null });
    const [entry] = await auditOf(ctx, caseId, 'case_decided');
    expect(entry).toMatchObject({
      actorId: reviewer.userId,
      details: { decision: 'approve', reasonCodes: 'verified_manually' },
    });
  });

  it('holds for a second reviewer only the decisions REVIEW_FOUR_EYES names', () => {
    expect(needsSecondReviewer('off', 'reject')).toBe(false);
    expect(needsSecondReviewer('reject', 'reject')).toBe(true);
    expect(needsSecondReviewer('reject', 'approve')).toBe(false);
    expect(needsSecondReviewer('reject', 'request_changes')).toBe(false);
    expect(needsSecondReviewer('approve', 'approve')).toBe(true);
    expect(needsSecondReviewer('approve', 'reject')).toBe(false);
    expect(needsSecondReviewer('all', 'request_changes')).toBe(true);
  });
});

describe('reopening', () => {
  it('records an admin reopening a rejected case in the audit log', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    await asStaff(ctx, await staffMember(ctx))('POST', `/v1/review/cases/${caseId}/decision`, {
      decision: 'reject',
      reasonCodes: ['suspected_fraud'],
      userMessage: 'We could not verify you.',
    });
    const admin = await staffMember(ctx, 'admin');
    const reopened = await asStaff(ctx, admin)('POST', `/v1/admin/kyc/cases/${caseId}/reopen`);
    expect(reopened.statusCode).toBe(200);
    expect(await auditOf(ctx, caseId, 'case_reopened')).toMatchObject([
      { actorId: admin.userId, actorRole: 'admin' },
    ]);
  });
});

describe('decision templates', () => {
  it('lists the seeded templates to reviewers and lets only admins change them, audited', async () => {
    const reviewer = await staffMember(ctx);
    const admin = await staffMember(ctx, 'admin');
    const list = await asStaff(ctx, reviewer)('GET', '/v1/review/templates');
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .data.map((template: { decision: string }) => template.decision)
        .sort(),
    ).toEqual(['approve', 'reject', 'request_changes']);

    const body = {
      name: 'Bank account not in your name',
      decision: 'request_changes',
      reasonCodes: ['bank_account_unverified'],
      message: 'Please add a bank account you hold and submit again.',
    };
    const byReviewer = await asStaff(ctx, reviewer)('POST', '/v1/review/templates', body);
    expect(byReviewer.statusCode).toBe(403);
    const call = asStaff(ctx, admin);
    const created = await call('POST', '/v1/review/templates', body);
    expect(created.statusCode).toBe(201);
    const { id } = created.json().data;
    expect(created.json().data).toMatchObject({ ...body, updatedBy: admin.userId });
    expect((await call('POST', '/v1/review/templates', body)).json().code).toBe('template_name_taken');
    const noReason = await call('POST', '/v1/review/templates', { ...body, name: 'Other', reasonCodes: [] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('/reasonCodes');

    const updated = await call('PUT', `/v1/review/templates/${id}`, {
      ...body,
      message: 'Add your own account.',
    });
    expect(updated.json().data.message).toBe('Add your own account.');
    expect((await asStaff(ctx, reviewer)('DELETE', `/v1/review/templates/${id}`)).statusCode).toBe(403);
    expect((await call('DELETE', `/v1/review/templates/${id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/v1/review/templates/${id}`)).statusCode).toBe(404);
    expect((await call('PUT', `/v1/review/templates/${id}`, body)).statusCode).toBe(404);

    expect((await auditOf(ctx, id)).map((entry) => entry.action)).toEqual([
      'template_created',
      'template_updated',
      'template_deleted',
    ]);
  });
});
