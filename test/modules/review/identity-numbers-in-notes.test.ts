import { describe, expect, it } from 'vitest';
import { holdsIdentityNumber } from '../../../src/lib/identity-numbers.js';
import { useTestApp } from '../../helpers/app.js';
import { asStaff, auditOf, caseAwaitingReview, staffMember } from '../../helpers/review.js';

const ctx = useTestApp({ JOBS_ENABLED: 'true', REVIEW_FOUR_EYES: 'all' });

const query = async (text: string, values: unknown[] = []) =>
  (await ctx.database.handle.sql.executeSql(text, values)).rows as Array<Record<string, unknown>>;

describe('staff free text and full identity numbers (stored in clear, kept past an erasure)', () => {
  it('tells a full PAN, Aadhaar or account number from the other numbers staff write', () => {
    for (const text of [
      'PAN ABCPV1234D does not match the card',
      'pan abcpv1234d on the form',
      'Aadhaar 2345 6789 0123 seen on the call',
      'Aadhaar 2345-6789-0123',
      'Account 50100123456789 is closed',
      'BO id 1208160000012345',
    ])
      expect(holdsIdentityNumber(text), text).toBe(true);
    for (const text of [
      'PAN XXXXX1234X matches; account ending 6789',
      'Called on 2026-12-04 10:30, ticket 12345678',
      'IFSC HDFC0001234 is right',
    ])
      expect(holdsIdentityNumber(text), text).toBe(false);
  });

  it('refuses a decision, a case note, a returned proposal and a reveal reason that hold one, naming the field', async () => {
    const { applicant, caseId, account } = await caseAwaitingReview(ctx);
    const first = asStaff(ctx, await staffMember(ctx));
    const second = asStaff(ctx, await staffMember(ctx));
    const url = `/v1/review/cases/${caseId}`;
    const refused = (
      answer: { statusCode: number; json(): { code: string; errors: unknown[] } },
      field: string,
    ) => {
      expect(answer.statusCode).toBe(400);
      expect(answer.json().code).toBe('validation_failed');
      expect(answer.json().errors).toContainEqual(
        expect.objectContaining({ field, code: 'contains_identity_number' }),
      );
    };

    refused(
      await first('POST', `${url}/decision`, {
        decision: 'request_changes',
        reasonCodes: ['documents_unclear'],
        userMessage: `Your account ${account} could not be verified.`,
        internalNote: `PAN ${applicant.pan} checked by phone.`,
      }),
      '/userMessage',
    );
    refused(await first('POST', `${url}/notes`, { text: `Customer said PAN is ${applicant.pan}` }), '/text');
    refused(
      await first('POST', `${url}/reveal`, {
        field: 'panNumber',
        reason: `To compare with ${applicant.pan}`,
      }),
      '/reason',
    );

    const proposed = await first('POST', `${url}/decision`, {
      decision: 'approve',
      reasonCodes: ['verified_manually'],
      internalNote: 'Bank letter matches, account ending ' + account.slice(-4),
    });
    expect(proposed.statusCode).toBe(200);
    refused(
      await second('POST', `${url}/proposal/return`, { note: `Account ${account} is a mule` }),
      '/note',
    );

    // Nothing of it was stored.
    const stored = JSON.stringify([
      await query('select * from review_notes where case_id = $1', [caseId]),
      await query('select data from kyc_events where case_id = $1', [caseId]),
      await query('select internal_note, user_message from kyc_cases where id = $1', [caseId]),
      await auditOf(ctx, caseId),
    ]);
    expect(stored).not.toContain(applicant.pan);
    expect(stored).not.toContain(account);
  });
});
