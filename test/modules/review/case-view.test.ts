import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.js';
import { asStaff, auditOf, caseAwaitingReview, staffMember } from '../../helpers/review.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true', PUBLIC_URL: 'https://kyc.example.in' });

describe('the case view', () => {
  it('masks every identity number, and links documents afresh with absolute URLs that load', async () => {
    const { applicant, caseId, account, clientId } = await caseAwaitingReview(ctx);
    const reviewer = await staffMember(ctx);
    const view = await asStaff(ctx, reviewer)('GET', `/v1/review/cases/${caseId}`);
    expect(view.statusCode).toBe(200);
    expect(view.headers['cache-control']).toBe('no-store');
    const text = view.body;
    for (const full of [applicant.pan, account, clientId]) expect(text).not.toContain(full);
    const data = view.json().data;
    expect(data.readOnly).toBe(false);
    const { panDetails, bankDetails, dematDetails } = data.snapshot.profile;
    expect(panDetails.panNumber).toBe(`XXXXX${applicant.pan.slice(5, 9)}X`);
    expect(bankDetails[0].bankAccountNumber).toBe(`${'X'.repeat(account.length - 4)}${account.slice(-4)}`);
    expect(dematDetails[0]).toMatchObject({ dpID: '12081600', clientID: 'XXXX2345' });

    expect(data.documents.map((doc: { kind: string }) => doc.kind).sort()).toEqual([
      'client_master_copy',
      'selfie',
    ]);
    for (const doc of data.documents) {
      expect(doc.url).toMatch(
        /^https:\/\/kyc\.example\.in\/v1\/documents\/[0-9a-f-]{36}\?expires=\d+&signature=/,
      );
      const loaded = await ctx.app.inject({
        method: 'GET',
        url: doc.url.replace('https://kyc.example.in', ''),
      });
      expect(loaded.statusCode).toBe(200);
      expect(loaded.headers['content-type']).toBe(doc.contentType);
    }
    // The snapshot's own link (signed at submission, relative) is replaced by the fresh one.
    const masterCopy = data.documents.find((doc: { kind: string }) => doc.kind === 'client_master_copy');
    expect(dematDetails[0].clientMasterCopy.url).toBe(masterCopy.url);
    expect(data.official.face.selfieUrl).toMatch(/^https:\/\/kyc\.example\.in\//);
  });

  it('names the actors in the history and records each view in the audit log', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    const reviewer = await staffMember(ctx);
    await asStaff(ctx, reviewer)('GET', `/v1/review/cases/${caseId}`);
    const view = (await asStaff(ctx, reviewer)('GET', `/v1/review/cases/${caseId}`)).json().data;
    const byType = (type: string) => view.history.filter((event: { type: string }) => event.type === type);
    expect(byType('view')[0].actor).toEqual({ id: reviewer.userId, name: 'Asha Verma', role: 'reviewer' });
    const submitted = view.history.find((event: { toStatus: string }) => event.toStatus === 'submitted');
    expect(submitted.actor).toMatchObject({ name: 'Asha Verma', role: 'customer' });
    const automatic = view.history.find((event: { toStatus: string }) => event.toStatus === 'needs_review');
    expect(automatic).toMatchObject({ actorRole: 'system', actor: null });

    const audit = await auditOf(ctx, caseId, 'case_viewed');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorId: reviewer.userId, actorRole: 'reviewer', targetType: 'case' });
  });

  it('keeps internal notes with their author, refusing blank or overlong ones', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    const reviewer = await staffMember(ctx);
    const call = asStaff(ctx, reviewer);
    const blank = await call('POST', `/v1/review/cases/${caseId}/notes`, { text: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('/text');
    const long = await call('POST', `/v1/review/cases/${caseId}/notes`, { text: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].field).toBe('/text');

    const added = await call('POST', `/v1/review/cases/${caseId}/notes`, { text: 'Bank letter requested.' });
    expect(added.statusCode).toBe(201);
    expect(added.json().data).toMatchObject({
      text: 'Bank letter requested.',
      author: { id: reviewer.userId, name: 'Asha Verma' },
    });
    const view = (await call('GET', `/v1/review/cases/${caseId}`)).json().data;
    expect(view.notes).toEqual([added.json().data]);
    expect(await auditOf(ctx, caseId, 'case_note_added')).toHaveLength(1);
    const unknown = await call('POST', `/v1/review/cases/${crypto.randomUUID()}/notes`, { text: 'x' });
    expect(unknown.statusCode).toBe(404);
  });

  it('shows a decided case read-only', async () => {
    const { caseId } = await caseAwaitingReview(ctx);
    const reviewer = await staffMember(ctx);
    const call = asStaff(ctx, reviewer);
    const decided = await call('POST', `/v1/review/cases/${caseId}/decision`, {
      decision: 'reject',
      reasonCodes: ['suspected_fraud'],
      userMessage: 'We could not verify you.',
    });
    expect(decided.statusCode).toBe(200);
    const view = (await call('GET', `/v1/review/cases/${caseId}`)).json().data;
    expect(view).toMatchObject({ readOnly: true, case: { status: 'rejected' }, proposal: null });
  });
});
