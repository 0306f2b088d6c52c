/* The rules a reviewer's decision must meet, and which decisions four-eyes mode holds for a second reviewer. */
import type { CaseStatus, ReviewDecisionKind } from '../../db/schema/index.js';
import { validationFailed } from '../../lib/errors.js';
import { identityNumberErrors } from '../../lib/identity-numbers.js';
import type { CheckRow } from './repository.js';

export interface ReviewDecisionInput {
  decision: ReviewDecisionKind;
  reasonCodes: string[];
  userMessage?: string | undefined;
  internalNote?: string | undefined;
}

export type FourEyesMode = 'off' | 'reject' | 'approve' | 'all';

export const STATUS_AFTER = {
  approve: 'approved',
  reject: 'rejected',
  request_changes: 'action_required',
} as const satisfies Record<ReviewDecisionKind, CaseStatus>;

const blank = (value: string | undefined) => !value || value.trim() === '';

/**
 * 400 naming each missing field: a rejection or a request for changes tells the customer why (a
 * reason code and a message); approving a case any check did not pass needs a note for other staff.
 * Neither text may hold a full identity number.
 */
export function assertDecisionComplete(input: ReviewDecisionInput, checks: CheckRow[]): void {
  const errors = identityNumberErrors({
    '/userMessage': input.userMessage,
    '/internalNote': input.internalNote,
  });
  if (input.decision !== 'approve') {
    if (input.reasonCodes.length === 0)
      errors.push({ field: '/reasonCodes', code: 'required', message: 'needs at least one reason code' });
    if (blank(input.userMessage))
      errors.push({ field: '/userMessage', code: 'required', message: 'the customer needs a message' });
  } else if (checks.some((check) => check.outcome !== 'pass') && blank(input.internalNote)) {
    errors.push({
      field: '/internalNote',
      code: 'required',
      message: 'approving a case with a check that did not pass needs a note saying why',
    });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

/** True when REVIEW_FOUR_EYES makes this decision a proposal for a second reviewer. */
export function needsSecondReviewer(mode: FourEyesMode, decision: ReviewDecisionKind): boolean {
  if (mode === 'all') return true;
  return mode === decision;
}
