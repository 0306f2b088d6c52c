import { Type } from 'typebox';
import type { Static } from 'typebox';
import { CASE_STATUSES, CHECK_OUTCOMES, CHECK_TYPES } from '../../db/schema/index.js';
import { StringEnum } from '../../lib/schemas.js';
import { FIX_PARTS } from './fixes.js';

export const CaseStatus = StringEnum(CASE_STATUSES, {
  description:
    'draft (nothing submitted yet), submitted, verifying, needs_review (a reviewer looks at it), action_required ' +
    '(the customer must fix what `reasons` names), approved or rejected; after approval esign_pending (the customer ' +
    'signs the account opening form with Aadhaar e-sign), completed (signed) or esign_expired (the signing link ' +
    'expired or the signing failed: re-send it)',
});
export const CheckType = StringEnum(CHECK_TYPES, { description: 'What the check verifies' });
export const CheckOutcome = StringEnum(CHECK_OUTCOMES, {
  description: 'pass, review (a reviewer decides), fail (the customer must fix it) or indeterminate',
});

export const VERIFIED_STATUSES = ['approved', 'rejected'] as const;

/**
 * The customer's last final decision, kept apart from the case in progress: after a re-KYC starts,
 * `kycStatus` reads draft while `verifiedStatus` still reads approved.
 */
export const LastDecision = Type.Object({
  verifiedStatus: Type.Union([StringEnum(VERIFIED_STATUSES), Type.Null()], {
    description: 'The last final decision of any of the customer’s cases; null before the first one',
  }),
  verifiedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When that decision was made',
  }),
});
export type LastDecision = Static<typeof LastDecision>;

/** A reason a case asked for changes, where the customer fixes it, and whether they changed that. */
export const FixItem = Type.Object({
  reason: Type.String({ description: 'One of `reasons`' }),
  part: Type.Union([StringEnum(FIX_PARTS), Type.Null()], {
    description:
      'Where the customer fixes it: a profile section, selfie, or aadhaar (the official identity from ' +
      'DigiLocker or Secure-Share); null when a person settles it',
  }),
  changed: Type.Boolean({
    description:
      'The customer changed that part since the case asked for changes (a section edited and put back is ' +
      'unchanged); it is checked at the next submission',
  }),
});

export const CaseStatusView = Type.Object({
  caseId: Type.Union([Type.String(), Type.Null()]),
  number: Type.Union([Type.Integer(), Type.Null()]),
  status: CaseStatus,
  checks: Type.Array(
    Type.Object({
      type: CheckType,
      outcome: Type.Union([CheckOutcome, Type.Null()], {
        description: 'pass, review, fail or indeterminate; null while running',
      }),
      reason: Type.Union([Type.String(), Type.Null()]),
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  reasons: Type.Array(Type.String(), {
    description: '`section/code` for what to fix; codes for what a reviewer looks at',
  }),
  fixes: Type.Array(FixItem, {
    description:
      'While action_required: each reason with where it is fixed and whether that was changed since; ' +
      'empty in other statuses',
  }),
  userMessage: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const CaseStatusResponse = Type.Object(
  { success: Type.Literal(true), data: CaseStatusView },
  {
    examples: [
      {
        success: true,
        data: {
          caseId: '0193a7d0-1c2b-7e4f-8a90-5d6e7f801234',
          number: 1042,
          status: 'action_required',
          checks: [
            {
              type: 'pan',
              outcome: 'pass',
              reason: null,
              updatedAt: '2026-12-03T09:41:05.120Z',
            },
            {
              type: 'duplicate_pan',
              outcome: 'pass',
              reason: null,
              updatedAt: '2026-12-03T09:41:04.880Z',
            },
            {
              type: 'bank_account',
              outcome: 'fail',
              reason: 'bank_account_invalid',
              updatedAt: '2026-12-03T09:41:06.930Z',
            },
            {
              type: 'ifsc',
              outcome: 'pass',
              reason: null,
              updatedAt: '2026-12-03T09:41:05.410Z',
            },
            {
              type: 'liveliness',
              outcome: 'pass',
              reason: null,
              updatedAt: '2026-12-03T09:41:04.902Z',
            },
            {
              type: 'face_match',
              outcome: 'pass',
              reason: null,
              updatedAt: '2026-12-03T09:41:06.204Z',
            },
            {
              type: 'identity_match',
              outcome: 'pass',
              reason: null,
              updatedAt: '2026-12-03T09:41:06.611Z',
            },
          ],
          reasons: ['bankDetails/bank_account_invalid'],
          fixes: [{ reason: 'bankDetails/bank_account_invalid', part: 'bankDetails', changed: false }],
          userMessage: null,
          updatedAt: '2026-12-03T09:41:07.512Z',
        },
      },
    ],
  },
);
export const CaseIdParams = Type.Object(
  { caseId: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
