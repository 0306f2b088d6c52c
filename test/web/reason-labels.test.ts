import { describe, expect, it } from 'vitest';
import { CHECK_REASON_CODES } from '../../src/modules/kyc/reasons';
import { LOCALES } from '../../web/shared/src/i18n/i18n';
import { REVIEW_REASON_CODES } from '../../web/console/src/labels';
import { reasonText } from '../../web/console/src/reasons';

describe('the reviewer console’s words for reason codes', () => {
  it('has words in English and Hindi for every code the checks, the decision and a reviewer give', () => {
    const unlabelled = [...CHECK_REASON_CODES, ...REVIEW_REASON_CODES].flatMap((code) =>
      LOCALES.filter((locale) => reasonText(locale, code) === code).map((locale) => `${locale}: ${code}`),
    );
    expect(unlabelled).toEqual([]);
    for (const code of CHECK_REASON_CODES) expect(reasonText('hi', code)).not.toBe(reasonText('en', code));
  });

  it('reads a fix’s section prefix as its code, and the families by their part', () => {
    expect(reasonText('en', 'panDetails/pan_invalid')).toBe('PAN not valid');
    expect(reasonText('hi', 'panDetails/pan_invalid')).toBe('PAN मान्य नहीं');
    expect(reasonText('en', 'identity_name_partial_match')).toBe('Name on Aadhaar partly matches PAN');
    expect(reasonText('en', 'face_face_not_detected')).toBe('Face match: no face found');
    expect(reasonText('en', 'face_blurry_image')).toBe('Face match not made (blurry_image)');
    expect(reasonText('hi', 'face_blurry_image')).toBe('चेहरा मिलान नहीं हो सका (blurry_image)');
    expect(reasonText('en', 'provider_refused:invalid_pan')).toBe(
      'Verification service refused (invalid_pan)',
    );
    // <check>_<outcome>, which the decision writes for a check without a reason; face_match's before face_<status>.
    expect(reasonText('en', 'liveliness_indeterminate')).toBe('Liveliness: No clear answer');
    expect(reasonText('hi', 'liveliness_fail')).toBe('लाइवनेस: विफल');
    expect(reasonText('en', 'face_match_review')).toBe('Face match: For review');
  });

  it('shows a code it does not know as sent, never a blank', () => {
    for (const code of ['something_new', 'addressDetails/something_new', 'constructor', 'face_', 'pan_later'])
      expect(reasonText('en', code)).toBe(code);
  });
});
