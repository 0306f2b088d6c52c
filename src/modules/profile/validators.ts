import { domainToASCII } from 'node:url';
import { fieldError, validationFailed } from '../../lib/errors.js';
import type { FieldError } from '../../lib/errors.js';
import { canonicalStateName } from './india.js';
import type { IndianState } from './india.js';

// Every validator takes an untrusted value, normalises it, and returns a result instead of throwing, so a caller can
// check a whole section and answer with every problem at once (see FieldErrorCollector).

export interface Invalid {
  ok: false;
  /** Stable, machine-readable reason, e.g. `invalid_pan`. */
  code: string;
  message: string;
  /** JSON-pointer path below the checked value when a composite check blames one part, e.g. `/dpID`. */
  field?: string;
}

export type Check<T> = { ok: true; value: T } | Invalid;

const valid = <T>(value: T): Check<T> => ({ ok: true, value });

const invalid = (code: string, message: string, field?: string): Invalid =>
  field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };

const notAString = (): Invalid => invalid('invalid_type', 'Must be a string');

/** JSON pointer (RFC 6901) from path segments: `pointer('bankDetails', 1, 'ifscCode')` is `/bankDetails/1/ifscCode`. */
export function pointer(...segments: (string | number)[]): string {
  return segments
    .map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

/** Collects the failures of many checks under their paths and throws one 400 `validation_failed` naming them all. */
export class FieldErrorCollector {
  readonly errors: FieldError[] = [];

  /** The normalised value, or `undefined` after recording the failure under `path`. */
  check<T>(path: string, result: Check<T>): T | undefined {
    if (result.ok) return result.value;
    this.add(path + (result.field ?? ''), result.code, result.message);
    return undefined;
  }

  add(path: string, code: string, message: string): void {
    this.errors.push({ field: path, code, message });
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw validationFailed([...this.errors]);
  }
}

/** For a single value: the normalised value, or a thrown 400 naming `path`. */
export function expectValid<T>(path: string, result: Check<T>): T {
  if (result.ok) return result.value;
  throw fieldError(path + (result.field ?? ''), result.code, result.message);
}

/** Upper-cases ASCII letters only, so no Unicode case mapping can turn other characters into valid ones. */
const asciiUpper = (value: string) => value.replace(/[a-z]+/g, (letters) => letters.toUpperCase());

/** Case-insensitive match against a fixed set; returns the set's spelling. */
export function validateEnum<const T extends string>(input: unknown, values: readonly T[]): Check<T> {
  if (typeof input !== 'string') return notAString();
  const wanted = input.trim().toLowerCase();
  const match = values.find((value) => value.toLowerCase() === wanted);
  return match === undefined
    ? invalid('invalid_value', `Must be one of: ${values.join(', ')}`)
    : valid(match);
}

// ---------------------------------------------------------------------------------------------------------------
// PAN

/** The fixed sets the profile's choice fields take (matched case-insensitively, stored in these spellings). */
export const GENDERS = ['Male', 'Female', 'Others'] as const;
export const ACCOUNT_TYPES = ['Saving', 'Current'] as const;
export const COUNTRIES = ['India'] as const;

/** The original contract's `iAm` values. */
export const IAM_VALUES = ['Individual', 'Mutual'] as const;
export type IAm = (typeof IAM_VALUES)[number];

/** The PAN's 4th character: the holder's status under the Income-tax Department's scheme. */
export const PAN_HOLDER_TYPES = {
  P: 'Individual',
  C: 'Company',
  H: 'Hindu Undivided Family',
  F: 'Firm',
  A: 'Association of Persons',
  T: 'Trust',
  B: 'Body of Individuals',
  L: 'Local authority',
  J: 'Artificial juridical person',
  G: 'Government',
} as const;
export type PanHolderType = keyof typeof PAN_HOLDER_TYPES;

/** Indian mutual funds are constituted as trusts (SEBI (Mutual Funds) Regulations 1996), so their PANs carry `T`. */
export const PAN_HOLDER_TYPE_BY_IAM: Record<IAm, PanHolderType> = { Individual: 'P', Mutual: 'T' };

const PAN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

const isPanHolderType = (char: string | undefined): char is PanHolderType =>
  char !== undefined && Object.hasOwn(PAN_HOLDER_TYPES, char);

export const validateIAm = (input: unknown): Check<IAm> => validateEnum(input, IAM_VALUES);

/** Upper-cased PAN; with `iAm`, its 4th character must be that holder type (`P` for an individual). */
export function validatePan(input: unknown, iAm?: IAm): Check<string> {
  if (typeof input !== 'string') return notAString();
  const pan = asciiUpper(input.trim());
  if (!PAN.test(pan))
    return invalid('invalid_pan', 'PAN must be 5 letters, 4 digits and a letter, e.g. ABCPE1234F');
  const holderType = pan[3];
  if (!isPanHolderType(holderType)) {
    return invalid('invalid_pan', 'The 4th character of the PAN is not a known holder type');
  }
  if (iAm !== undefined && holderType !== PAN_HOLDER_TYPE_BY_IAM[iAm]) {
    return invalid(
      'pan_holder_type_mismatch',
      `The PAN belongs to a ${PAN_HOLDER_TYPES[holderType]} (4th character ${holderType}); for ${iAm} it must be ${PAN_HOLDER_TYPE_BY_IAM[iAm]}`,
    );
  }
  return valid(pan);
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function parseIsoDate(input: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(input);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const isReal =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isReal ? { year, month, day } : undefined;
}

// Ages count by the calendar in India, so "today" is the date in Indian Standard Time (UTC+05:30, no daylight saving).
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

function todayInIndia(now: Date): CalendarDate {
  const shifted = new Date(now.getTime() + IST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Completed years; someone born on 29 February comes of age on 1 March in common years. */
function ageOn(today: CalendarDate, birth: CalendarDate): number {
  const hadBirthday = today.month > birth.month || (today.month === birth.month && today.day >= birth.day);
  return today.year - birth.year - (hadBirthday ? 0 : 1);
}

export interface AgeLimits {
  minAge?: number;
  maxAge?: number;
}

/** A real `YYYY-MM-DD` date, not in the future, giving an age from 18 to 120 (inclusive) on `now`. */
export function validateDateOfBirth(
  input: unknown,
  now: Date,
  { minAge = 18, maxAge = 120 }: AgeLimits = {},
): Check<string> {
  if (typeof input !== 'string') return notAString();
  const birth = parseIsoDate(input);
  if (!birth) return invalid('invalid_date', 'Date of birth must be a real date written YYYY-MM-DD');
  const today = todayInIndia(now);
  const birthKey = birth.year * 10_000 + birth.month * 100 + birth.day;
  if (birthKey > today.year * 10_000 + today.month * 100 + today.day) {
    return invalid('date_in_future', 'Date of birth cannot be in the future');
  }
  const age = ageOn(today, birth);
  if (age < minAge) return invalid('too_young', `Must be at least ${minAge} years old`);
  if (age > maxAge) return invalid('too_old', `Age cannot be more than ${maxAge} years`);
  return valid(input);
}

// ---------------------------------------------------------------------------------------------------------------
// Contact details

const INDIAN_MOBILE = /^[6-9][0-9]{9}$/;

/** Ten digits starting 6-9; accepts `+91`, `91` or `0` in front and spaces or hyphens anywhere. */
export function validateMobile(input: unknown): Check<string> {
  if (typeof input !== 'string') return notAString();
  let digits = input.trim().replace(/[\s-]+/g, '');
  if (digits.startsWith('+91')) digits = digits.slice(3);
  else if (digits.length === 12 && digits.startsWith('91')) digits = digits.slice(2);
  else if (digits.length === 11 && digits.startsWith('0')) digits = digits.slice(1);
  return INDIAN_MOBILE.test(digits)
    ? valid(digits)
    : invalid(
        'invalid_mobile',
        'Mobile number must be an Indian mobile number: 10 digits starting with 6, 7, 8 or 9',
      );
}

export const EMAIL_MAX_LENGTH = 254;
// RFC 5322 dot-atom; `.` is outside the character class, so the pattern cannot backtrack.
const EMAIL_LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Trimmed and lower-cased, internationalised domain in punycode. The local part must be ASCII (no SMTPUTF8), and
 * quoted local parts, IP-address domains and display names are refused.
 */
export function validateEmail(input: unknown): Check<string> {
  if (typeof input !== 'string') return notAString();
  const bad = invalid('invalid_email', 'Must be a valid email address such as name@example.com');
  const trimmed = input.trim();
  if (trimmed.length > EMAIL_MAX_LENGTH * 4) return bad;
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || trimmed.indexOf('@') !== at) return bad;
  const local = trimmed.slice(0, at);
  if (local.length > 64 || !EMAIL_LOCAL_PART.test(local)) return bad;
  // domainToASCII applies UTS #46 mapping (NFKC, case folding) and returns '' for domains it cannot convert.
  const domain = domainToASCII(trimmed.slice(at + 1));
  const labels = domain.split('.');
  const topLevel = labels.at(-1) ?? '';
  if (
    labels.length < 2 ||
    !labels.every((label) => DNS_LABEL.test(label)) ||
    !TOP_LEVEL_DOMAIN.test(topLevel)
  ) {
    return bad;
  }
  const email = `${local.toLowerCase()}@${domain}`;
  if (email.length > EMAIL_MAX_LENGTH) {
    return invalid('too_long', `Email address must be at most ${EMAIL_MAX_LENGTH} characters`);
  }
  return valid(email);
}

// ---------------------------------------------------------------------------------------------------------------
// Address

const PINCODE = /^[1-9][0-9]{5}$/;

export function validatePincode(input: unknown): Check<string> {
  if (typeof input !== 'string') return notAString();
  const pincode = input.trim();
  return PINCODE.test(pincode)
    ? valid(pincode)
    : invalid('invalid_pincode', 'PIN code must be 6 digits and cannot start with 0');
}

/** One of India's states or union territories, returned by its canonical name ("orissa" gives "Odisha"). */
export function validateState(input: unknown): Check<IndianState> {
  if (typeof input !== 'string') return notAString();
  const state = canonicalStateName(input);
  return state === undefined
    ? invalid('invalid_state', 'Must be the name of a state or union territory of India')
    : valid(state);
}

// ---------------------------------------------------------------------------------------------------------------
// Bank and demat accounts

const IFSC = /^[A-Z]{4}0[A-Z0-9]{6}$/;

export function validateIfsc(input: unknown): Check<string> {
  if (typeof input !== 'string') return notAString();
  const ifsc = asciiUpper(input.trim());
  return IFSC.test(ifsc)
    ? valid(ifsc)
    : invalid(
        'invalid_ifsc',
        'IFSC must be 11 characters: 4 letters, a 0, then 6 letters or digits, e.g. HDFC0001234',
      );
}

const BANK_ACCOUNT_NUMBER = /^[0-9]{9,18}$/;

/** 9-18 digits, as a string (leading zeros kept) or a safe integer; always returned as a string. */
export function validateBankAccountNumber(input: unknown): Check<string> {
  let accountNumber: string;
  if (typeof input === 'number') {
    // JSON numbers past 2^53 have already lost digits by the time they reach us; only the client can fix that.
    if (Number.isInteger(input) && !Number.isSafeInteger(input)) {
      return invalid('unsafe_integer', 'Account number is too long to send as a number: send it as a string');
    }
    accountNumber = Number.isInteger(input) && input >= 0 ? String(input) : '';
  } else if (typeof input === 'string') {
    accountNumber = input.trim();
  } else {
    return invalid('invalid_type', 'Must be a string of digits');
  }
  return BANK_ACCOUNT_NUMBER.test(accountNumber)
    ? valid(accountNumber)
    : invalid('invalid_account_number', 'Account number must be 9 to 18 digits');
}

export const DEPOSITORIES = ['NSDL', 'CDSL'] as const;
export type Depository = (typeof DEPOSITORIES)[number];

export interface DematAccountIds {
  depository: Depository;
  dpID: string;
  clientID: string;
}

const DP_ID = { NSDL: /^IN[0-9]{6}$/, CDSL: /^[0-9]{8}$/ } as const;
const BO_ID = { NSDL: /^IN[0-9]{14}$/, CDSL: /^[0-9]{16}$/ } as const;
const CLIENT_ID = /^[0-9]{8}$/;
const DP_ID_FORMAT = { NSDL: 'IN followed by 6 digits', CDSL: '8 digits' } as const;

/**
 * NSDL: DP ID `IN` + 6 digits and an 8-digit client ID; CDSL: 8 + 8 digits. A full 16-character BO ID given as the
 * client ID is split into the two (the DP ID may then be left empty, or must equal its first 8 characters).
 */
export function validateDematAccount(input: {
  depository: unknown;
  dpID?: unknown;
  clientID: unknown;
}): Check<DematAccountIds> {
  const depository = validateEnum(input.depository, DEPOSITORIES);
  if (!depository.ok) return { ...depository, field: '/depository' };
  if (typeof input.clientID !== 'string') return { ...notAString(), field: '/clientID' };
  if (input.dpID !== undefined && input.dpID !== null && typeof input.dpID !== 'string') {
    return { ...notAString(), field: '/dpID' };
  }
  const kind = depository.value;
  let dpID = asciiUpper((input.dpID ?? '').trim());
  let clientID = asciiUpper(input.clientID.trim());

  if (BO_ID[kind].test(clientID)) {
    const [boDpId, boClientId] = [clientID.slice(0, 8), clientID.slice(8)];
    if (dpID !== '' && dpID !== boDpId) {
      return invalid(
        'dp_id_mismatch',
        'DP ID does not match the first 8 characters of the BO ID given as client ID',
        '/dpID',
      );
    }
    [dpID, clientID] = [boDpId, boClientId];
  }
  if (!DP_ID[kind].test(dpID)) {
    return invalid('invalid_dp_id', `${kind} DP ID must be ${DP_ID_FORMAT[kind]}`, '/dpID');
  }
  if (!CLIENT_ID.test(clientID)) {
    return invalid('invalid_client_id', `${kind} client ID must be 8 digits`, '/clientID');
  }
  return valid({ depository: kind, dpID, clientID });
}

// ---------------------------------------------------------------------------------------------------------------
// Free text

/**
 * Control characters, lone surrogates, line and paragraph separators, private-use characters, and invisible format
 * characters such as bidi overrides (which can make "Pune" display as something else). Zero-width joiner and
 * non-joiner stay allowed: Indic scripts need them.
 */
const FORBIDDEN_CHARACTERS = /[\p{Cc}\p{Cs}\p{Co}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;

export interface TextLimits {
  /** Minimum length in characters (code points) after trimming; 0 makes the field optional. Default 1. */
  min?: number;
  max: number;
}

/** Lengths of the profile's free-text fields, from the original contract's model. */
export const TEXT_LIMITS = {
  placeOfBirth: { min: 3, max: 100 },
  occupation: { min: 3, max: 50 },
  permanentAddress: { min: 10, max: 100 },
  landmark: { min: 0, max: 50 },
  permanentCity: { min: 2, max: 50 },
  bankName: { min: 3, max: 50 },
} as const satisfies Record<string, TextLimits>;

/** NFC-normalised and trimmed text without control or invisible formatting characters, within the length limits. */
export function validateText(input: unknown, { min = 1, max }: TextLimits): Check<string> {
  if (typeof input !== 'string') return notAString();
  const text = input.normalize('NFC').trim();
  if (FORBIDDEN_CHARACTERS.test(text)) {
    return invalid('invalid_characters', 'Must not contain control or invisible formatting characters');
  }
  const length = [...text].length;
  if (length === 0 && min > 0) return invalid('required', 'Must not be empty');
  if (length < min) return invalid('too_short', `Must be at least ${min} characters`);
  if (length > max) return invalid('too_long', `Must be at most ${max} characters`);
  return valid(text);
}

const PERSON_NAME = /^[\p{L}\p{M} .'-]+$/u;

/** A name as printed on the PAN card: 2-100 letters, spaces, `.`, `'` and `-`, with runs of spaces collapsed. */
export function validatePersonName(input: unknown): Check<string> {
  const text = validateText(input, { min: 2, max: 100 });
  if (!text.ok) return text;
  // Phones type a typographic apostrophe; PAN records use the plain one.
  const name = text.value.replace(/\s+/g, ' ').replaceAll('\u2019', "'");
  if (!PERSON_NAME.test(name) || !/\p{L}/u.test(name)) {
    return invalid('invalid_name', "Name may contain only letters, spaces and . ' -");
  }
  return valid(name);
}
