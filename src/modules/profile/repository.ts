import { and, asc, eq, gt, lte, ne, notInArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import type { Envelope } from '../../lib/crypto/index.js';
import { prepared } from '../../db/prepared.js';
import { uuidv7 } from '../../lib/ids.js';
import {
  addressDetails,
  bankAccounts,
  dematAccounts,
  fatcaDetails,
  nominationDetails,
  panDetails,
  pepDetails,
  profileDetails,
  profileEvents,
  tradingPreferences,
  users,
} from '../../db/schema/index.js';

export type PanRow = typeof panDetails.$inferSelect;
export type ProfileRow = typeof profileDetails.$inferSelect;
export type AddressRow = typeof addressDetails.$inferSelect;
export type BankRow = typeof bankAccounts.$inferSelect;
export type DematRow = typeof dematAccounts.$inferSelect;
export type NominationRow = typeof nominationDetails.$inferSelect;
export type FatcaRow = typeof fatcaDetails.$inferSelect;
export type PepRow = typeof pepDetails.$inferSelect;
export type TradingRow = typeof tradingPreferences.$inferSelect;
export type NewBankRow = Omit<typeof bankAccounts.$inferInsert, 'userId'> & { id: string };
export type NewDematRow = Omit<typeof dematAccounts.$inferInsert, 'userId'> & { id: string };

export interface StoredProfile {
  /** `name` encrypted under the user's data key. */
  account: {
    id: string;
    name: Envelope;
    email: string;
    mobileNo: string;
    verifiedEmail: string | null;
    verifiedMobile: string | null;
    profileVersion: number;
  };
  pan: PanRow | undefined;
  profile: ProfileRow | undefined;
  address: AddressRow | undefined;
  banks: BankRow[];
  demats: DematRow[];
  nomination: NominationRow | undefined;
  fatca: FatcaRow | undefined;
  pep: PepRow | undefined;
  trading: TradingRow | undefined;
}

/** A placeholder blind index unique to the row, held only inside the transaction that rewrites it. */
const parked = (id: AnyPgColumn) => sql<string>`'parked:' || ${id}::text`;
/** The value an upsert's conflicting insert proposed for the column. */
const excluded = (column: AnyPgColumn) => sql.raw(`excluded."${column.name}"`);

export function createProfileRepository(db: Executor) {
  return {
    /** Every section of a user's profile, entries in the order the user gave them. */
    async load(userId: string): Promise<StoredProfile | undefined> {
      const id = sql.placeholder('userId');
      const query = <T>(name: string, build: () => { execute(values: { userId: string }): Promise<T> }) =>
        prepared(db, name, build).execute({ userId });
      // The account and its one-row sections in one statement (a round trip each was most of the cost,
      // above all on the embedded database); the lists apart, since a join would repeat every row. One
      // query after another: inside a transaction they share one connection, which must not be asked a
      // second question before it answered the first.
      const [row] = await query('profile_sections', () =>
        db
          .select({
            account: {
              id: users.id,
              name: users.name,
              email: users.email,
              mobileNo: users.mobileNo,
              verifiedEmail: users.verifiedEmail,
              verifiedMobile: users.verifiedMobile,
              profileVersion: users.profileVersion,
            },
            pan: panDetails,
            profile: profileDetails,
            address: addressDetails,
            nomination: nominationDetails,
            fatca: fatcaDetails,
            pep: pepDetails,
            trading: tradingPreferences,
          })
          .from(users)
          .leftJoin(panDetails, eq(panDetails.userId, users.id))
          .leftJoin(profileDetails, eq(profileDetails.userId, users.id))
          .leftJoin(addressDetails, eq(addressDetails.userId, users.id))
          .leftJoin(nominationDetails, eq(nominationDetails.userId, users.id))
          .leftJoin(fatcaDetails, eq(fatcaDetails.userId, users.id))
          .leftJoin(pepDetails, eq(pepDetails.userId, users.id))
          .leftJoin(tradingPreferences, eq(tradingPreferences.userId, users.id))
          .where(eq(users.id, id))
          .prepare('profile_sections'),
      );
      if (!row) return undefined;
      const banks = await query('profile_banks', () =>
        db
          .select()
          .from(bankAccounts)
          .where(eq(bankAccounts.userId, id))
          .orderBy(asc(bankAccounts.position))
          .prepare('profile_banks'),
      );
      const demats = await query('profile_demats', () =>
        db
          .select()
          .from(dematAccounts)
          .where(eq(dematAccounts.userId, id))
          .orderBy(asc(dematAccounts.position))
          .prepare('profile_demats'),
      );
      return {
        account: row.account,
        pan: row.pan ?? undefined,
        profile: row.profile ?? undefined,
        address: row.address ?? undefined,
        banks,
        demats,
        nomination: row.nomination ?? undefined,
        fatca: row.fatca ?? undefined,
        pep: row.pep ?? undefined,
        trading: row.trading ?? undefined,
      };
    },

    /**
     * Locks the user's row for the rest of the transaction: profile updates, KYC submissions and
     * re-KYC of one user run one at a time. Returns the profile version.
     */
    async lockUser(userId: string): Promise<number | undefined> {
      const rows = await prepared(db, 'profile_lock_user', () =>
        db
          .select({ version: users.profileVersion })
          .from(users)
          .where(eq(users.id, sql.placeholder('userId')))
          .for('update')
          .prepare('profile_lock_user'),
      ).execute({ userId });
      return rows[0]?.version;
    },

    async bumpVersion(userId: string): Promise<number> {
      const rows = await prepared(db, 'profile_bump_version', () =>
        db
          .update(users)
          .set({
            profileVersion: sql`${users.profileVersion} + 1`,
            updatedAt: sql`${sql.placeholder('updatedAt')}`,
          })
          .where(eq(users.id, sql.placeholder('userId')))
          .returning({ version: users.profileVersion })
          .prepare('profile_bump_version'),
      ).execute({ userId, updatedAt: new Date() });
      return rows[0]!.version;
    },

    /** Whether another user holds a PAN with any of these blind indexes. */
    async panHeldByOther(userId: string, blindIndexes: string[]): Promise<boolean> {
      const rows = await prepared(db, 'pan_held_by_other', () =>
        db
          .select({ userId: panDetails.userId })
          .from(panDetails)
          .where(
            and(
              sql`${panDetails.panBlindIndex} = any(${sql.placeholder('blindIndexes')}::text[])`,
              ne(panDetails.userId, sql.placeholder('userId')),
            ),
          )
          .limit(1)
          .prepare('pan_held_by_other'),
      ).execute({ blindIndexes, userId });
      return rows.length > 0;
    },

    async upsertPan(values: typeof panDetails.$inferInsert) {
      const { userId: _, ...changes } = values;
      await db
        .insert(panDetails)
        .values(values)
        .onConflictDoUpdate({ target: panDetails.userId, set: { ...changes, updatedAt: new Date() } });
    },

    /** Prepared: the profile section is the one most edits change (income, occupation). */
    async upsertProfile(values: Omit<typeof profileDetails.$inferInsert, 'createdAt' | 'updatedAt'>) {
      await prepared(db, 'upsert_profile_details', () =>
        db
          .insert(profileDetails)
          .values({
            userId: sql.placeholder('userId'),
            gender: sql.placeholder('gender'),
            placeOfBirth: sql.placeholder('placeOfBirth'),
            occupation: sql.placeholder('occupation'),
            annualIncome: sql.placeholder('annualIncome'),
            citizenship: sql.placeholder('citizenship'),
            informationConfirmation: sql.placeholder('informationConfirmation'),
          })
          .onConflictDoUpdate({
            target: profileDetails.userId,
            set: {
              gender: excluded(profileDetails.gender),
              placeOfBirth: excluded(profileDetails.placeOfBirth),
              occupation: excluded(profileDetails.occupation),
              annualIncome: excluded(profileDetails.annualIncome),
              citizenship: excluded(profileDetails.citizenship),
              informationConfirmation: excluded(profileDetails.informationConfirmation),
              updatedAt: sql`${sql.placeholder('updatedAt')}`,
            },
          })
          .prepare('upsert_profile_details'),
      ).execute({ ...values, updatedAt: new Date() });
    },

    async upsertAddress(values: typeof addressDetails.$inferInsert) {
      const { userId: _, ...changes } = values;
      await db
        .insert(addressDetails)
        .values(values)
        .onConflictDoUpdate({ target: addressDetails.userId, set: { ...changes, updatedAt: new Date() } });
    },

    async upsertNomination(values: typeof nominationDetails.$inferInsert) {
      const { userId: _, ...changes } = values;
      await db
        .insert(nominationDetails)
        .values(values)
        .onConflictDoUpdate({ target: nominationDetails.userId, set: { ...changes, updatedAt: new Date() } });
    },

    async upsertFatca(values: typeof fatcaDetails.$inferInsert) {
      const { userId: _, ...changes } = values;
      await db
        .insert(fatcaDetails)
        .values(values)
        .onConflictDoUpdate({ target: fatcaDetails.userId, set: { ...changes, updatedAt: new Date() } });
    },

    async upsertPep(values: typeof pepDetails.$inferInsert) {
      const { userId: _, ...changes } = values;
      await db
        .insert(pepDetails)
        .values(values)
        .onConflictDoUpdate({ target: pepDetails.userId, set: { ...changes, updatedAt: new Date() } });
    },

    async upsertTrading(values: typeof tradingPreferences.$inferInsert) {
      const { userId: _, ...changes } = values;
      await db
        .insert(tradingPreferences)
        .values(values)
        .onConflictDoUpdate({
          target: tradingPreferences.userId,
          set: { ...changes, updatedAt: new Date() },
        });
    },

    /**
     * Makes the user's bank accounts exactly `rows`: entries not listed are deleted, listed ones are
     * updated in place (keeping their id) or inserted. Primary flags and blind indexes are parked
     * first so the one-primary and no-duplicates indexes hold at every step, even when two entries
     * swap account numbers.
     */
    async replaceBanks(userId: string, rows: NewBankRow[]) {
      const keep = rows.map((row) => row.id);
      await db
        .delete(bankAccounts)
        .where(
          and(eq(bankAccounts.userId, userId), keep.length ? notInArray(bankAccounts.id, keep) : undefined),
        );
      await db
        .update(bankAccounts)
        .set({ isPrimary: false, accountNumberBlindIndex: parked(bankAccounts.id) })
        .where(eq(bankAccounts.userId, userId));
      for (const row of rows) {
        const { id: _, ...changes } = row;
        await db
          .insert(bankAccounts)
          .values({ ...row, userId })
          .onConflictDoUpdate({
            target: bankAccounts.id,
            set: { ...changes, updatedAt: new Date() },
            where: eq(bankAccounts.userId, userId),
          });
      }
    },

    async replaceDemats(userId: string, rows: NewDematRow[]) {
      const keep = rows.map((row) => row.id);
      await db
        .delete(dematAccounts)
        .where(
          and(eq(dematAccounts.userId, userId), keep.length ? notInArray(dematAccounts.id, keep) : undefined),
        );
      await db
        .update(dematAccounts)
        .set({ isPrimary: false, accountBlindIndex: parked(dematAccounts.id) })
        .where(eq(dematAccounts.userId, userId));
      for (const row of rows) {
        const { id: _, ...changes } = row;
        await db
          .insert(dematAccounts)
          .values({ ...row, userId })
          .onConflictDoUpdate({
            target: dematAccounts.id,
            set: { ...changes, updatedAt: new Date() },
            where: eq(dematAccounts.userId, userId),
          });
      }
    },

    /** One page of user ids in id order, after `afterUserId`. */
    async userIdsPage(afterUserId: string | undefined, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(afterUserId ? gt(users.id, afterUserId) : undefined)
        .orderBy(asc(users.id))
        .limit(limit);
      return rows.map((row) => row.id);
    },

    async setPanBlindIndex(userId: string, panBlindIndex: string) {
      await db.update(panDetails).set({ panBlindIndex }).where(eq(panDetails.userId, userId));
    },

    async setBankBlindIndex(id: string, accountNumberBlindIndex: string) {
      await db.update(bankAccounts).set({ accountNumberBlindIndex }).where(eq(bankAccounts.id, id));
    },

    async setDematBlindIndex(id: string, accountBlindIndex: string) {
      await db.update(dematAccounts).set({ accountBlindIndex }).where(eq(dematAccounts.id, id));
    },

    async appendEvent(values: Omit<typeof profileEvents.$inferInsert, 'id' | 'createdAt'>) {
      // The id comes from here: a prepared statement cannot call the column's id generator anew on each run.
      await prepared(db, 'profile_append_event', () =>
        db
          .insert(profileEvents)
          .values({
            id: sql.placeholder('id'),
            userId: sql.placeholder('userId'),
            actorId: sql.placeholder('actorId'),
            action: sql.placeholder('action'),
            sections: sql.placeholder('sections'),
            version: sql.placeholder('version'),
          })
          .prepare('profile_append_event'),
      ).execute({ actorId: null, ...values, id: uuidv7() });
    },

    async events(userId: string) {
      return db
        .select()
        .from(profileEvents)
        .where(eq(profileEvents.userId, userId))
        .orderBy(asc(profileEvents.id));
    },

    /** The sections saved with a change after `since` (and not after `until`, if given). */
    async sectionsChangedSince(userId: string, since: Date, until?: Date): Promise<string[]> {
      const rows = await db
        .select({ sections: profileEvents.sections })
        .from(profileEvents)
        .where(
          and(
            eq(profileEvents.userId, userId),
            gt(profileEvents.createdAt, since),
            until ? lte(profileEvents.createdAt, until) : undefined,
          ),
        );
      return [...new Set(rows.flatMap((row) => row.sections))];
    },
  };
}
