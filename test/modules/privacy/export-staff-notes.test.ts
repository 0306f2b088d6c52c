import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.js';
import { asStaff, caseAwaitingReview, staffMember } from '../../helpers/review.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true', REVIEW_FOUR_EYES: 'all' });

describe("the customer's export and reviewers' notes", () => {
  it("leaves out every staff note: the internal note, case notes and a second reviewer's return note", async () => {
    const { applicant, caseId } = await caseAwaitingReview(ctx);
    const first = asStaff(ctx, await staffMember(ctx));
    const second = asStaff(ctx, await staffMember(ctx));
    const url = `/v1/review/cases/${caseId}`;
    const proposed = await first('POST', `${url}/decision`, {
      decision: 'approve',
      reasonCodes: ['verified_manually'],
      internalNote: 'Internal: video call matched.',
    });
    expect(proposed.statusCode).toBe(200);
    const returnNote = 'Possible mule account: an STR is being considered, do not approve';
    expect((await second('POST', `${url}/proposal/return`, { note: returnNote })).statusCode).toBe(200);
    expect((await second('POST', `${url}/notes`, { text: 'Case note: escalate.' })).statusCode).toBe(201);

    const exported = await applicant.call('GET', '/v1/me/export');
    expect(exported.statusCode).toBe(200);
    for (const note of [returnNote, 'Internal: video call matched.', 'Case note: escalate.'])
      expect(exported.body).not.toContain(note);
    // The history itself is the customer's: the events stay, without the note.
    const decisions = (
      exported.json().data.tables.kyc_events as Array<{ type: string; data: unknown }>
    ).filter((event) => event.type === 'decision');
    expect(decisions.map((event) => event.data)).toEqual([
      expect.objectContaining({ proposal: 'proposed', decision: 'approve' }),
      { proposal: 'returned', decision: 'approve', proposedBy: expect.any(String) },
    ]);
  });
});
