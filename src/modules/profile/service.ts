import { isDeepStrictEqual } from 'node:util';
import { isUniqueViolation } from '../../db/client.js';
import type { Database, Executor } from '../../db/client.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { DocumentService } from '../documents/service.js';
import type { UserKeyService } from '../keys/service.js';
import { profileBlindIndexes } from './blind-indexes.js';
import { normaliseUpdate } from './normalise.js';
import { createProfileRepository } from './repository.js';
import type { StoredProfile } from './repository.js';
import { openAccountName, userCipher } from './sealed-sections.js';
import { openSections, writeSection } from './section-store.js';
import type { OpenedSections } from './section-store.js';
import { SECTIONS } from './sections.js';
import type { NormalisedUpdate, Section, SectionValues } from './sections.js';
import type { ProfileView, UpdateDataBody } from './schemas.js';
import { checkEchoedFields, checkReferences, keepMaskedIdNumbers, panTaken } from './update-checks.js';
import { profileView } from './view.js';
import type { ProfileViewSources } from './view.js';

export type { ProfileViewSources } from './view.js';

/** What the KYC workflow decides about a profile: whether it may change now, and its parts of getDetails. */
export interface ProfileWorkflow extends ProfileViewSources {
  /** Throws while the profile may not change (a case is being decided, or was approved or rejected). */
  assertEditable(executor: Executor, userId: string): Promise<void>;
}

/** Accepts `"3"`, `3` and `W/"3"`; anything else can never match a version. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : -1;
}

/** A section as stored, in the form a new value compares with (documents by id). */
type StoredSections = OpenedSections<string>;

/** Whether `next` differs from what is stored; a new upload is a change by definition. */
function sectionChanged<S extends Section>(
  section: S,
  next: SectionValues[S],
  current: StoredSections,
): boolean {
  if (section === 'dematDetails') {
    const entries = next as SectionValues['dematDetails'];
    if (entries.some((entry) => entry.clientMasterCopy && 'upload' in entry.clientMasterCopy)) return true;
    const comparable = entries.map(({ clientMasterCopy, ...rest }) => ({
      ...rest,
      clientMasterCopy:
        clientMasterCopy && 'reference' in clientMasterCopy ? clientMasterCopy.reference : null,
    }));
    return !isDeepStrictEqual(comparable, current.dematDetails);
  }
  return !isDeepStrictEqual(next, current[section]);
}

const isSaved = (value: unknown) => value !== null && !(Array.isArray(value) && value.length === 0);

/**
 * The customer's KYC profile: getDetails and update_data. Validation is in normalise.ts, the checks against what is
 * stored in update-checks.ts, each section's table mapping in section-store.ts and the view in view.ts.
 */
export class ProfileService {
  private readonly indexes;

  constructor(
    private readonly db: Database,
    private readonly keys: UserKeyService,
    private readonly keyRing: KeyRing,
    private readonly documents: DocumentService,
    private readonly settings: { maxNominees: number },
    private readonly workflow: ProfileWorkflow,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.indexes = profileBlindIndexes(keyRing);
  }

  /** The profile sections the customer saved with a change after `since` (and not after `until`, if given). */
  sectionsChangedSince(userId: string, since: Date, until?: Date): Promise<string[]> {
    return createProfileRepository(this.db).sectionsChangedSince(userId, since, until);
  }

  async getDetails(userId: string): Promise<ProfileView> {
    const stored = await createProfileRepository(this.db).load(userId);
    if (!stored) throw notFound('User');
    return this.toView(this.db, stored);
  }

  /**
   * Locks the user's row until the transaction ends and returns the profile's version: 404 for no such
   * user. What reads the profile and then acts on it (a submission) holds it against concurrent edits.
   */
  async lockVersion(executor: Executor, userId: string): Promise<number> {
    const version = await createProfileRepository(executor).lockUser(userId);
    if (version === undefined) throw notFound('User');
    return version;
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
    const update = await normaliseUpdate(body, { now: this.now(), maxNominees: this.settings.maxNominees });
    const expectedVersions = [parseIfMatch(options.ifMatch), body.__v];
    try {
      return await this.db.transaction(async (tx) => {
        const repository = createProfileRepository(tx);
        const version = await this.lockVersion(tx, userId);
        for (const expected of expectedVersions) {
          if (expected !== undefined && expected !== version) {
            throw conflict('version_conflict', `The profile changed since version ${expected}; reload it`);
          }
        }
        await this.workflow.assertEditable(tx, userId);
        const stored = (await repository.load(userId))!;
        const dataKey = await this.keys.getOrCreate(tx, userId);
        const current = openSections(stored, dataKey, (id) => id);
        keepMaskedIdNumbers(update, current);
        const { account } = stored;
        checkEchoedFields(
          body,
          {
            _id: account.id,
            name: openAccountName(userCipher(dataKey, account.id).open, account.name),
            email: account.email,
            mobileNo: account.mobileNo,
            kycStatus:
              body.kycStatus === undefined ? undefined : await this.workflow.kycStatus(tx, account.id),
          },
          (section) => isSaved(current[section]),
          update,
        );
        await checkReferences(
          tx,
          { documents: this.documents, keyRing: this.keyRing },
          userId,
          stored,
          update,
        );
        const changed = SECTIONS.filter(
          (section) => update[section] !== undefined && sectionChanged(section, update[section], current),
        );
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

  private async write(
    executor: Executor,
    userId: string,
    dataKey: Buffer,
    update: NormalisedUpdate,
    changed: Section[],
  ) {
    const context = {
      executor,
      userId,
      dataKey,
      seal: userCipher(dataKey, userId).seal,
      documents: this.documents,
      indexes: this.indexes,
      now: this.now(),
    };
    for (const section of changed) await writeSection(section, update[section]!, context);
  }

  private async toView(executor: Executor, stored: StoredProfile, knownKey?: Buffer): Promise<ProfileView> {
    const dataKey = knownKey ?? (await this.keys.find(executor, stored.account.id));
    return profileView(executor, { documents: this.documents, sources: this.workflow }, stored, dataKey);
  }
}
