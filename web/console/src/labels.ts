import { defineMessages } from '../../shared/src/i18n/i18n';
import type { CaseView } from './case/types';

type Check = CaseView['checks'][number];
export type CheckType = Check['type'];
export type CheckOutcome = NonNullable<Check['outcome']>;

/** Case statuses as reviewers read them, in the queue's tab order. */
export const CASE_STATUSES = [
  'needs_review',
  'submitted',
  'verifying',
  'action_required',
  'approved',
  'esign_pending',
  'esign_expired',
  'completed',
  'rejected',
  'draft',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const statusMessages = defineMessages(
  {
    draft: 'Draft',
    submitted: 'Submitted',
    verifying: 'Verifying',
    needs_review: 'Needs review',
    action_required: 'Action required',
    approved: 'Approved',
    rejected: 'Rejected',
    esign_pending: 'Awaiting e-sign',
    esign_expired: 'E-sign expired',
    completed: 'Completed',
  },
  {
    draft: 'ड्राफ़्ट',
    submitted: 'जमा',
    verifying: 'जाँच जारी',
    needs_review: 'समीक्षा बाकी',
    action_required: 'कार्रवाई आवश्यक',
    approved: 'स्वीकृत',
    rejected: 'अस्वीकृत',
    esign_pending: 'ई-साइन बाकी',
    esign_expired: 'ई-साइन की अवधि समाप्त',
    completed: 'पूर्ण',
  },
);

/** The reason codes a reviewer may give (REVIEW_REASON_CODES in the service). */
export const REVIEW_REASON_CODES = [
  'documents_unclear',
  'name_mismatch',
  'date_of_birth_mismatch',
  'address_unverified',
  'face_mismatch',
  'pan_invalid',
  'bank_account_unverified',
  'duplicate_identity',
  'identity_mismatch',
  'ipv_location_missing',
  'ipv_location_outside_india',
  'ipv_challenge_invalid',
  'suspected_fraud',
  'verified_manually',
] as const;
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

/** Whether a code has a message of its own (not one of Object's, such as `constructor`). */
export const isKeyOf = <T extends object>(table: T, key: string): key is Extract<keyof T, string> =>
  Object.prototype.hasOwnProperty.call(table, key);

/** The checks a case runs and their outcomes (GET /v1/review/cases/{caseId} `checks`). */
export const checkMessages = defineMessages(
  {
    pan: 'PAN',
    duplicate_pan: 'Duplicate PAN',
    bank_account: 'Bank account',
    ifsc: 'IFSC',
    liveliness: 'Liveliness',
    face_match: 'Face match',
    identity_match: 'Identity match',
  } satisfies Record<CheckType, string>,
  {
    pan: 'PAN',
    duplicate_pan: 'दोहरा PAN',
    bank_account: 'बैंक खाता',
    ifsc: 'IFSC',
    liveliness: 'लाइवनेस',
    face_match: 'चेहरा मिलान',
    identity_match: 'पहचान मिलान',
  },
);

export const outcomeMessages = defineMessages(
  {
    pass: 'Passed',
    review: 'For review',
    fail: 'Failed',
    indeterminate: 'No clear answer',
  } satisfies Record<CheckOutcome, string>,
  {
    pass: 'पास',
    review: 'समीक्षा के लिए',
    fail: 'विफल',
    indeterminate: 'स्पष्ट उत्तर नहीं',
  },
);
