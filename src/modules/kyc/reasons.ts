/*
 * The reason codes the checks and the automatic decision write (docs/kyc-checks.md); a check's
 * `result` takes no other, and the reviewer console has words for each (web/console/src/reasons.tsx).
 * It imports nothing, so that a web app's build can read it too.
 */

export const CHECK_REASON_CODES = [
  // pan
  'pan_invalid',
  'pan_name_mismatch',
  'pan_dob_mismatch',
  'pan_inoperative',
  'pan_aadhaar_seeding_unknown',
  // duplicate_pan
  'pan_used_by_another_account',
  // bank_account, ifsc
  'bank_account_invalid',
  'bank_account_rejected',
  'bank_name_mismatch',
  'bank_name_partial_match',
  'bank_verification_failed',
  'ifsc_invalid',
  // liveliness and its in-person verification evidence
  'selfie_missing',
  'ipv_location_missing',
  'ipv_location_outside_india',
  'ipv_challenge_invalid',
  // face_match (besides face_<status>)
  'no_official_photo',
  'face_mismatch',
  // identity_match
  'no_official_identity',
  'identity_name_unknown',
  'identity_name_partial_match',
  'identity_name_mismatch',
  'identity_dob_unknown',
  'identity_dob_year_only',
  'identity_dob_mismatch',
  'identity_gender_mismatch',
  'identity_aadhaar_mismatch',
  'identity_address_mismatch',
  // the decision
  'no_official_address',
  'pep_declared',
  // any check the provider or the customer's consent left open
  'provider_outcome_unknown',
  'provider_no_final_answer',
  'consent_withdrawn',
] as const;
export type CheckReasonCode = (typeof CHECK_REASON_CODES)[number];

/**
 * Codes with a part only known at run time: Cashfree's face-match status when it is not SUCCESS
 * (`face_face_not_detected`), and a provider's refusal with its error code.
 */
export type ReasonFamilyCode = `face_${string}` | `provider_refused:${string}`;

/** What a check may give as its reason. */
export type CheckReason = CheckReasonCode | ReasonFamilyCode;
