/*
 * Reading an official source's answer (DigiLocker's Aadhaar document, Secure-Share's AADHAAR scope)
 * into what Pehchan keeps. The Aadhaar number is cut to its last 4 digits here, before anything is stored.
 */
import { AppError } from '../../lib/errors.js';
import { decodeBase64Document, sanitizeSelfie } from '../documents/sanitize.js';
import type { SanitizedFile } from '../documents/sanitize.js';
import { canonicalStateName } from '../profile/india.js';

/** Cashfree's `split_address`, with readable names. */
export interface OfficialAddress {
  house?: string;
  street?: string;
  landmark?: string;
  /** Village, town or city (`vtc`). */
  city?: string;
  postOffice?: string;
  subDistrict?: string;
  district?: string;
  state?: string;
  pincode?: string;
  country?: string;
}

/** The profile's genders: an official document's own spelling is mapped to one of these. */
export const OFFICIAL_GENDERS = ['Male', 'Female', 'Others'] as const;
export type OfficialGender = (typeof OFFICIAL_GENDERS)[number];

export interface OfficialIdentityData {
  name?: string;
  /** YYYY-MM-DD, or YYYY when the Aadhaar records the year of birth only. */
  dateOfBirth?: string;
  gender?: OfficialGender;
  address?: OfficialAddress;
  aadhaarLast4?: string;
  photo?: SanitizedFile;
}

/** The address in the profile's `addressDetails` shape, so that a client can prefill it. */
export interface AddressDetails {
  permanentAddress: string | null;
  landmark: string | null;
  permanentCity: string | null;
  permanentPincode: string | null;
  permanentState: string | null;
  permanentCountry: string | null;
}

const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const MAX_PHOTO_PIXELS = 16_000_000;
const PHOTO_DIMENSION = 1024;

/** A provider's string (or number) trimmed; undefined when empty or of another type. */
export const text = (value: unknown): string | undefined => {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** The last 4 digits of a (masked or, should a provider ever send one, full) Aadhaar number; nothing more is kept. */
export function aadhaarLast4(value: unknown): string | undefined {
  const digits = text(value)?.replace(/[\s-]/g, '');
  return digits ? /(\d{4})$/.exec(digits)?.[1] : undefined;
}

export const maskAadhaar = (last4: string) => `XXXX XXXX ${last4}`;

/** Cashfree writes dates as DD-MM-YYYY (Aadhaar) or YYYY-MM-DD (Secure-Share DOB); a real date comes back as YYYY-MM-DD. */
export function officialDate(value: unknown): string | undefined {
  const input = text(value);
  if (!input) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  const dmy = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(input);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : dmy
      ? [dmy[3], dmy[2], dmy[1]]
      : [undefined, undefined, undefined];
  if (!year || !month || !day) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const formatted = `${year}-${month}-${day}`;
  return date.toISOString().slice(0, 10) === formatted ? formatted : undefined;
}

const YEAR = /^(1[89]\d{2}|2\d{3})$/;

/**
 * An Aadhaar's date of birth: the full date, or the year alone (YYYY) when that is all the Aadhaar
 * records (`dob: "1993"`, or no `dob` and a `year_of_birth`).
 */
export function officialDateOfBirth(dob: unknown, yearOfBirth?: unknown): string | undefined {
  const full = officialDate(dob);
  if (full) return full;
  const year = text(dob) ?? text(yearOfBirth);
  return year && YEAR.test(year) ? year : undefined;
}

/** Aadhaar says M/F/T, Secure-Share MALE/FEMALE/...; the profile's words are Male, Female, Others. */
export function officialGender(value: unknown): OfficialGender | undefined {
  const input = text(value)?.toUpperCase();
  if (input === 'M' || input === 'MALE') return 'Male';
  if (input === 'F' || input === 'FEMALE') return 'Female';
  if (input && ['T', 'O', 'TRANSGENDER', 'OTHER', 'OTHERS'].includes(input)) return 'Others';
  return undefined;
}

export function officialAddress(value: unknown): OfficialAddress | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const parts = value as Record<string, unknown>;
  const address: OfficialAddress = {
    house: text(parts['house']),
    street: text(parts['street']),
    landmark: text(parts['landmark']),
    city: text(parts['vtc']),
    postOffice: text(parts['po']),
    subDistrict: text(parts['subdist']),
    district: text(parts['dist']),
    state: text(parts['state']),
    pincode: text(parts['pincode']),
    country: text(parts['country']),
  };
  const present = Object.entries(address).filter(([, part]) => part !== undefined);
  return present.length > 0 ? (Object.fromEntries(present) as OfficialAddress) : undefined;
}

/** "KARNATAKA" as the profile writes it ("Karnataka"); an unknown name as sent. */
export const profileState = (value: string | undefined) =>
  value ? (canonicalStateName(value) ?? value) : undefined;

/** The official address as the profile's `addressDetails` would hold it. */
export function addressDetailsOf(address: OfficialAddress): AddressDetails {
  const line = [address.house, address.street].filter(Boolean).join(', ');
  return {
    permanentAddress: line || null,
    landmark: address.landmark ?? null,
    permanentCity: address.city ?? address.district ?? null,
    permanentPincode: address.pincode ?? null,
    permanentState: profileState(address.state) ?? null,
    permanentCountry: address.country ?? null,
  };
}

/**
 * The photo as Cashfree sends it: base64 inside its own answer. Anything else (a link included) is
 * not a photo we can use: links in an answer are never followed, so no request goes where the data says.
 */
export async function officialPhoto(value: unknown): Promise<SanitizedFile | undefined> {
  const input = text(value);
  if (!input) return undefined;
  try {
    const decoded = decodeBase64Document(input, { maxBytes: MAX_PHOTO_BYTES, field: '/photo_link' });
    return await sanitizeSelfie(decoded.bytes, {
      maxBytes: MAX_PHOTO_BYTES,
      maxPixels: MAX_PHOTO_PIXELS,
      maxDimension: PHOTO_DIMENSION,
      field: '/photo_link',
      ...(decoded.declaredType ? { declaredType: decoded.declaredType } : {}),
    });
  } catch (error) {
    // An unusable photo leaves the identity without one; the KYC decision then asks a reviewer.
    if (error instanceof AppError) return undefined;
    throw error;
  }
}
