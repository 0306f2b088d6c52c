import type { CheckReasonCode } from '../../../../src/modules/kyc/reasons';
import { defineMessages } from '../../../shared/src/i18n/i18n';
import type { KycStatus } from './profile';
import type { StepId } from './steps';

/**
 * What the customer reads for each reason code a case can carry (the step that fixes it comes from the server). The
 * automatic decision writes `section/code` for what the customer can fix (src/modules/kyc/decision.ts:
 * `panDetails/pan_name_mismatch`); a reviewer's request for changes uses the plain codes of
 * REVIEW_REASON_CODES; the checks' own codes (identity_*, face_*, …) explain what a person looks at.
 */
export const reasonMessages = defineMessages(
  {
    // The PAN check (fixable: panDetails).
    pan_invalid: 'The Income Tax Department could not confirm this PAN. Check the PAN number.',
    pan_name_mismatch:
      'The name does not match the name on your PAN. Enter it exactly as printed on the PAN card.',
    pan_dob_mismatch: 'The date of birth does not match your PAN record. Check the date of birth.',
    pan_inoperative:
      'Your PAN is not linked to your Aadhaar, so it is inoperative. Link them on the Income Tax website, then submit again.',
    pan_aadhaar_seeding_unknown: 'We could not see whether your PAN is linked to your Aadhaar.',
    pan_used_by_another_account: 'This PAN is also used by another account.',
    // Bank account and IFSC checks (fixable: bankDetails).
    bank_account_invalid: 'Your bank could not confirm this account. Check the account number and IFSC code.',
    bank_account_rejected: 'This bank account cannot be used. Please add another account in your name.',
    bank_name_mismatch:
      'The name on this bank account does not match your name. Use an account in your own name.',
    bank_name_partial_match: 'The name on your bank account matches your name only partly.',
    bank_verification_failed: 'Your bank could not confirm the account right now.',
    ifsc_invalid: 'This IFSC code is not valid. Check it on your cheque book or bank passbook.',
    // Selfie and face.
    selfie_missing: 'We need a selfie that passes the live photo check. Please take it again.',
    face_mismatch: 'Your selfie does not clearly match the photo on your Aadhaar.',
    face_unchecked: 'We could not compare your selfie with the photo on your Aadhaar.',
    no_official_photo: 'We have no official photo to compare with your selfie.',
    liveliness: 'Your selfie did not pass the live photo check. Please take it again.',
    // In-person verification: where and how the selfie was taken.
    ipv_location_missing:
      'We could not see where your selfie was taken. Allow location access and take the selfie again.',
    ipv_location_outside_india: 'Your selfie must be taken in India. Take it again from India.',
    ipv_challenge_invalid:
      'Your selfie was not taken with a fresh on-screen instruction. Please take it again.',
    // The official identity (DigiLocker / Secure-Share) against the PAN and the profile.
    no_official_identity: 'We have no official identity (Aadhaar) for you yet.',
    no_official_address: 'Your address could not be confirmed from an official source.',
    identity_name_unknown: 'Your Aadhaar did not give us a name to compare.',
    identity_name_partial_match: 'The name on your Aadhaar matches the name on your PAN only partly.',
    identity_name_mismatch: 'The name on your Aadhaar does not match the name on your PAN.',
    identity_dob_unknown: 'Your Aadhaar did not give us a date of birth to compare.',
    identity_dob_year_only: 'Your Aadhaar shows only the year of birth.',
    identity_dob_mismatch: 'The date of birth on your Aadhaar does not match the one on your PAN.',
    identity_aadhaar_mismatch: 'The Aadhaar you shared is not the one linked to your PAN.',
    identity_gender_mismatch: 'The gender you gave does not match your Aadhaar.',
    identity_address_mismatch: 'The address you gave does not match the address on your Aadhaar.',
    // A reviewer's reasons (REVIEW_REASON_CODES).
    documents_unclear: 'A document you uploaded was not clear enough. Please upload a clearer copy.',
    name_mismatch: 'Your name is not the same on all your documents. Check the name on your PAN.',
    date_of_birth_mismatch: 'Your date of birth is not the same on all your documents.',
    address_unverified: 'We could not confirm your address. Fetch it again from DigiLocker.',
    bank_account_unverified: 'We could not confirm your bank account. Check it or add another one.',
    duplicate_identity: 'These details are already used by another account.',
    identity_mismatch: 'Your Aadhaar details do not match your other details.',
    suspected_fraud: 'We could not verify your identity.',
    verified_manually: 'A person checked and confirmed your details.',
    // Provider trouble: nothing for the customer to do.
    provider_outcome_unknown: 'A verification service did not answer clearly.',
    provider_no_final_answer: 'A verification service did not give a final answer in time.',
    provider_refused: 'A verification service could not check this.',
    consent_withdrawn:
      'You withdrew your consent to verify your details, so some checks could not be made. A person checks your application.',
    // A declaration that always takes the case to a person (issue 15).
    pep_declared:
      'You said you are, or are related to, a politically exposed person, so a person checks your application.',
    generic: 'Something in your details needs another look.',
    // Every code the checks write has its own sentence: one added without it fails the type check.
  } satisfies Record<CheckReasonCode, string> & Record<string, string>,
  {
    pan_invalid: 'आयकर विभाग इस PAN की पुष्टि नहीं कर सका। PAN नंबर जाँचें।',
    pan_name_mismatch: 'नाम आपके PAN पर लिखे नाम से मेल नहीं खाता। नाम ठीक वैसा ही दर्ज करें जैसा PAN कार्ड पर छपा है।',
    pan_dob_mismatch: 'जन्म तिथि आपके PAN रिकॉर्ड से मेल नहीं खाती। जन्म तिथि जाँचें।',
    pan_inoperative:
      'आपका PAN आधार से लिंक नहीं है, इसलिए निष्क्रिय है। आयकर वेबसाइट पर दोनों को लिंक करें, फिर दोबारा जमा करें।',
    pan_aadhaar_seeding_unknown: 'हम यह नहीं देख सके कि आपका PAN आधार से लिंक है या नहीं।',
    pan_used_by_another_account: 'यह PAN किसी दूसरे खाते में भी इस्तेमाल हुआ है।',
    bank_account_invalid: 'आपका बैंक इस खाते की पुष्टि नहीं कर सका। खाता संख्या और IFSC कोड जाँचें।',
    bank_account_rejected: 'इस बैंक खाते का उपयोग नहीं किया जा सकता। कृपया अपने नाम का कोई दूसरा खाता जोड़ें।',
    bank_name_mismatch: 'इस बैंक खाते पर लिखा नाम आपके नाम से मेल नहीं खाता। अपने नाम का खाता इस्तेमाल करें।',
    bank_name_partial_match: 'आपके बैंक खाते का नाम आपके नाम से केवल कुछ हद तक मेल खाता है।',
    bank_verification_failed: 'आपका बैंक अभी इस खाते की पुष्टि नहीं कर सका।',
    ifsc_invalid: 'यह IFSC कोड मान्य नहीं है। इसे अपनी चेक बुक या बैंक पासबुक पर जाँचें।',
    selfie_missing: 'हमें ऐसी सेल्फ़ी चाहिए जो लाइव फ़ोटो जाँच में पास हो। कृपया फिर से लें।',
    face_mismatch: 'आपकी सेल्फ़ी आपके आधार की फ़ोटो से साफ़ तौर पर मेल नहीं खाती।',
    face_unchecked: 'हम आपकी सेल्फ़ी को आपके आधार की फ़ोटो से नहीं मिला सके।',
    no_official_photo: 'आपकी सेल्फ़ी से मिलाने के लिए हमारे पास कोई आधिकारिक फ़ोटो नहीं है।',
    liveliness: 'आपकी सेल्फ़ी लाइव फ़ोटो जाँच में पास नहीं हुई। कृपया फिर से लें।',
    ipv_location_missing: 'हम नहीं देख सके कि आपकी सेल्फ़ी कहाँ ली गई। स्थान की अनुमति दें और सेल्फ़ी फिर से लें।',
    ipv_location_outside_india: 'आपकी सेल्फ़ी भारत में ली जानी चाहिए। इसे भारत से फिर से लें।',
    ipv_challenge_invalid: 'आपकी सेल्फ़ी स्क्रीन पर दिए गए नए निर्देश के साथ नहीं ली गई। कृपया इसे फिर से लें।',
    no_official_identity: 'हमारे पास अभी आपकी आधिकारिक पहचान (आधार) नहीं है।',
    no_official_address: 'आपके पते की पुष्टि किसी आधिकारिक स्रोत से नहीं हो सकी।',
    identity_name_unknown: 'आपके आधार से मिलाने के लिए नाम नहीं मिला।',
    identity_name_partial_match: 'आपके आधार का नाम आपके PAN के नाम से केवल कुछ हद तक मेल खाता है।',
    identity_name_mismatch: 'आपके आधार का नाम आपके PAN के नाम से मेल नहीं खाता।',
    identity_dob_unknown: 'आपके आधार से मिलाने के लिए जन्म तिथि नहीं मिली।',
    identity_dob_year_only: 'आपके आधार पर केवल जन्म का वर्ष है।',
    identity_dob_mismatch: 'आपके आधार की जन्म तिथि आपके PAN की जन्म तिथि से मेल नहीं खाती।',
    identity_aadhaar_mismatch: 'आपने जो आधार साझा किया, वह आपके PAN से लिंक आधार नहीं है।',
    identity_gender_mismatch: 'आपने जो लिंग बताया, वह आपके आधार से मेल नहीं खाता।',
    identity_address_mismatch: 'आपने जो पता दिया, वह आपके आधार के पते से मेल नहीं खाता।',
    documents_unclear: 'आपका अपलोड किया दस्तावेज़ साफ़ नहीं था। कृपया साफ़ प्रति अपलोड करें।',
    name_mismatch: 'आपका नाम सभी दस्तावेज़ों पर एक जैसा नहीं है। अपने PAN पर लिखा नाम जाँचें।',
    date_of_birth_mismatch: 'आपकी जन्म तिथि सभी दस्तावेज़ों पर एक जैसी नहीं है।',
    address_unverified: 'हम आपके पते की पुष्टि नहीं कर सके। इसे DigiLocker से फिर से लें।',
    bank_account_unverified: 'हम आपके बैंक खाते की पुष्टि नहीं कर सके। इसे जाँचें या कोई दूसरा खाता जोड़ें।',
    duplicate_identity: 'यह जानकारी किसी दूसरे खाते में पहले से इस्तेमाल हुई है।',
    identity_mismatch: 'आपके आधार की जानकारी आपकी बाकी जानकारी से मेल नहीं खाती।',
    suspected_fraud: 'हम आपकी पहचान सत्यापित नहीं कर सके।',
    verified_manually: 'एक व्यक्ति ने आपकी जानकारी जाँचकर उसकी पुष्टि की।',
    provider_outcome_unknown: 'एक सत्यापन सेवा ने स्पष्ट उत्तर नहीं दिया।',
    provider_no_final_answer: 'एक सत्यापन सेवा ने समय पर अंतिम उत्तर नहीं दिया।',
    provider_refused: 'एक सत्यापन सेवा इसे जाँच नहीं सकी।',
    consent_withdrawn:
      'आपने अपनी जानकारी के सत्यापन की सहमति वापस ले ली, इसलिए कुछ जाँचें नहीं हो सकीं। एक व्यक्ति आपके आवेदन की जाँच करेगा।',
    pep_declared:
      'आपने बताया कि आप राजनीतिक रूप से जुड़े व्यक्ति (PEP) हैं या उनके संबंधी हैं, इसलिए एक व्यक्ति आपके आवेदन की जाँच करेगा।',
    generic: 'आपकी जानकारी में कुछ चीज़ को फिर से देखना ज़रूरी है।',
  },
);

export type ReasonKey = keyof typeof reasonMessages.en;

/** A profile section (the part before `/` in a fixable reason, or a JSON pointer's first part) → its step. */
export const SECTION_STEPS: Record<string, StepId> = {
  panDetails: 'pan',
  profileDetails: 'personal',
  addressDetails: 'address',
  bankDetails: 'bank',
  dematDetails: 'demat',
  nominationDetails: 'nomination',
  fatcaDetails: 'fatca',
  pepDetails: 'pep',
  tradingPreferences: 'trading',
  selfie: 'selfie',
  consents: 'consent',
  email: 'contact',
  mobileNo: 'contact',
  aadhaar: 'aadhaar',
};

export type FixPart = NonNullable<KycStatus['fixes'][number]['part']>;

/** The step for the part of the application the server says fixes a reason (GET /v1/kyc/status `fixes`). */
export const stepOfPart = (part: FixPart | null): StepId | undefined =>
  part === null ? undefined : SECTION_STEPS[part];

const isReasonKey = (code: string): code is ReasonKey =>
  Object.prototype.hasOwnProperty.call(reasonMessages.en, code);

/**
 * `panDetails/pan_name_mismatch`, `face_mismatch`, `provider_refused:<code>`, `face_<status>`,
 * `liveliness_<outcome>`: the sentence the customer reads. An unknown code reads as the generic sentence. Where
 * it is fixed comes from the server (`fixes`), not from here.
 */
export function reasonKey(raw: string): ReasonKey {
  const slash = raw.indexOf('/');
  const code = slash > 0 ? raw.slice(slash + 1) : raw;
  if (isReasonKey(code)) return code;
  if (code.startsWith('provider_refused')) return 'provider_refused';
  if (code.startsWith('face_')) return 'face_unchecked';
  if (code.startsWith('liveliness')) return 'liveliness';
  return 'generic';
}

export interface Fix {
  key: ReasonKey;
  step: StepId | undefined;
  changed: boolean;
}

/**
 * The case's reasons as the customer reads them, each with its step and whether its part was changed since
 * the request; two that read the same and lead to the same step are one thing to fix.
 */
export function fixesOf(status: KycStatus): Fix[] {
  const fixes = new Map<string, Fix>();
  const parts = new Map(status.fixes.map((fix) => [fix.reason, fix]));
  for (const raw of status.reasons) {
    const fix = parts.get(raw);
    const key = reasonKey(raw);
    const step = stepOfPart(fix?.part ?? null);
    const id = `${key}:${step ?? ''}`;
    const changed = fix?.changed ?? false;
    // A reason counts as changed only when every copy of it was.
    fixes.set(id, { key, step, changed: changed && (fixes.get(id)?.changed ?? true) });
  }
  return [...fixes.values()];
}
