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
  addressDetailsOf,
} from '../official-identity/parse.js';
import type { OfficialIdentityData } from '../official-identity/parse.js';

export interface Candidate {
  value: string | number;
  scope: string;
  confidence: number | null;
}

export interface ProposedField extends Candidate {
  field: string;
  /**
   * Every value found for the field, with its scope, when more than one was: `conflict` marks values
   * that disagree, and such a field is applied only with the scope the customer chose.
   */
  candidates?: Candidate[];
  conflict?: boolean;
}

export interface Proposal {
  verificationId: string;
  fields: ProposedField[];
  /** Accepted fields of sections not complete yet, by section: kept until the section can be written. */
  drafts?: Record<string, Record<string, string | number>>;
}

/** Not a profile field: the masked number is shown for the user to recognise, the identity is stored apart. */
export const AADHAAR_FIELD = '/aadhaar';
/** A new bank account (`-` appends, as in JSON Patch): proposed for the customer to complete (IFSC, type). */
export const BANK_ACCOUNT_FIELD = '/bankDetails/-/bankAccountNumber';
export const BANK_NAME_FIELD = '/bankDetails/-/bankName';
export const BANK_HOLDER_FIELD = '/bankDetails/-/nameAtBank';
export const BANK_IFSC_FIELD = '/bankDetails/-/ifscCode';

/** "KARNATAKA" is proposed as the profile writes it ("Karnataka"); an unknown name as sent, for validation to name. */
const state = profileState;

/**
 * The profile keeps an amount, Secure-Share a band: each band's lower bound is proposed, so income
 * is never overstated.
 */
const INCOME_BANDS: Record<string, number> = {
  BELOW_ONE_LAKH: 0,
  ONE_TO_FIVE_LAKHS: 100_000,
  FIVE_TO_TEN_LAKHS: 500_000,
  ABOVE_TEN_LAKHS: 1_000_000,
};

/** PAN 360 says "Individual or Person", the PAN scope "Individual". */
const isIndividual = (type: string | undefined) =>
  type !== undefined && ['individual', 'individual or person', 'person'].includes(type.toLowerCase());

type ScopeRecord = SecureShareUserDetailsResponse['scopes'][number]['records'][number];

function scopesOf(details: SecureShareUserDetailsResponse) {
  const records = new Map<string, ScopeRecord[]>();
  for (const { scope, records: list } of details.scopes)
    records.set(scope, [...(records.get(scope) ?? []), ...list]);
  return {
    has: (scope: string) => (records.get(scope)?.length ?? 0) > 0,
    /** Every record of the scope (Secure-Share may hold several: emails, addresses, accounts). */
    records: (scope: string) => records.get(scope) ?? [],
    /** The first record's value, for the AADHAAR identity, which is one person's. */
    get: (scope: string, key: string): unknown => records.get(scope)?.[0]?.metadata[key],
  };
}

/** Values that say the same ("John Doe" and "JOHN  DOE") are one candidate. */
const sameValue = (a: string | number, b: string | number) =>
  String(a).replace(/\s+/g, ' ').trim().toLowerCase() === String(b).replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The permanent address record: the one whose `type` says permanent; with no types given, the only
 * (or first) record; a record typed otherwise (current, correspondence) is not a permanent address.
 */
function permanentAddressRecord(records: ScopeRecord[]): ScopeRecord | undefined {
  const typed = (record: ScopeRecord) => text(record.metadata['type'])?.toLowerCase();
  return (
    records.find((record) => typed(record)?.startsWith('permanent')) ??
    records.find((record) => typed(record) === undefined)
  );
}

export function proposalFrom(details: SecureShareUserDetailsResponse): Proposal {
  const scopes = scopesOf(details);
  const fields: ProposedField[] = [];
  /** A candidate per record of each [scope, read] source, in order of preference; several that disagree are a conflict. */
  const propose = (
    field: string,
    ...sources: [string, (metadata: Record<string, unknown>) => string | number | undefined][]
  ) => {
    const found: Candidate[] = [];
    for (const [scope, read] of sources) {
      for (const record of scopes.records(scope)) {
        const value = read(record.metadata);
        if (value === undefined || found.some((candidate) => sameValue(candidate.value, value))) continue;
        found.push({ value, scope, confidence: record.confidence_score ?? null });
      }
    }
    const [first, ...others] = found;
    if (!first) return;
    fields.push(
      others.length > 0 ? { field, ...first, candidates: found, conflict: true } : { field, ...first },
    );
  };
  const key =
    (name: string, as: (value: unknown) => string | number | undefined = text) =>
    (metadata: Record<string, unknown>) =>
      as(metadata[name]);

  propose('/panDetails/panNumber', ['PAN', (metadata) => text(metadata['pan'])?.toUpperCase()]);
  propose('/panDetails/name', ['NAME', key('name')], ['PAN', key('name_pan_card')], ['AADHAAR', key('name')]);
  propose(
    '/panDetails/dateOfBirth',
    ['DOB', key('dob', officialDate)],
    ['AADHAAR', key('dob', officialDate)],
  );
  propose('/panDetails/mobileNo', ['MOBILE', key('mobile')]);
  propose('/panDetails/email', ['EMAIL', key('email')], ['AADHAAR', key('email')]);
  propose('/panDetails/iAm', [
    'PAN',
    (metadata) => (isIndividual(text(metadata['type'])) ? 'Individual' : undefined),
  ]);

  propose(
    '/profileDetails/gender',
    ['GENDER', key('gender', officialGender)],
    ['AADHAAR', key('gender', officialGender)],
  );
  propose('/profileDetails/occupation', ['OCCUPATION', key('occupation')]);
  propose('/profileDetails/annualIncome', [
    'INCOME',
    (metadata) => INCOME_BANDS[text(metadata['income']) ?? ''],
  ]);

  // One address, from one record: parts of two different addresses would make a third that is nobody's.
  const permanent = permanentAddressRecord(scopes.records('ADDRESS'));
  if (permanent) {
    const part = (name: string) => text(permanent.metadata[name]);
    const one = (field: string, value: string | undefined) => {
      if (value !== undefined)
        fields.push({ field, value, scope: 'ADDRESS', confidence: permanent.confidence_score ?? null });
    };
    one('/addressDetails/permanentAddress', part('complete_address'));
    one('/addressDetails/permanentState', state(part('state')));
    one('/addressDetails/permanentPincode', part('pincode'));
    // Secure-Share holds Indian addresses only.
    one('/addressDetails/permanentCountry', 'India');
  } else {
    const address = officialAddress(scopes.get('AADHAAR', 'split_address'));
    const details = address && addressDetailsOf(address);
    const one = (field: string, value: string | null | undefined) =>
      propose(field, ['AADHAAR', () => value ?? undefined]);
    one('/addressDetails/permanentAddress', details?.permanentAddress);
    one('/addressDetails/landmark', details?.landmark);
    one('/addressDetails/permanentCity', details?.permanentCity);
    one('/addressDetails/permanentState', details?.permanentState);
    one('/addressDetails/permanentPincode', details?.permanentPincode);
    one('/addressDetails/permanentCountry', details?.permanentCountry);
  }

  // The account is proposed as Secure-Share gives it (no account type, usually no IFSC): the customer completes it.
  propose(BANK_ACCOUNT_FIELD, ['BANK_ACCOUNT', key('bank_account')]);
  propose(BANK_NAME_FIELD, ['BANK_ACCOUNT', key('bank_name')]);
  propose(BANK_HOLDER_FIELD, ['BANK_ACCOUNT', key('name_at_bank')]);
  propose(BANK_IFSC_FIELD, ['BANK_ACCOUNT', (metadata) => text(metadata['ifsc'])?.toUpperCase()]);
  // The Aadhaar number is cut to its last 4 digits before anything is stored.
  propose(AADHAAR_FIELD, ['AADHAAR', key('aadhaar', aadhaarLast4)]);

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
  const mask = (value: string | number): { value: string | number; masked: boolean } => {
    if (proposed.field === '/panDetails/panNumber' || proposed.field === BANK_ACCOUNT_FIELD)
      return { value: keepLastFour(String(value)), masked: true };
    if (proposed.field === AADHAAR_FIELD) return { value: maskAadhaar(String(value)), masked: true };
    return { value, masked: false };
  };
  const shown = { ...proposed, ...mask(proposed.value) };
  if (proposed.candidates)
    shown.candidates = proposed.candidates.map((candidate) => ({
      ...candidate,
      value: mask(candidate.value).value,
    }));
  return shown;
}

/** Drafts as shown: a PAN in a draft to its last 4 characters, like the proposed field. */
export function maskedDrafts(drafts: NonNullable<Proposal['drafts']>): NonNullable<Proposal['drafts']> {
  return Object.fromEntries(
    Object.entries(drafts).map(([section, values]) => [
      section,
      Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          maskedField({ field: `/${section}/${name}`, value, scope: '', confidence: null }).value,
        ]),
      ),
    ]),
  );
}
