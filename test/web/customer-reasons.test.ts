import { describe, expect, it } from 'vitest';
import { CHECK_REASON_CODES } from '../../src/modules/kyc/reasons';
import { reasonKey, reasonMessages } from '../../web/onboard/src/journey/reasons';

describe('what the customer reads for a reason code', () => {
  it('has a sentence of its own, in English and Hindi, for every code the checks and the decision write', () => {
    expect(CHECK_REASON_CODES.filter((code) => reasonKey(code) === 'generic')).toEqual([]);
    for (const code of CHECK_REASON_CODES) {
      expect(reasonMessages.hi[reasonKey(code)]).not.toBe(reasonMessages.en[reasonKey(code)]);
      expect(reasonKey(`panDetails/${code}`)).toBe(reasonKey(code));
    }
  });

  it('reads the families by their kind, and an unknown code as the generic sentence', () => {
    expect(reasonKey('provider_refused:invalid_pan')).toBe('provider_refused');
    expect(reasonKey('face_blurry_image')).toBe('face_unchecked');
    expect(reasonKey('liveliness_indeterminate')).toBe('liveliness');
    expect(reasonKey('something_new')).toBe('generic');
  });
});
