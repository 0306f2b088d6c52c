import type { CaseStatus } from '../../db/schema/index.js';
import { conflict } from '../../lib/errors.js';

/**
 * Every allowed move of a KYC case, in one place. `draft` and `action_required` are the customer's
 * to edit; from `submitted` until a decision, and after `approved`, the profile is locked.
 */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  draft: ['submitted'],
  submitted: ['verifying'],
  verifying: ['approved', 'needs_review', 'action_required'],
  needs_review: ['approved', 'rejected', 'action_required'],
  action_required: ['submitted'],
  approved: [],
  // Final for the customer; an admin may reopen it for another review.
  rejected: ['needs_review'],
};

/** Statuses in which the customer may change the profile. */
export const EDITABLE: ReadonlySet<CaseStatus> = new Set(['draft', 'action_required']);
/** Statuses of a case that is still open (at most one per user). */
export const OPEN: ReadonlySet<CaseStatus> = new Set([
  'draft',
  'submitted',
  'verifying',
  'needs_review',
  'action_required',
]);

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) {
    throw conflict(
      from === 'approved' || from === 'rejected' ? 'case_already_decided' : 'kyc_locked',
      `A case that is ${from} cannot become ${to}`,
    );
  }
}
