import { defineMessages } from '../../shared/src/i18n/i18n';

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

export const reasonMessages = defineMessages(
  {
    documents_unclear: 'Documents unclear',
    name_mismatch: 'Name does not match',
    date_of_birth_mismatch: 'Date of birth does not match',
    address_unverified: 'Address not verified',
    face_mismatch: 'Face does not match',
    pan_invalid: 'PAN not valid',
    bank_account_unverified: 'Bank account not verified',
    duplicate_identity: 'Duplicate identity',
    identity_mismatch: 'Identity does not match',
    ipv_location_missing: 'Selfie location missing',
    ipv_location_outside_india: 'Selfie taken outside India',
    ipv_challenge_invalid: 'Selfie challenge missing or expired',
    suspected_fraud: 'Suspected fraud',
    verified_manually: 'Verified manually',
  },
  {
    documents_unclear: 'दस्तावेज़ स्पष्ट नहीं',
    name_mismatch: 'नाम मेल नहीं खाता',
    date_of_birth_mismatch: 'जन्म तिथि मेल नहीं खाती',
    address_unverified: 'पता सत्यापित नहीं',
    face_mismatch: 'चेहरा मेल नहीं खाता',
    pan_invalid: 'PAN मान्य नहीं',
    bank_account_unverified: 'बैंक खाता सत्यापित नहीं',
    duplicate_identity: 'दोहरी पहचान',
    identity_mismatch: 'पहचान मेल नहीं खाती',
    ipv_location_missing: 'सेल्फ़ी का स्थान नहीं मिला',
    ipv_location_outside_india: 'सेल्फ़ी भारत के बाहर ली गई',
    ipv_challenge_invalid: 'सेल्फ़ी चुनौती नहीं मिली या समाप्त',
    suspected_fraud: 'धोखाधड़ी का संदेह',
    verified_manually: 'हाथ से सत्यापित',
  },
);

/** A reason code the service sent, in words when it is one of the known ones, else as sent. */
export function reasonText(t: (key: ReviewReasonCode) => string, code: string): string {
  return (REVIEW_REASON_CODES as readonly string[]).includes(code) ? t(code as ReviewReasonCode) : code;
}
