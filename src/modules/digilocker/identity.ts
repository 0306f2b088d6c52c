/*
 * Identity data from an official source (DigiLocker's Aadhaar or Secure-Share's AADHAAR scope):
 * parsed from the provider's answer, stored encrypted in official_identities, read back for the
 * KYC checks. The Aadhaar number is cut to its last 4 digits here, before anything is stored.
 */
import type { Executor } from '../../db/client.js';
import { decryptFieldString, encryptField } from '../../lib/crypto/index.js';
import type { Envelope, FieldContext } from '../../lib/crypto/index.js';
import { AppError } from '../../lib/errors.js';
import { decodeBase64Document, sanitizeSelfie } from '../documents/sanitize.js';
import type { SanitizedFile } from '../documents/sanitize.js';
import type { DocumentService } from '../documents/service.js';
import type { UserKeyService } from '../keys/service.js';
import { createOfficialIdentityRepository } from './repository.js';
import type { OfficialIdentityRow } from './repository.js';

export type OfficialSource = OfficialIdentityRow['source'];

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

export interface OfficialIdentityData {
  name?: string;
  /** YYYY-MM-DD. */
  dateOfBirth?: string;
  gender?: 'Male' | 'Female' | 'Others';
  address?: OfficialAddress;
  aadhaarLast4?: string;
  photo?: SanitizedFile;
}

export interface OfficialIdentity {
  id: string;
  source: OfficialSource;
  verificationId: string | undefined;
  name: string | undefined;
  dateOfBirth: string | undefined;
  gender: string | undefined;
  address: OfficialAddress | undefined;
  aadhaarLast4: string | undefined;
  photoDocumentId: string | undefined;
  fetchedAt: Date;
}

const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const MAX_PHOTO_PIXELS = 16_000_000;
const PHOTO_DIMENSION = 1024;

const context = (column: string, userId: string): FieldContext => ({
  table: 'official_identities',
  column,
  userId,
});

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

/** Aadhaar says M/F/T, Secure-Share MALE/FEMALE/...; the profile's words are Male, Female, Others. */
export function officialGender(value: unknown): OfficialIdentityData['gender'] {
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

/** Stores the identity (and its photo as an encrypted `aadhaar_photo` document) inside the caller's transaction. */
export async function storeOfficialIdentity(
  executor: Executor,
  documents: DocumentService,
  dataKey: Buffer,
  userId: string,
  source: OfficialSource,
  verificationId: string,
  data: OfficialIdentityData,
): Promise<OfficialIdentityRow> {
  const photo = data.photo
    ? await documents.store(executor, userId, dataKey, 'aadhaar_photo', data.photo)
    : undefined;
  const seal = (value: string | undefined, column: string) =>
    value === undefined ? null : encryptField(dataKey, value, context(column, userId));
  return createOfficialIdentityRepository(executor).insert({
    userId,
    source,
    verificationId,
    name: seal(data.name, 'name'),
    dateOfBirth: seal(data.dateOfBirth, 'date_of_birth'),
    gender: seal(data.gender, 'gender'),
    address: seal(data.address && JSON.stringify(data.address), 'address'),
    aadhaarLast4: data.aadhaarLast4 ?? null,
    photoDocumentId: photo?.id ?? null,
  });
}

/** The user's most recent identity from an official source, decrypted; undefined when there is none. */
export async function latestOfficialIdentity(
  executor: Executor,
  keys: UserKeyService,
  userId: string,
): Promise<OfficialIdentity | undefined> {
  const row = await createOfficialIdentityRepository(executor).latest(userId);
  if (!row) return undefined;
  const decrypt = opener(row, await keys.find(executor, userId));
  const address = decrypt(row.address, 'address');
  return {
    id: row.id,
    source: row.source,
    verificationId: row.verificationId ?? undefined,
    name: decrypt(row.name, 'name'),
    dateOfBirth: decrypt(row.dateOfBirth, 'date_of_birth'),
    gender: decrypt(row.gender, 'gender'),
    address: address ? (JSON.parse(address) as OfficialAddress) : undefined,
    aadhaarLast4: row.aadhaarLast4 ?? undefined,
    photoDocumentId: row.photoDocumentId ?? undefined,
    fetchedAt: row.fetchedAt,
  };
}

export interface IdentitySummary {
  source: OfficialSource;
  name: string | null;
  gender: string | null;
  aadhaar: string | null;
  hasDateOfBirth: boolean;
  hasAddress: boolean;
  hasPhoto: boolean;
  fetchedAt: string;
}

/** Decrypts the row's values; a value whose data key is gone (erased) reads as absent. */
function opener(row: OfficialIdentityRow, dataKey: Buffer | undefined) {
  return (envelope: Envelope | null, column: string) =>
    envelope && dataKey ? decryptFieldString(dataKey, envelope, context(column, row.userId)) : undefined;
}

/**
 * What a response may show of the identity fetched by `verificationId`: no number beyond the last
 * 4, no address or date. Null when there is none.
 */
export async function identitySummary(
  executor: Executor,
  keys: UserKeyService,
  userId: string,
  verificationId: string,
): Promise<IdentitySummary | null> {
  const row = await createOfficialIdentityRepository(executor).byVerification(userId, verificationId);
  if (!row) return null;
  const decrypt = opener(row, await keys.find(executor, userId));
  return {
    source: row.source,
    name: decrypt(row.name, 'name') ?? null,
    gender: decrypt(row.gender, 'gender') ?? null,
    aadhaar: row.aadhaarLast4 ? maskAadhaar(row.aadhaarLast4) : null,
    hasDateOfBirth: row.dateOfBirth !== null,
    hasAddress: row.address !== null,
    hasPhoto: row.photoDocumentId !== null,
    fetchedAt: row.fetchedAt.toISOString(),
  };
}
