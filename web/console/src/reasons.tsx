import { Fragment, useCallback } from 'react';
import type { CheckReasonCode } from '../../../src/modules/kyc/reasons';
import { defineMessages, fill, useLocale } from '../../shared/src/i18n/i18n';
import type { Locale } from '../../shared/src/i18n/i18n';
import { checkMessages, isKeyOf, outcomeMessages } from './labels';
import type { ReviewReasonCode } from './labels';

/**
 * Every reason code a case can carry, worded for a reviewer: what was found, precisely (the customer's own
 * sentences, which say what to do, are the onboarding app's). The checks' codes come from the service's list,
 * so a code added there without a label here fails the type check.
 */
export const reasonMessages = defineMessages(
  {
    // A reviewer's reasons (REVIEW_REASON_CODES).
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
    // The checks' and the automatic decision's (src/modules/kyc/reasons.ts).
    pan_name_mismatch: 'Name does not match PAN',
    pan_dob_mismatch: 'Date of birth does not match PAN',
    pan_inoperative: 'PAN inoperative (not linked to Aadhaar)',
    pan_aadhaar_seeding_unknown: 'PAN–Aadhaar link not known',
    pan_used_by_another_account: 'PAN used by another account',
    bank_account_invalid: 'Bank account not valid',
    bank_account_rejected: 'Bank account rejected by the bank',
    bank_name_mismatch: 'Name at the bank does not match PAN',
    bank_name_partial_match: 'Name at the bank partly matches PAN',
    bank_verification_failed: 'Bank could not verify the account',
    ifsc_invalid: 'IFSC not valid',
    selfie_missing: 'No selfie that passed liveliness',
    no_official_photo: 'No official photo to compare',
    no_official_identity: 'No official identity (Aadhaar)',
    identity_name_unknown: 'No name on Aadhaar to compare',
    identity_name_partial_match: 'Name on Aadhaar partly matches PAN',
    identity_name_mismatch: 'Name on Aadhaar does not match PAN',
    identity_dob_unknown: 'No date of birth on Aadhaar to compare',
    identity_dob_year_only: 'Aadhaar has the year of birth only',
    identity_dob_mismatch: 'Date of birth on Aadhaar does not match PAN',
    identity_gender_mismatch: 'Gender does not match Aadhaar',
    identity_aadhaar_mismatch: 'Aadhaar is not the one linked to PAN',
    identity_address_mismatch: 'Address does not match Aadhaar',
    no_official_address: 'No official address',
    pep_declared: 'Declared a politically exposed person',
    provider_outcome_unknown: 'Verification service gave no clear answer',
    provider_no_final_answer: 'Verification service gave no final answer in time',
    consent_withdrawn: 'Customer withdrew consent to verification',
    // face_<status>: the face match's statuses besides SUCCESS (src/providers/cashfree/schemas.ts), then any other.
    face_face_not_detected: 'Face match: no face found',
    face_multiple_face_detected: 'Face match: more than one face',
    face_status: 'Face match not made ({status})',
    provider_refused: 'Verification service refused ({code})',
    // <check>_<outcome>: what the decision writes for a check that gave no reason.
    check_outcome: '{check}: {outcome}',
  } satisfies Record<CheckReasonCode | ReviewReasonCode, string> & Record<string, string>, // and the families'
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
    pan_name_mismatch: 'नाम PAN से मेल नहीं खाता',
    pan_dob_mismatch: 'जन्म तिथि PAN से मेल नहीं खाती',
    pan_inoperative: 'PAN निष्क्रिय (आधार से लिंक नहीं)',
    pan_aadhaar_seeding_unknown: 'PAN-आधार लिंक का पता नहीं',
    pan_used_by_another_account: 'PAN किसी दूसरे खाते में इस्तेमाल हुआ',
    bank_account_invalid: 'बैंक खाता मान्य नहीं',
    bank_account_rejected: 'बैंक ने खाता अस्वीकार किया',
    bank_name_mismatch: 'बैंक में दर्ज नाम PAN से मेल नहीं खाता',
    bank_name_partial_match: 'बैंक में दर्ज नाम PAN से आंशिक रूप से मेल खाता है',
    bank_verification_failed: 'बैंक खाते का सत्यापन नहीं कर सका',
    ifsc_invalid: 'IFSC मान्य नहीं',
    selfie_missing: 'लाइवनेस जाँच में पास कोई सेल्फ़ी नहीं',
    no_official_photo: 'मिलान के लिए कोई आधिकारिक फ़ोटो नहीं',
    no_official_identity: 'कोई आधिकारिक पहचान (आधार) नहीं',
    identity_name_unknown: 'मिलान के लिए आधार पर नाम नहीं',
    identity_name_partial_match: 'आधार का नाम PAN से आंशिक रूप से मेल खाता है',
    identity_name_mismatch: 'आधार का नाम PAN से मेल नहीं खाता',
    identity_dob_unknown: 'मिलान के लिए आधार पर जन्म तिथि नहीं',
    identity_dob_year_only: 'आधार पर केवल जन्म का वर्ष',
    identity_dob_mismatch: 'आधार की जन्म तिथि PAN से मेल नहीं खाती',
    identity_gender_mismatch: 'लिंग आधार से मेल नहीं खाता',
    identity_aadhaar_mismatch: 'यह आधार PAN से लिंक आधार नहीं है',
    identity_address_mismatch: 'पता आधार से मेल नहीं खाता',
    no_official_address: 'कोई आधिकारिक पता नहीं',
    pep_declared: 'राजनीतिक रूप से प्रभावशाली व्यक्ति होने की घोषणा',
    provider_outcome_unknown: 'सत्यापन सेवा से स्पष्ट उत्तर नहीं मिला',
    provider_no_final_answer: 'सत्यापन सेवा से समय पर अंतिम उत्तर नहीं मिला',
    consent_withdrawn: 'ग्राहक ने सत्यापन की सहमति वापस ली',
    face_face_not_detected: 'चेहरा मिलान: कोई चेहरा नहीं मिला',
    face_multiple_face_detected: 'चेहरा मिलान: एक से अधिक चेहरे',
    face_status: 'चेहरा मिलान नहीं हो सका ({status})',
    provider_refused: 'सत्यापन सेवा ने मना किया ({code})',
    check_outcome: '{check}: {outcome}',
  },
);

/**
 * A reason code as the service sent it, in words: `panDetails/pan_invalid` reads as `pan_invalid` (where it
 * is fixed is shown apart), `face_<status>`, `provider_refused:<code>` and `<check>_<outcome>` name their
 * family and part; an unknown code reads as sent.
 */
export function reasonText(locale: Locale, reason: string): string {
  const words = reasonMessages[locale];
  const slash = reason.indexOf('/');
  const code = slash > 0 ? reason.slice(slash + 1) : reason;
  if (isKeyOf(words, code)) return words[code];
  if (code.startsWith('provider_refused:'))
    return fill(words.provider_refused, { code: code.slice('provider_refused:'.length) });
  const checks = checkMessages[locale];
  const outcomes = outcomeMessages[locale];
  // Before face_<status>: face_match_review is the face_match check's.
  const outcome = code.slice(code.lastIndexOf('_') + 1);
  const check = code.slice(0, code.lastIndexOf('_'));
  if (isKeyOf(checks, check) && isKeyOf(outcomes, outcome))
    return fill(words.check_outcome, { check: checks[check], outcome: outcomes[outcome] });
  if (code.startsWith('face_') && code.length > 'face_'.length)
    return fill(words.face_status, { status: code.slice('face_'.length) });
  return reason;
}

/** reasonText in the current language. */
export function useReasonText(): (reason: string) => string {
  const { locale } = useLocale();
  return useCallback((reason: string) => reasonText(locale, reason), [locale]);
}

/**
 * A code with a line-break opportunity after each `_`, `:` and `/`, so that a narrow column wraps it between its
 * words (`provider_refused:` / `invalid_` / `pan`) rather than inside one; copied, it reads as sent.
 */
export function BreakableCode({ code }: { code: string }) {
  const parts = code.split(/(?<=[_:/])/);
  return (
    <code className="reason-code">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </code>
  );
}

/** A reason in words, then its code as sent: staff search and filter by the code. */
export function Reason({ code }: { code: string }) {
  const text = useReasonText();
  const words = text(code);
  return (
    <span className="reason">
      {words !== code && <>{words} </>}
      <BreakableCode code={code} />
    </span>
  );
}

/** A case's reasons, each as Reason; a dash when there are none. */
export function Reasons({ codes }: { codes: readonly string[] }) {
  if (codes.length === 0) return <>—</>;
  return (
    <ul className="reasons">
      {codes.map((code) => (
        <li key={code}>
          <Reason code={code} />
        </li>
      ))}
    </ul>
  );
}
