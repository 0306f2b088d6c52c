/*
 * Secure-Share's user details mapped onto update_data's fields. Each proposed field names its place
 * in the profile (a JSON pointer into update_data's body), the scope it came from and Cashfree's
 * confidence for that scope (null where Cashfree gives none).
 */
import type { SecureShareUserDetailsResponse } from '../../providers/cashfree/index.js';
import { keepLastFour } from '../../providers/cashfree/index.js';
import {
  aadhaarLast4,
  maskAadhaar,
  officialAddress,
  officialDate,
  officialDateOfBirth,
  officialGender,
  officialPhoto,
  profileState,
  text,
} from '../official-identity/parse.js';
import type { OfficialIdentityData } from '../official-identity/parse.js';

export interface ProposedField {
  field: string;
  value: string | number;
  scope: string;
  confidence: number | null;
}

export interface Proposal {
  verificationId: string;
  fields: ProposedField[];
}

/** Not a profile field: the masked number is shown for the user to recognise, the identity is stored apart. */
export const AADHAAR_FIELD = '/aadhaar';
/** A new bank account (`-` appends, as in JSON Patch). */
export const BANK_ACCOUNT_FIELD = '/bankDetails/-/bankAccountNumber';
export const BANK_NAME_FIELD = '/bankDetails/-/bankName';

/**
 * The profile keeps an amount, Secure-Share a band: each band's lower bound is proposed, so income
 * is never overstated.
 */
/** "KARNATAKA" is proposed as the profile writes it ("Karnataka"); an unknown name as sent, for validation to name. */
const state = profileState;

const INCOME_BANDS: Record<string, number> = {
  BELOW_ONE_LAKH: 0,
  ONE_TO_FIVE_LAKHS: 100_000,
  FIVE_TO_TEN_LAKHS: 500_000,
  ABOVE_TEN_LAKHS: 1_000_000,
};

type ScopeRecord = SecureShareUserDetailsResponse['scopes'][number]['records'][number];

function scopesOf(details: SecureShareUserDetailsResponse) {
  const records = new Map<string, ScopeRecord>();
  for (const { scope, records: list } of details.scopes) {
    if (list[0] && !records.has(scope)) records.set(scope, list[0]);
  }
  return {
    has: (scope: string) => records.has(scope),
    get: (scope: string, key: string): unknown => records.get(scope)?.metadata[key],
    confidence: (scope: string) => records.get(scope)?.confidence_score ?? null,
  };
}

export function proposalFrom(details: SecureShareUserDetailsResponse): Proposal {
  const scopes = scopesOf(details);
  const fields: ProposedField[] = [];
  /** Proposes the first candidate that has a value: [scope, value] pairs in order of preference. */
  const propose = (field: string, ...candidates: [string, string | number | undefined][]) => {
    const found = candidates.find(([, value]) => value !== undefined);
    if (found)
      fields.push({ field, value: found[1]!, scope: found[0], confidence: scopes.confidence(found[0]) });
  };

  const panType = text(scopes.get('PAN', 'type'))?.toLowerCase();
  propose('/panDetails/panNumber', ['PAN', text(scopes.get('PAN', 'pan'))?.toUpperCase()]);
  propose(
    '/panDetails/name',
    ['NAME', text(scopes.get('NAME', 'name'))],
    ['PAN', text(scopes.get('PAN', 'name_pan_card'))],
    ['AADHAAR', text(scopes.get('AADHAAR', 'name'))],
  );
  propose(
    '/panDetails/dateOfBirth',
    ['DOB', officialDate(scopes.get('DOB', 'dob'))],
    ['AADHAAR', officialDate(scopes.get('AADHAAR', 'dob'))],
  );
  propose('/panDetails/mobileNo', ['MOBILE', text(scopes.get('MOBILE', 'mobile'))]);
  propose(
    '/panDetails/email',
    ['EMAIL', text(scopes.get('EMAIL', 'email'))],
    ['AADHAAR', text(scopes.get('AADHAAR', 'email'))],
  );
  propose('/panDetails/iAm', ['PAN', panType === 'individual' ? 'Individual' : undefined]);

  propose(
    '/profileDetails/gender',
    ['GENDER', officialGender(scopes.get('GENDER', 'gender'))],
    ['AADHAAR', officialGender(scopes.get('AADHAAR', 'gender'))],
  );
  propose('/profileDetails/occupation', ['OCCUPATION', text(scopes.get('OCCUPATION', 'occupation'))]);
  propose('/profileDetails/annualIncome', [
    'INCOME',
    INCOME_BANDS[text(scopes.get('INCOME', 'income')) ?? ''],
  ]);

  // One address, from one scope: parts of two different addresses would make a third that is nobody's.
  if (scopes.has('ADDRESS')) {
    const part = (key: string) => text(scopes.get('ADDRESS', key));
    propose('/addressDetails/permanentAddress', ['ADDRESS', part('complete_address')]);
    propose('/addressDetails/permanentState', ['ADDRESS', state(part('state'))]);
    propose('/addressDetails/permanentPincode', ['ADDRESS', part('pincode')]);
    // Secure-Share holds Indian addresses only.
    propose('/addressDetails/permanentCountry', ['ADDRESS', 'India']);
  } else {
    const address = officialAddress(scopes.get('AADHAAR', 'split_address'));
    const line = [address?.house, address?.street].filter(Boolean).join(', ');
    propose('/addressDetails/permanentAddress', ['AADHAAR', line || undefined]);
    propose('/addressDetails/landmark', ['AADHAAR', address?.landmark]);
    propose('/addressDetails/permanentCity', ['AADHAAR', address?.city ?? address?.district]);
    propose('/addressDetails/permanentState', ['AADHAAR', state(address?.state)]);
    propose('/addressDetails/permanentPincode', ['AADHAAR', address?.pincode]);
    propose('/addressDetails/permanentCountry', ['AADHAAR', address?.country]);
  }

  propose(BANK_ACCOUNT_FIELD, ['BANK_ACCOUNT', text(scopes.get('BANK_ACCOUNT', 'bank_account'))]);
  propose(BANK_NAME_FIELD, ['BANK_ACCOUNT', text(scopes.get('BANK_ACCOUNT', 'bank_name'))]);
  // The Aadhaar number is cut to its last 4 digits before anything is stored.
  propose(AADHAAR_FIELD, ['AADHAAR', aadhaarLast4(scopes.get('AADHAAR', 'aadhaar'))]);

  return { verificationId: details.verification_id, fields };
}

/** The Aadhaar-derived identity of the AADHAAR scope, when the user shared it. */
export async function aadhaarIdentityFrom(
  details: SecureShareUserDetailsResponse,
): Promise<OfficialIdentityData | undefined> {
  const scopes = scopesOf(details);
  if (!scopes.has('AADHAAR')) return undefined;
  const get = (key: string) => scopes.get('AADHAAR', key);
  return {
    name: text(get('name')),
    dateOfBirth: officialDateOfBirth(get('dob'), get('year_of_birth')),
    gender: officialGender(get('gender')),
    address: officialAddress(get('split_address')),
    aadhaarLast4: aadhaarLast4(get('aadhaar')),
    photo: await officialPhoto(get('photo_link')),
  };
}

/** Identity numbers leave the service masked: PAN and account to their last 4 characters, Aadhaar as XXXX XXXX 1234. */
export function maskedField(proposed: ProposedField): ProposedField & { masked: boolean } {
  const value = String(proposed.value);
  if (proposed.field === '/panDetails/panNumber' || proposed.field === BANK_ACCOUNT_FIELD) {
    return { ...proposed, value: keepLastFour(value), masked: true };
  }
  if (proposed.field === AADHAAR_FIELD) return { ...proposed, value: maskAadhaar(value), masked: true };
  return { ...proposed, masked: false };
}
