import { isDeepStrictEqual } from 'node:util';
import { isUniqueViolation } from '../../db/client.js';
import type { Database, Executor } from '../../db/client.js';
import type { CaseStatus } from '../../db/schema/index.js';
import { encryptField } from '../../lib/crypto/index.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { conflict, notFound } from '../../lib/errors.js';
import { isUuid, uuidv7 } from '../../lib/ids.js';
import type { DocumentMetadata } from '../documents/repository.js';
import { decodeBase64Document, sanitizeDocument } from '../documents/sanitize.js';
import type { SanitizedFile } from '../documents/sanitize.js';
import type { DocumentService } from '../documents/service.js';
import type { LastDecision } from '../kyc/schemas.js';
import type { UserKeyService } from '../keys/service.js';
import { createProfileRepository } from './repository.js';
import type { NewBankRow, NewDematRow, StoredProfile } from './repository.js';
import {
  openAccountName,
  openAddress,
  openPan,
  openProfile,
  sealAddress,
  sealPan,
  sealProfile,
  userCipher,
} from './sealed-sections.js';
import type {
  AddressDetailsView,
  BankDetailsView,
  DematDetailsView,
  DocumentView,
  PanDetailsView,
  ProfileDetailsView,
  ProfileView,
  UpdateDataBody,
} from './schemas.js';
import {
  ACCOUNT_TYPES,
  COUNTRIES,
  DEPOSITORIES,
  GENDERS,
  FieldErrorCollector,
  pointer,
  TEXT_LIMITS,
  validateBankAccountNumber,
  validateDateOfBirth,
  validateDematAccount,
  validateEmail,
  validateEnum,
  validateIAm,
  validateIfsc,
  validateMobile,
  validatePan,
  validatePersonName,
  validatePincode,
  validateState,
  validateText,
} from './validators.js';

export const SECTIONS = [
  'panDetails',
  'profileDetails',
  'addressDetails',
  'bankDetails',
  'dematDetails',
] as const;
export type Section = (typeof SECTIONS)[number];

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const MAX_DOCUMENT_PIXELS = 40_000_000;

/** Decides whether a user's profile may change now; the KYC workflow locks it while a case is decided. */
export type ProfileEditGuard = (executor: Executor, userId: string) => Promise<void>;

/**
 * Parts of getDetails owned by other features: the KYC status, the last decision and the selfie that
 * passed liveliness.
 */
export interface ProfileViewSources {
  kycStatus(executor: Executor, userId: string): Promise<CaseStatus>;
  lastDecision(executor: Executor, userId: string): Promise<LastDecision>;
  /** Document id of the selfie to show as `userImage`, if one passed. */
  userImage(executor: Executor, userId: string): Promise<string | undefined>;
}

type MasterCopy = { reference: string } | { upload: SanitizedFile };

interface BankEntry extends Omit<BankDetailsView, '_id'> {
  _id?: string;
}
interface DematEntry extends Omit<DematDetailsView, '_id' | 'clientMasterCopy'> {
  _id?: string;
  clientMasterCopy?: MasterCopy;
}

/** A validated, normalised update: only the sections the client sent. */
interface NormalisedUpdate {
  /** Sections sent as null or [], which getDetails shows for a section never saved. */
  emptySections: Section[];
  panDetails?: PanDetailsView;
  profileDetails?: ProfileDetailsView;
  addressDetails?: AddressDetailsView;
  bankDetails?: BankEntry[];
  dematDetails?: DematEntry[];
}

const field = (table: string, column: string, userId: string) => ({ table, column, userId });

/** Accepts `"3"`, `3` and `W/"3"`; anything else can never match a version. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : -1;
}

export class ProfileService {
  private editGuard: ProfileEditGuard = async () => undefined;
  private viewSources: ProfileViewSources = {
    kycStatus: async () => 'draft',
    lastDecision: async () => ({ verifiedStatus: null, verifiedAt: null }),
    userImage: async () => undefined,
  };

  constructor(
    private readonly db: Database,
    private readonly keys: UserKeyService,
    private readonly keyRing: KeyRing,
    private readonly documents: DocumentService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The single place that may refuse profile edits (set by the KYC workflow). */
  setEditGuard(guard: ProfileEditGuard) {
    this.editGuard = guard;
  }

  setViewSources(sources: Partial<ProfileViewSources>) {
    this.viewSources = { ...this.viewSources, ...sources };
  }

  async getDetails(userId: string): Promise<ProfileView> {
    const stored = await createProfileRepository(this.db).load(userId);
    if (!stored) throw notFound('User');
    return this.toView(this.db, stored);
  }

  /**
   * Applies an update_data request: every section sent replaces that section, in one transaction.
   * Nothing is written (and `__v` stays) when the request equals what is stored.
   */
  async update(
    userId: string,
    body: UpdateDataBody,
    options: { ifMatch?: string; actorId: string },
  ): Promise<ProfileView> {
    const update = await this.normalise(body);
    const expectedVersions = [parseIfMatch(options.ifMatch), body.__v];
    try {
      return await this.db.transaction(async (tx) => {
        const repository = createProfileRepository(tx);
        const version = await repository.lockUser(userId);
        if (version === undefined) throw notFound('User');
        for (const expected of expectedVersions) {
          if (expected !== undefined && expected !== version) {
            throw conflict('version_conflict', `The profile changed since version ${expected}; reload it`);
          }
        }
        await this.editGuard(tx, userId);
        const stored = (await repository.load(userId))!;
        const dataKey = await this.keys.getOrCreate(tx, userId);
        await this.checkEchoedFields(tx, body, stored, update, dataKey);
        await this.checkReferences(tx, userId, stored, update);
        const changed = this.changedSections(stored, update, dataKey);
        if (changed.length === 0) return this.toView(tx, stored, dataKey);

        await this.write(tx, userId, dataKey, update, changed);
        const newVersion = await repository.bumpVersion(userId);
        await repository.appendEvent({
          userId,
          actorId: options.actorId,
          action: 'profile_updated',
          sections: changed,
          version: newVersion,
        });
        return this.toView(tx, (await repository.load(userId))!, dataKey);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'pan_details_pan_blind_index_key')) throw panTaken();
      throw error;
    }
  }

  /** Checks formats and the rules within the request; decodes and sanitises uploads (outside any transaction). */
  private async normalise(body: UpdateDataBody): Promise<NormalisedUpdate> {
    const errors = new FieldErrorCollector();
    const update: NormalisedUpdate = { emptySections: [] };
    const now = this.now();

    // null (or []) is how getDetails shows a section never saved; it changes nothing, and may not remove one.
    for (const section of SECTIONS) {
      const value = body[section];
      if (value === null || (Array.isArray(value) && value.length === 0)) update.emptySections.push(section);
    }

    if (body.panDetails) {
      const input = body.panDetails;
      const base = '/panDetails';
      const iAm = errors.check(`${base}/iAm`, validateIAm(input.iAm));
      const values = {
        panNumber: errors.check(`${base}/panNumber`, validatePan(input.panNumber, iAm)),
        name: errors.check(`${base}/name`, validatePersonName(input.name)),
        dateOfBirth: errors.check(`${base}/dateOfBirth`, validateDateOfBirth(input.dateOfBirth, now)),
        mobileNo: errors.check(`${base}/mobileNo`, validateMobile(input.mobileNo)),
        email: errors.check(`${base}/email`, validateEmail(input.email)),
        iAm,
      };
      update.panDetails = values as PanDetailsView;
    }

    if (body.profileDetails) {
      const input = body.profileDetails;
      const base = '/profileDetails';
      update.profileDetails = {
        gender: errors.check(`${base}/gender`, validateEnum(input.gender, GENDERS)),
        placeOfBirth: errors.check(
          `${base}/placeOfBirth`,
          validateText(input.placeOfBirth, TEXT_LIMITS.placeOfBirth),
        ),
        occupation: errors.check(
          `${base}/occupation`,
          validateText(input.occupation, TEXT_LIMITS.occupation),
        ),
        annualIncome: input.annualIncome,
        citizenship: input.citizenship,
        informationConfirmation: input.informationConfirmation,
      } as ProfileDetailsView;
    }

    if (body.addressDetails) {
      const input = body.addressDetails;
      const base = '/addressDetails';
      const landmark =
        input.landmark === undefined || input.landmark === null
          ? undefined
          : errors.check(`${base}/landmark`, validateText(input.landmark, TEXT_LIMITS.landmark));
      update.addressDetails = {
        permanentAddress: errors.check(
          `${base}/permanentAddress`,
          validateText(input.permanentAddress, TEXT_LIMITS.permanentAddress),
        ),
        landmark: landmark ? landmark : null,
        permanentCity: errors.check(
          `${base}/permanentCity`,
          validateText(input.permanentCity, TEXT_LIMITS.permanentCity),
        ),
        permanentPincode: errors.check(`${base}/permanentPincode`, validatePincode(input.permanentPincode)),
        permanentState: errors.check(`${base}/permanentState`, validateState(input.permanentState)),
        permanentCountry: errors.check(
          `${base}/permanentCountry`,
          validateEnum(input.permanentCountry, COUNTRIES),
        ),
      } as AddressDetailsView;
    }

    if (body.bankDetails?.length) {
      update.bankDetails = body.bankDetails.map((input, index) => {
        const path = (name: string) => pointer('bankDetails', index, name);
        return {
          ...(input._id !== undefined ? { _id: input._id } : {}),
          bankName: errors.check(path('bankName'), validateText(input.bankName, TEXT_LIMITS.bankName)),
          accountType: errors.check(path('accountType'), validateEnum(input.accountType, ACCOUNT_TYPES)),
          bankAccountNumber: errors.check(
            path('bankAccountNumber'),
            validateBankAccountNumber(input.bankAccountNumber),
          ),
          ifscCode: errors.check(path('ifscCode'), validateIfsc(input.ifscCode)),
          primary: input.primary,
        } as BankEntry;
      });
      checkEntries(errors, 'bankDetails', update.bankDetails, (entry) =>
        entry.bankAccountNumber && entry.ifscCode
          ? `${entry.bankAccountNumber}/${entry.ifscCode}`
          : undefined,
      );
    }

    if (body.dematDetails?.length) {
      const entries: DematEntry[] = [];
      for (const [index, input] of body.dematDetails.entries()) {
        const ids = errors.check(
          pointer('dematDetails', index),
          validateDematAccount({ depository: input.depository, dpID: input.dpID, clientID: input.clientID }),
        );
        let clientMasterCopy: MasterCopy | undefined;
        const copy = input.clientMasterCopy;
        const copyPath = pointer('dematDetails', index, 'clientMasterCopy');
        if (typeof copy === 'object' && copy !== null) clientMasterCopy = { reference: copy._id };
        else if (typeof copy === 'string' && isUuid(copy.trim()))
          clientMasterCopy = { reference: copy.trim() };
        else if (typeof copy === 'string') {
          const decoded = decodeBase64Document(copy, { maxBytes: MAX_DOCUMENT_BYTES, field: copyPath });
          const upload = await sanitizeDocument(decoded.bytes, {
            allowed: ['pdf', 'jpeg', 'png'],
            maxPixels: MAX_DOCUMENT_PIXELS,
            field: copyPath,
            ...(decoded.declaredType ? { declaredType: decoded.declaredType } : {}),
          });
          clientMasterCopy = { upload };
        } else if (input.primary) {
          errors.add(copyPath, 'required', 'The primary demat account needs its client master copy');
        }
        entries.push({
          ...(input._id !== undefined ? { _id: input._id } : {}),
          // Without valid ids the update fails below, so this entry is only counted, never stored.
          depository: ids?.depository ?? DEPOSITORIES[0],
          dpID: ids?.dpID ?? '',
          clientID: ids?.clientID ?? '',
          primary: input.primary,
          ...(clientMasterCopy ? { clientMasterCopy } : {}),
        });
      }
      checkEntries(errors, 'dematDetails', entries, (entry) =>
        entry.dpID ? `${entry.depository}/${entry.dpID}/${entry.clientID}` : undefined,
      );
      update.dematDetails = entries;
    }

    errors.throwIfAny();
    return update;
  }

  /**
   * getDetails' account fields may come back unchanged (clients send its whole `data` back) but never change anything;
   * a section sent empty (null or []) is accepted only while nothing is stored in it.
   */
  private async checkEchoedFields(
    executor: Executor,
    body: UpdateDataBody,
    stored: StoredProfile,
    update: NormalisedUpdate,
    dataKey: Buffer,
  ) {
    const errors = new FieldErrorCollector();
    const { account } = stored;
    const current = {
      _id: account.id,
      name: openAccountName(userCipher(dataKey, account.id).open, account.name),
      email: account.email,
      mobileNo: account.mobileNo,
      kycStatus:
        body.kycStatus === undefined ? undefined : await this.viewSources.kycStatus(executor, account.id),
    };
    for (const name of ['_id', 'name', 'email', 'mobileNo', 'kycStatus'] as const) {
      if (body[name] !== undefined && body[name] !== current[name]) {
        errors.add(
          `/${name}`,
          'read_only',
          `${name} cannot be changed here; send it as getDetails returned it`,
        );
      }
    }
    const saved: Record<Section, boolean> = {
      panDetails: stored.pan !== undefined,
      profileDetails: stored.profile !== undefined,
      addressDetails: stored.address !== undefined,
      bankDetails: stored.banks.length > 0,
      dematDetails: stored.demats.length > 0,
    };
    for (const section of update.emptySections) {
      if (saved[section]) {
        errors.add(
          `/${section}`,
          'section_required',
          'A saved section cannot be emptied: send its new content, or leave it out to keep it',
        );
      }
    }
    errors.throwIfAny();
  }

  /** Entry ids and document references must be the user's own; a PAN must not be someone else's. */
  private async checkReferences(
    executor: Executor,
    userId: string,
    stored: StoredProfile,
    update: NormalisedUpdate,
  ) {
    const errors = new FieldErrorCollector();
    const knownBanks = new Set(stored.banks.map((row) => row.id));
    update.bankDetails?.forEach((entry, index) => {
      if (entry._id !== undefined && !knownBanks.has(entry._id)) {
        errors.add(
          pointer('bankDetails', index, '_id'),
          'unknown_entry',
          'No bank account of yours has this _id',
        );
      }
    });
    const knownDemats = new Set(stored.demats.map((row) => row.id));
    const references: string[] = [];
    update.dematDetails?.forEach((entry, index) => {
      if (entry._id !== undefined && !knownDemats.has(entry._id)) {
        errors.add(
          pointer('dematDetails', index, '_id'),
          'unknown_entry',
          'No demat account of yours has this _id',
        );
      }
      if (entry.clientMasterCopy && 'reference' in entry.clientMasterCopy)
        references.push(entry.clientMasterCopy.reference);
    });
    if (references.length > 0) {
      const owned = await this.documents.findOwned(executor, userId, references);
      const usable = new Set(owned.filter((doc) => doc.kind === 'client_master_copy').map((doc) => doc.id));
      update.dematDetails?.forEach((entry, index) => {
        const copy = entry.clientMasterCopy;
        if (copy && 'reference' in copy && !usable.has(copy.reference)) {
          errors.add(
            pointer('dematDetails', index, 'clientMasterCopy'),
            'unknown_document',
            'No document of yours has this _id',
          );
        }
      });
    }
    errors.throwIfAny();
    if (update.panDetails) {
      const candidates = this.keyRing.blindIndexCandidates('pan', update.panDetails.panNumber);
      if (await createProfileRepository(executor).panHeldByOther(userId, candidates)) throw panTaken();
    }
  }

  private changedSections(stored: StoredProfile, update: NormalisedUpdate, dataKey: Buffer): Section[] {
    const current = this.decryptSections(stored, dataKey, (id) => id);
    return SECTIONS.filter((section) => {
      const next = update[section];
      if (next === undefined) return false;
      if (section === 'dematDetails') {
        const entries = next as DematEntry[];
        // A new upload is a change by definition; references compare by document id.
        if (entries.some((entry) => entry.clientMasterCopy && 'upload' in entry.clientMasterCopy))
          return true;
        const comparable = entries.map(({ clientMasterCopy, ...rest }) => ({
          ...rest,
          clientMasterCopy:
            clientMasterCopy && 'reference' in clientMasterCopy ? clientMasterCopy.reference : null,
        }));
        return !isDeepStrictEqual(comparable, current.dematDetails);
      }
      return !isDeepStrictEqual(next, current[section]);
    });
  }

  private async write(
    executor: Executor,
    userId: string,
    dataKey: Buffer,
    update: NormalisedUpdate,
    changed: Section[],
  ) {
    const repository = createProfileRepository(executor);
    const enc = (table: string, column: string, value: string) =>
      encryptField(dataKey, value, field(table, column, userId));
    const { seal } = userCipher(dataKey, userId);
    if (changed.includes('panDetails') && update.panDetails) {
      await repository.upsertPan({
        userId,
        ...sealPan(seal, update.panDetails),
        panBlindIndex: this.panIndex(update.panDetails.panNumber),
      });
    }
    if (changed.includes('profileDetails') && update.profileDetails) {
      await repository.upsertProfile({ userId, ...sealProfile(seal, update.profileDetails) });
    }
    if (changed.includes('addressDetails') && update.addressDetails) {
      await repository.upsertAddress({ userId, ...sealAddress(seal, update.addressDetails) });
    }
    if (changed.includes('bankDetails') && update.bankDetails) {
      const rows: NewBankRow[] = update.bankDetails.map((entry, position) => {
        const id = entry._id ?? uuidv7();
        return {
          id,
          position,
          bankName: entry.bankName,
          accountType: entry.accountType,
          accountNumber: enc('bank_accounts', `account_number:${id}`, entry.bankAccountNumber),
          accountNumberBlindIndex: this.bankIndex(entry),
          accountNumberLast4: entry.bankAccountNumber.slice(-4),
          ifscCode: entry.ifscCode,
          isPrimary: entry.primary,
        };
      });
      await repository.replaceBanks(userId, rows);
    }
    if (changed.includes('dematDetails') && update.dematDetails) {
      const rows: NewDematRow[] = [];
      for (const [position, entry] of update.dematDetails.entries()) {
        const id = entry._id ?? uuidv7();
        let clientMasterCopyId: string | null = null;
        const copy = entry.clientMasterCopy;
        if (copy && 'reference' in copy) clientMasterCopyId = copy.reference;
        else if (copy) {
          clientMasterCopyId = (
            await this.documents.store(executor, userId, dataKey, 'client_master_copy', copy.upload)
          ).id;
        }
        rows.push({
          id,
          position,
          depository: entry.depository,
          dpId: enc('demat_accounts', `dp_id:${id}`, entry.dpID),
          clientId: enc('demat_accounts', `client_id:${id}`, entry.clientID),
          accountBlindIndex: this.dematIndex(entry),
          isPrimary: entry.primary,
          clientMasterCopyId,
        });
      }
      await repository.replaceDemats(userId, rows);
      await this.documents.deleteUnreferencedMasterCopies(executor, userId);
    }
  }

  // Blind indexes, in one place for writes and for refreshBlindIndexes; callers pass normalised values.
  private panIndex(panNumber: string) {
    return this.keyRing.blindIndex('pan', panNumber);
  }

  private bankIndex(entry: { bankAccountNumber: string }) {
    return this.keyRing.blindIndex('bank_account', entry.bankAccountNumber);
  }

  private dematIndex(entry: { depository: string; dpID: string; clientID: string }) {
    return this.keyRing.blindIndex('demat', `${entry.depository}/${entry.dpID}/${entry.clientID}`);
  }

  /**
   * Recomputes every blind index under the current KYC_SECRET, the last step of a rotation (until then lookups also
   * try the previous secret's index: KeyRing.blindIndexCandidates). Returns how many rows changed.
   */
  async refreshBlindIndexes(pageSize = 200): Promise<number> {
    let changed = 0;
    let after: string | undefined;
    for (;;) {
      const userIds = await createProfileRepository(this.db).userIdsPage(after, pageSize);
      if (userIds.length === 0) return changed;
      for (const userId of userIds) changed += await this.refreshUserBlindIndexes(userId);
      after = userIds.at(-1);
    }
  }

  private async refreshUserBlindIndexes(userId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const repository = createProfileRepository(tx);
      if ((await repository.lockUser(userId)) === undefined) return 0;
      const stored = (await repository.load(userId))!;
      // No key: nothing encrypted yet, or erased, and then there is nothing left to find either.
      const dataKey = await this.keys.find(tx, userId);
      if (!dataKey) return 0;
      const current = this.decryptSections(stored, dataKey, (id) => id);
      let changed = 0;
      if (stored.pan && current.panDetails) {
        const index = this.panIndex(current.panDetails.panNumber);
        if (index !== stored.pan.panBlindIndex) {
          await repository.setPanBlindIndex(userId, index);
          changed++;
        }
      }
      for (const [position, row] of stored.banks.entries()) {
        const index = this.bankIndex(current.bankDetails[position]!);
        if (index !== row.accountNumberBlindIndex) {
          await repository.setBankBlindIndex(row.id, index);
          changed++;
        }
      }
      for (const [position, row] of stored.demats.entries()) {
        const index = this.dematIndex(current.dematDetails[position]!);
        if (index !== row.accountBlindIndex) {
          await repository.setDematBlindIndex(row.id, index);
          changed++;
        }
      }
      return changed;
    });
  }

  /** Decrypted sections in their normalised form; `copy` maps a stored document id to the caller's form. */
  private decryptSections<Copy>(
    stored: StoredProfile,
    dataKey: Buffer | undefined,
    copy: (id: string) => Copy,
  ) {
    // Erased (or never made) while values remain: unreadable, a bare 500 like any other decryption failure.
    const { open: dec } = userCipher(dataKey, stored.account.id);
    const { pan, profile, address } = stored;
    return {
      panDetails: pan ? openPan(dec, pan) : null,
      profileDetails: profile ? openProfile(dec, profile) : null,
      addressDetails: address ? openAddress(dec, address) : null,
      bankDetails: stored.banks.map((row) => ({
        _id: row.id,
        bankName: row.bankName,
        // Stored as the validators spelled them.
        accountType: row.accountType as BankDetailsView['accountType'],
        bankAccountNumber: dec('bank_accounts', `account_number:${row.id}`, row.accountNumber),
        ifscCode: row.ifscCode,
        primary: row.isPrimary,
      })),
      dematDetails: stored.demats.map((row) => ({
        _id: row.id,
        depository: row.depository as DematDetailsView['depository'],
        dpID: dec('demat_accounts', `dp_id:${row.id}`, row.dpId),
        clientID: dec('demat_accounts', `client_id:${row.id}`, row.clientId),
        primary: row.isPrimary,
        clientMasterCopy: row.clientMasterCopyId ? copy(row.clientMasterCopyId) : null,
      })),
    };
  }

  private async toView(executor: Executor, stored: StoredProfile, knownKey?: Buffer): Promise<ProfileView> {
    const dataKey = knownKey ?? (await this.keys.find(executor, stored.account.id));
    const copyIds = stored.demats.flatMap((row) => (row.clientMasterCopyId ? [row.clientMasterCopyId] : []));
    const metadata = new Map<string, DocumentMetadata>();
    for (const doc of await this.documents.findOwned(executor, stored.account.id, copyIds))
      metadata.set(doc.id, doc);
    const sections = this.decryptSections(stored, dataKey, (id): DocumentView | null => {
      const doc = metadata.get(id);
      return doc
        ? {
            _id: doc.id,
            contentType: doc.contentType,
            size: doc.size,
            sha256: doc.sha256,
            url: this.documents.signedUrl(doc.id),
          }
        : null;
    });
    const { account } = stored;
    // Sequential: the executor may be a transaction's single connection.
    const kycStatus = await this.viewSources.kycStatus(executor, account.id);
    const lastDecision = await this.viewSources.lastDecision(executor, account.id);
    const selfie = await this.viewSources.userImage(executor, account.id);
    return {
      _id: account.id,
      name: openAccountName(userCipher(dataKey, account.id).open, account.name),
      email: account.email,
      mobileNo: account.mobileNo,
      emailVerified: account.verifiedEmail === account.email,
      mobileVerified: account.verifiedMobile === account.mobileNo,
      ...sections,
      __v: account.profileVersion,
      kycStatus,
      ...lastDecision,
      userImage: selfie ? this.documents.signedUrl(selfie) : null,
    };
  }
}

const panTaken = () =>
  conflict('pan_already_registered', 'This PAN is already registered to another account');

/** Exactly one primary entry, no duplicate accounts, no _id twice. */
function checkEntries<Entry extends { _id?: string; primary: boolean }>(
  errors: FieldErrorCollector,
  section: 'bankDetails' | 'dematDetails',
  entries: Entry[],
  identity: (entry: Entry) => string | undefined,
) {
  const primaries = entries.filter((entry) => entry.primary).length;
  if (primaries !== 1) {
    errors.add(
      `/${section}`,
      'one_primary_required',
      `Exactly one entry must be primary (found ${primaries})`,
    );
  }
  const seenAccounts = new Set<string>();
  const seenIds = new Set<string>();
  entries.forEach((entry, index) => {
    const key = identity(entry);
    if (key !== undefined) {
      if (seenAccounts.has(key))
        errors.add(pointer(section, index), 'duplicate_account', 'This account is listed twice');
      seenAccounts.add(key);
    }
    if (entry._id !== undefined) {
      if (seenIds.has(entry._id))
        errors.add(pointer(section, index, '_id'), 'duplicate_id', 'This _id is listed twice');
      seenIds.add(entry._id);
    }
  });
}
