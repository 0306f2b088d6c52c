/*
 * How the official identity is compared with what the applicant submitted: the rules the
 * identity_match check applies and the reviewer's field-by-field view shows (docs/kyc-checks.md).
 */
import type { OfficialAddress } from './parse.js';

/**
 * Cashfree's name-match API answers a score (0-1) but no class; the score is put in the classes its
 * PAN and bank answers use, so the same NAME_MATCH_PASS / NAME_MATCH_REVIEW settings decide.
 */
export function nameMatchClass(score: number): string {
  if (score >= 0.995) return 'DIRECT_MATCH';
  if (score >= 0.8) return 'GOOD_PARTIAL_MATCH';
  if (score >= 0.6) return 'MODERATE_PARTIAL_MATCH';
  if (score >= 0.3) return 'POOR_PARTIAL_MATCH';
  return 'NO_MATCH';
}

export type Agreement = 'equal' | 'differs' | 'unknown';

/** A submitted date (YYYY-MM-DD) against the official one (YYYY-MM-DD, or YYYY for a year only). */
export function compareDateOfBirth(
  submitted: string,
  official: string | undefined,
): Agreement | 'year_only' | 'year_differs' {
  if (!official) return 'unknown';
  if (/^\d{4}$/.test(official)) return submitted.startsWith(`${official}-`) ? 'year_only' : 'year_differs';
  return submitted === official ? 'equal' : 'differs';
}

/** Both genders known: equal or not; either unknown: unknown. */
export function compareGender(submitted: string | undefined, official: string | undefined): Agreement {
  if (!submitted || !official) return 'unknown';
  return submitted.trim().toLowerCase() === official.trim().toLowerCase() ? 'equal' : 'differs';
}

/** Short forms written either way in Indian addresses, read as one word. */
const SYNONYMS: Record<string, string> = {
  rd: 'road',
  st: 'street',
  stn: 'station',
  ln: 'lane',
  mg: 'mahatma gandhi',
  nr: 'near',
  opp: 'opposite',
  apt: 'apartment',
  apts: 'apartment',
  bldg: 'building',
  flr: 'floor',
  sec: 'sector',
  blr: 'bengaluru',
  bangalore: 'bengaluru',
  bombay: 'mumbai',
  madras: 'chennai',
  calcutta: 'kolkata',
  w: 'west',
  e: 'east',
};
/** Words that say nothing about where a place is. */
const FILLER = new Set([
  'no',
  'number',
  'the',
  'of',
  'and',
  'near',
  'opposite',
  'behind',
  'post',
  'po',
  'dist',
  'district',
  'india',
]);

/** Lower case, punctuation to spaces, short forms spelled out, filler dropped. */
export function addressWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .flatMap((word) => (SYNONYMS[word] ?? word).split(' '))
    .filter((word) => word.length > 0 && !FILLER.has(word));
  return new Set(words);
}

/** Share of the address's words (minimum, below which the official address is taken not to be the same place). */
export const ADDRESS_SIMILARITY_MIN = 0.6;

/** The submitted address parts, as the profile's addressDetails holds them. */
export interface SubmittedAddress {
  permanentAddress: string;
  landmark?: string | null;
  permanentCity: string;
  permanentPincode: string;
  permanentState: string;
}

export interface AddressComparison {
  pincode: Agreement;
  /** Share of the submitted address's words found in the official address (0-1, two decimals). */
  similarity: number;
  agrees: boolean;
}

/**
 * The submitted permanent address against the official one: the pincode must be equal and most words
 * of the submitted address (house, street, landmark, city, state) must appear in the official address,
 * which has more parts (post office, sub-district, district), so the share is taken of the submitted
 * words rather than of both.
 */
export function compareAddress(submitted: SubmittedAddress, official: OfficialAddress): AddressComparison {
  const pin = (value: string | undefined) => value?.replace(/\s/g, '');
  const pincode: Agreement = !official.pincode
    ? 'unknown'
    : pin(official.pincode) === pin(submitted.permanentPincode)
      ? 'equal'
      : 'differs';
  const mine = addressWords(
    [
      submitted.permanentAddress,
      submitted.landmark ?? '',
      submitted.permanentCity,
      submitted.permanentState,
    ].join(' '),
  );
  const theirs = addressWords(
    [
      official.house,
      official.street,
      official.landmark,
      official.city,
      official.postOffice,
      official.subDistrict,
      official.district,
      official.state,
    ]
      .filter(Boolean)
      .join(' '),
  );
  const shared = [...mine].filter((word) => theirs.has(word)).length;
  const similarity = mine.size === 0 ? 0 : Math.round((shared / mine.size) * 100) / 100;
  return { pincode, similarity, agrees: pincode === 'equal' && similarity >= ADDRESS_SIMILARITY_MIN };
}
