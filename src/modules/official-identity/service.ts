/*
 * The official identity: identity data from an official source (DigiLocker's Aadhaar or
 * Secure-Share's AADHAAR scope), stored encrypted in official_identities and read back for the KYC
 * checks, the customer's own view and the reviewer's.
 */
import type { Executor } from '../../db/client.js';
import { decryptFieldString, encryptField } from '../../lib/crypto/index.js';
import type { Envelope, FieldContext } from '../../lib/crypto/index.js';
import type { DocumentService } from '../documents/service.js';
import type { UserKeyService } from '../keys/service.js';
import { addressDetailsOf, maskAadhaar } from './parse.js';
import type { OfficialAddress, OfficialGender, OfficialIdentityData } from './parse.js';
import { createOfficialIdentityRepository } from './repository.js';
import type { OfficialIdentityRow } from './repository.js';
import type { OfficialIdentityView } from './schemas.js';

export type OfficialSource = OfficialIdentityRow['source'];

export interface OfficialIdentity {
  id: string;
  source: OfficialSource;
  verificationId: string | undefined;
  name: string | undefined;
  /** YYYY-MM-DD, or YYYY for a year of birth only. */
  dateOfBirth: string | undefined;
  gender: OfficialGender | undefined;
  address: OfficialAddress | undefined;
  aadhaarLast4: string | undefined;
  photoDocumentId: string | undefined;
  fetchedAt: Date;
}

const context = (column: string, userId: string): FieldContext => ({
  table: 'official_identities',
  column,
  userId,
});

export class OfficialIdentityService {
  constructor(
    private readonly keys: UserKeyService,
    private readonly documents: DocumentService,
  ) {}

  /** Stores the identity (and its photo as an encrypted `aadhaar_photo` document) inside the caller's transaction. */
  async store(
    executor: Executor,
    dataKey: Buffer,
    userId: string,
    source: OfficialSource,
    verificationId: string,
    data: OfficialIdentityData,
  ): Promise<void> {
    const photo = data.photo
      ? await this.documents.store(executor, userId, dataKey, 'aadhaar_photo', data.photo)
      : undefined;
    const seal = (value: string | undefined, column: string) =>
      value === undefined ? null : encryptField(dataKey, value, context(column, userId));
    await createOfficialIdentityRepository(executor).insert({
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

  /** The user's most recent official identity (DigiLocker or Secure-Share), decrypted; undefined when there is none. */
  async latest(executor: Executor, userId: string): Promise<OfficialIdentity | undefined> {
    const row = await createOfficialIdentityRepository(executor).latest(userId);
    return row && this.open(executor, row);
  }

  /**
   * Whether an official identity (DigiLocker or Secure-Share) was fetched after `since` (and not after
   * `until`, if given).
   */
  fetchedBetween(executor: Executor, userId: string, since: Date, until?: Date): Promise<boolean> {
    return createOfficialIdentityRepository(executor).fetchedBetween(userId, since, until);
  }

  /** The identity fetched by `verificationId`, as its owner may see it; null when there is none. */
  async viewOf(
    executor: Executor,
    userId: string,
    verificationId: string,
  ): Promise<OfficialIdentityView | null> {
    const row = await createOfficialIdentityRepository(executor).byVerification(userId, verificationId);
    return row ? ownerView(await this.open(executor, row)) : null;
  }

  /** A short-lived link to the official photo, for staff. */
  photoUrl(identity: OfficialIdentity): string | null {
    return identity.photoDocumentId ? this.documents.signedUrl(identity.photoDocumentId) : null;
  }

  /** Decrypts the row's values; a value whose data key is gone (erased) reads as absent. */
  private async open(executor: Executor, row: OfficialIdentityRow): Promise<OfficialIdentity> {
    const dataKey = await this.keys.find(executor, row.userId);
    const decrypt = (envelope: Envelope | null, column: string) =>
      envelope && dataKey ? decryptFieldString(dataKey, envelope, context(column, row.userId)) : undefined;
    const address = decrypt(row.address, 'address');
    return {
      id: row.id,
      source: row.source,
      verificationId: row.verificationId ?? undefined,
      name: decrypt(row.name, 'name'),
      dateOfBirth: decrypt(row.dateOfBirth, 'date_of_birth'),
      // Stored as officialGender() spelled it.
      gender: decrypt(row.gender, 'gender') as OfficialGender | undefined,
      address: address ? (JSON.parse(address) as OfficialAddress) : undefined,
      aadhaarLast4: row.aadhaarLast4 ?? undefined,
      photoDocumentId: row.photoDocumentId ?? undefined,
      fetchedAt: row.fetchedAt,
    };
  }
}

/** What the identity's owner sees: the values fetched, the number masked, the photo as a flag. */
export function ownerView(identity: OfficialIdentity): OfficialIdentityView {
  return {
    source: identity.source,
    name: identity.name ?? null,
    dateOfBirth: identity.dateOfBirth ?? null,
    gender: identity.gender ?? null,
    aadhaar: identity.aadhaarLast4 ? maskAadhaar(identity.aadhaarLast4) : null,
    aadhaarLast4: identity.aadhaarLast4 ?? null,
    addressDetails: identity.address ? addressDetailsOf(identity.address) : null,
    hasDateOfBirth: identity.dateOfBirth !== undefined,
    hasAddress: identity.address !== undefined,
    hasPhoto: identity.photoDocumentId !== undefined,
    fetchedAt: identity.fetchedAt.toISOString(),
  };
}
