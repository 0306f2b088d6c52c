/*
 * The four account-opening declarations (nomination, FATCA/CRS, PEP, trading segments): their fixed value sets and
 * their normalisers. Sources for the rules: docs/compliance-research.md (nomination §1, segments and income proof).
 */
import type { FieldErrorCollector } from './validators.js';
import {
  pointer,
  validateDateOfBirth,
  validateEnum,
  validatePersonName,
  validateText,
} from './validators.js';
import type { Check } from './validators.js';
import { normaliseDocument } from './normalise-document.js';
import type { DocumentInput } from './sections.js';
import type {
  FatcaDetailsInput,
  NominationDetailsInput,
  PepDetailsInput,
  TradingPreferencesInput,
} from './declaration-schemas.js';

export const RELATIONSHIPS = [
  'spouse',
  'son',
  'daughter',
  'father',
  'mother',
  'brother',
  'sister',
  'grandparent',
  'grandchild',
  'other',
] as const;
export const NOMINEE_ID_TYPES = ['pan', 'aadhaar_last4', 'driving_licence', 'passport'] as const;
export const NO_TIN_REASONS = ['not_issued', 'not_required', 'other'] as const;
export const SEGMENTS = ['cash', 'fno', 'currency', 'commodity'] as const;
/** Every derivatives segment needs income proof, currency derivatives included (compliance research §0). */
export const DERIVATIVE_SEGMENTS: readonly Segment[] = ['fno', 'currency', 'commodity'];
/** Closed ranges in rupees a year, lowest first. */
export const INCOME_RANGES = [
  'below_1_lakh',
  '1_5_lakh',
  '5_10_lakh',
  '10_25_lakh',
  '25_lakh_1_crore',
  'above_1_crore',
] as const;
export const INCOME_PROOF_TYPES = ['bank_statement', 'salary_slip', 'itr'] as const;
export const MAX_TAX_RESIDENCIES = 4;

/** ISO 3166-1 alpha-2 codes. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
  'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
  'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
  'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

export type Relationship = (typeof RELATIONSHIPS)[number];
export type NomineeIdType = (typeof NOMINEE_ID_TYPES)[number];
export type Segment = (typeof SEGMENTS)[number];
export type IncomeRange = (typeof INCOME_RANGES)[number];
export type IncomeProofType = (typeof INCOME_PROOF_TYPES)[number];

export interface Nominee {
  name: string;
  relationship: Relationship;
  dateOfBirth: string;
  allocationPercent?: number;
  guardian?: { name: string; relationship: Relationship; address: string };
  idType?: NomineeIdType;
  idNumber?: string;
}
export type Nomination = { optOut: true } | { optOut: false; nominees: Nominee[] };
/** As stored: the server stamps `optOutDeclaredAt` when it saves an opt-out. */
export type StoredNomination =
  { optOut: true; optOutDeclaredAt: string } | { optOut: false; nominees: Nominee[] };

export interface TaxResidency {
  country: string;
  tin?: string;
  noTinReason?: (typeof NO_TIN_REASONS)[number];
}
export interface FatcaDeclaration {
  taxResidentOutsideIndia: boolean;
  taxResidencies: TaxResidency[];
  countryOfBirth: string;
  cityOfBirth: string;
  nationality: string;
}
export interface PepDeclaration {
  politicallyExposed: boolean;
  relatedToPoliticallyExposed: boolean;
}
export interface TradingPreferences<Document = DocumentInput> {
  segments: Segment[];
  incomeRange: IncomeRange;
  incomeProof?: { documentType: IncomeProofType; document: Document };
}

/** The character getDetails masks identity numbers with; it is never part of a valid number. */
export const MASK = '*';
/** All but the last four characters masked (an Aadhaar last 4 stays as it is). */
export const maskIdNumber = (value: string) => MASK.repeat(Math.max(0, value.length - 4)) + value.slice(-4);

export interface DeclarationContext {
  errors: FieldErrorCollector;
  now: Date;
  maxNominees: number;
}

const valid = <T>(value: T): Check<T> => ({ ok: true, value });
const invalid = (code: string, message: string): Check<never> => ({ ok: false, code, message });
const upper = (value: string) =>
  value
    .trim()
    .replace(/[\s-]+/g, '')
    .toUpperCase();

const ID_FORMATS: Record<NomineeIdType, { pattern: RegExp; message: string }> = {
  pan: {
    pattern: /^[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]$/,
    message: 'A PAN is 5 letters, 4 digits and a letter',
  },
  aadhaar_last4: { pattern: /^\d{4}$/, message: 'Only the last 4 digits of the Aadhaar number' },
  driving_licence: {
    pattern: /^[A-Z]{2}\d{2}[0-9A-Z]{9,12}$/,
    message: 'A driving licence number starts with the state code and RTO number (e.g. MH1420110062821)',
  },
  passport: { pattern: /^[A-Z]\d{7}$/, message: 'An Indian passport number is a letter and 7 digits' },
};

/** An identity number in its type's format; a masked value (as getDetails returned it) is kept for the service. */
export function validateNomineeId(idType: NomineeIdType, input: string): Check<string> {
  if (input.includes(MASK)) return valid(input.trim());
  const value = upper(input);
  const format = ID_FORMATS[idType];
  return format.pattern.test(value) ? valid(value) : invalid('invalid_id_number', format.message);
}

function validateCountry(input: unknown): Check<string> {
  if (typeof input !== 'string') return invalid('invalid_type', 'Must be a string');
  const code = input.trim().toUpperCase();
  return COUNTRY_CODES.includes(code)
    ? valid(code)
    : invalid('invalid_country', 'Must be an ISO 3166-1 alpha-2 country code such as IN or US');
}

/** A share in percent: above 0, at most 100, with up to 2 decimals. */
function validatePercent(input: number): Check<number> {
  const hundredths = Math.round(input * 100);
  // Within rounding error of a whole number of hundredths (33.34 * 100 is 3333.9999...).
  if (input <= 0 || input > 100 || Math.abs(hundredths - input * 100) > 1e-6)
    return invalid('invalid_percent', 'Must be above 0 and at most 100, with up to 2 decimals');
  return valid(hundredths / 100);
}

const isMinor = (dateOfBirth: string, now: Date) =>
  !validateDateOfBirth(dateOfBirth, now, { maxAge: 200 }).ok;

export function normaliseNomination(
  input: NominationDetailsInput,
  { errors, now, maxNominees }: DeclarationContext,
): Nomination {
  const base = '/nominationDetails';
  const nominees = input.nominees ?? [];
  if (input.optOut) {
    if (nominees.length > 0)
      errors.add(`${base}/nominees`, 'not_allowed', 'Opting out of nomination leaves no nominees');
    return { optOut: true };
  }
  if (nominees.length === 0) errors.add(`${base}/nominees`, 'required', 'Name a nominee, or opt out');
  if (nominees.length > maxNominees)
    errors.add(`${base}/nominees`, 'too_many_nominees', `At most ${maxNominees} nominees`);
  const normalised = nominees.map((nominee, index): Nominee => {
    const path = (...names: string[]) => pointer('nominationDetails', 'nominees', index, ...names);
    const dateOfBirth = errors.check(
      path('dateOfBirth'),
      validateDateOfBirth(nominee.dateOfBirth, now, { minAge: 0 }),
    );
    const result: Nominee = {
      name: errors.check(path('name'), validatePersonName(nominee.name))!,
      relationship: errors.check(path('relationship'), validateEnum(nominee.relationship, RELATIONSHIPS))!,
      dateOfBirth: dateOfBirth!,
    };
    if (nominee.allocationPercent !== undefined)
      result.allocationPercent = errors.check(
        path('allocationPercent'),
        validatePercent(nominee.allocationPercent),
      )!;
    if (nominee.guardian !== undefined) {
      if (dateOfBirth !== undefined && !isMinor(dateOfBirth, now))
        errors.add(path('guardian'), 'not_allowed', 'A guardian is only for a nominee under 18');
      result.guardian = {
        name: errors.check(path('guardian', 'name'), validatePersonName(nominee.guardian.name))!,
        relationship: errors.check(
          path('guardian', 'relationship'),
          validateEnum(nominee.guardian.relationship, RELATIONSHIPS),
        )!,
        address: errors.check(
          path('guardian', 'address'),
          validateText(nominee.guardian.address, { min: 10, max: 300 }),
        )!,
      };
    }
    if ((nominee.idType === undefined) !== (nominee.idNumber === undefined)) {
      errors.add(
        path(nominee.idType === undefined ? 'idType' : 'idNumber'),
        'required',
        'idType and idNumber go together',
      );
    } else if (nominee.idType !== undefined && nominee.idNumber !== undefined) {
      const idType = errors.check(path('idType'), validateEnum(nominee.idType, NOMINEE_ID_TYPES));
      if (idType) {
        result.idType = idType;
        result.idNumber = errors.check(path('idNumber'), validateNomineeId(idType, nominee.idNumber))!;
      }
    }
    return result;
  });
  // Counted from what was sent, so an invalid share is reported once, as invalid.
  const withShare = nominees.filter((nominee) => nominee.allocationPercent !== undefined).length;
  if (withShare > 0 && withShare < nominees.length) {
    nominees.forEach((nominee, index) => {
      if (nominee.allocationPercent === undefined)
        errors.add(
          pointer('nominationDetails', 'nominees', index, 'allocationPercent'),
          'required',
          'Give every nominee a share, or none (an equal split)',
        );
    });
  } else if (withShare > 0 && normalised.every((nominee) => nominee.allocationPercent !== undefined)) {
    // In hundredths, so 33.33 + 33.33 + 33.34 is exactly 100.
    const total = normalised.reduce((sum, nominee) => sum + Math.round(nominee.allocationPercent! * 100), 0);
    if (total !== 100_00)
      errors.add(`${base}/nominees`, 'allocation_not_100', `The shares add up to ${total / 100}, not 100`);
  }
  return { optOut: false, nominees: normalised };
}

export function normaliseFatca(input: FatcaDetailsInput, { errors }: DeclarationContext): FatcaDeclaration {
  const base = '/fatcaDetails';
  const residencies = input.taxResidencies ?? [];
  if (input.taxResidentOutsideIndia && residencies.length === 0)
    errors.add(
      `${base}/taxResidencies`,
      'required',
      'List each country outside India where you are tax resident',
    );
  if (!input.taxResidentOutsideIndia && residencies.length > 0)
    errors.add(`${base}/taxResidencies`, 'not_allowed', 'Only for a tax resident outside India');
  const seen = new Set<string>();
  const taxResidencies = residencies.map((residency, index): TaxResidency => {
    const path = (name: string) => pointer('fatcaDetails', 'taxResidencies', index, name);
    const country = errors.check(path('country'), validateCountry(residency.country));
    if (country === 'IN') errors.add(path('country'), 'invalid_country', 'List countries other than India');
    if (country && seen.has(country))
      errors.add(path('country'), 'duplicate_country', 'This country is listed twice');
    if (country) seen.add(country);
    const result: TaxResidency = { country: country! };
    const tin =
      residency.tin === undefined
        ? undefined
        : errors.check(path('tin'), validateText(residency.tin, { min: 1, max: 40 }));
    if ((tin === undefined) === (residency.noTinReason === undefined))
      errors.add(path('tin'), 'tin_or_reason', 'Give either the tax identification number or noTinReason');
    if (tin !== undefined) result.tin = tin;
    if (residency.noTinReason !== undefined)
      result.noTinReason = errors.check(
        path('noTinReason'),
        validateEnum(residency.noTinReason, NO_TIN_REASONS),
      )!;
    return result;
  });
  return {
    taxResidentOutsideIndia: input.taxResidentOutsideIndia,
    taxResidencies,
    countryOfBirth: errors.check(`${base}/countryOfBirth`, validateCountry(input.countryOfBirth))!,
    cityOfBirth: errors.check(`${base}/cityOfBirth`, validateText(input.cityOfBirth, { min: 2, max: 100 }))!,
    nationality: errors.check(`${base}/nationality`, validateCountry(input.nationality))!,
  };
}

export function normalisePep(input: PepDetailsInput): PepDeclaration {
  return {
    politicallyExposed: input.politicallyExposed,
    relatedToPoliticallyExposed: input.relatedToPoliticallyExposed,
  };
}

export async function normaliseTradingPreferences(
  input: TradingPreferencesInput,
  { errors }: DeclarationContext,
): Promise<TradingPreferences> {
  const base = '/tradingPreferences';
  const chosen = new Set<Segment>();
  input.segments.forEach((segment, index) => {
    const value = errors.check(
      pointer('tradingPreferences', 'segments', index),
      validateEnum(segment, SEGMENTS),
    );
    if (value) chosen.add(value);
  });
  if (input.segments.length === 0) errors.add(`${base}/segments`, 'required', 'Choose at least one segment');
  // In the fixed order, so the same choice compares equal however it was sent.
  const segments = SEGMENTS.filter((segment) => chosen.has(segment));
  const result: TradingPreferences = {
    segments,
    incomeRange: errors.check(`${base}/incomeRange`, validateEnum(input.incomeRange, INCOME_RANGES))!,
  };
  const needsProof = segments.some((segment) => DERIVATIVE_SEGMENTS.includes(segment));
  if (input.incomeProof) {
    const documentType = errors.check(
      `${base}/incomeProof/documentType`,
      validateEnum(input.incomeProof.documentType, INCOME_PROOF_TYPES),
    );
    const document = await normaliseDocument(input.incomeProof.document, `${base}/incomeProof/document`);
    if (documentType && document) result.incomeProof = { documentType, document };
  } else if (needsProof) {
    errors.add(
      `${base}/incomeProof`,
      'required',
      'Derivatives segments (fno, currency, commodity) need income proof',
    );
  }
  return result;
}
