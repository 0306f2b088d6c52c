/*
 * Each section's table mapping: how a normalised section is written (encrypted under the user's data key) and read
 * back into its normalised form.
 */
import type { Executor } from '../../db/client.js';
import {
  openFatca,
  openNomination,
  openPep,
  openTrading,
  sealFatca,
  sealNomination,
  sealTrading,
} from './declaration-store.js';
import { uuidv7 } from '../../lib/ids.js';
import type { DocumentService } from '../documents/service.js';
import type { ProfileBlindIndexes } from './blind-indexes.js';
import { createProfileRepository } from './repository.js';
import type { NewBankRow, NewDematRow, StoredProfile } from './repository.js';
import {
  openAddress,
  openPan,
  openProfile,
  sealAddress,
  sealPan,
  sealProfile,
  userCipher,
} from './sealed-sections.js';
import type { Open, Seal } from './sealed-sections.js';
import type { Section, SectionValues } from './sections.js';
import type { BankDetailsView, DematDetailsView } from './schemas.js';

export interface WriteContext {
  executor: Executor;
  userId: string;
  dataKey: Buffer;
  seal: Seal;
  documents: DocumentService;
  indexes: ProfileBlindIndexes;
  now: Date;
}

type Writer<S extends Section> = (value: SectionValues[S], context: WriteContext) => Promise<void>;

const WRITERS: { [S in Section]: Writer<S> } = {
  async panDetails(pan, { executor, userId, seal, indexes }) {
    await createProfileRepository(executor).upsertPan({
      userId,
      ...sealPan(seal, pan),
      panBlindIndex: indexes.pan(pan.panNumber),
    });
  },

  async profileDetails(profile, { executor, userId, seal }) {
    await createProfileRepository(executor).upsertProfile({ userId, ...sealProfile(seal, profile) });
  },

  async addressDetails(address, { executor, userId, seal }) {
    await createProfileRepository(executor).upsertAddress({ userId, ...sealAddress(seal, address) });
  },

  async bankDetails(entries, { executor, userId, seal, indexes }) {
    const rows: NewBankRow[] = entries.map((entry, position) => {
      const id = entry._id ?? uuidv7();
      return {
        id,
        position,
        bankName: entry.bankName,
        accountType: entry.accountType,
        accountNumber: seal('bank_accounts', `account_number:${id}`, entry.bankAccountNumber),
        accountNumberBlindIndex: indexes.bank(entry),
        accountNumberLast4: entry.bankAccountNumber.slice(-4),
        ifscCode: entry.ifscCode,
        isPrimary: entry.primary,
      };
    });
    await createProfileRepository(executor).replaceBanks(userId, rows);
  },

  async dematDetails(entries, { executor, userId, dataKey, seal, documents, indexes }) {
    const rows: NewDematRow[] = [];
    for (const [position, entry] of entries.entries()) {
      const id = entry._id ?? uuidv7();
      const copy = entry.clientMasterCopy;
      let clientMasterCopyId: string | null = null;
      if (copy && 'reference' in copy) clientMasterCopyId = copy.reference;
      else if (copy) {
        clientMasterCopyId = (
          await documents.store(executor, userId, dataKey, 'client_master_copy', copy.upload)
        ).id;
      }
      rows.push({
        id,
        position,
        depository: entry.depository,
        dpId: seal('demat_accounts', `dp_id:${id}`, entry.dpID),
        clientId: seal('demat_accounts', `client_id:${id}`, entry.clientID),
        accountBlindIndex: indexes.demat(entry),
        isPrimary: entry.primary,
        clientMasterCopyId,
      });
    }
    await createProfileRepository(executor).replaceDemats(userId, rows);
    await documents.deleteUnreferencedMasterCopies(executor, userId);
  },

  async nominationDetails(nomination, { executor, userId, seal, now }) {
    await createProfileRepository(executor).upsertNomination({
      userId,
      ...sealNomination(seal, nomination, now),
    });
  },

  async fatcaDetails(fatca, { executor, userId, seal }) {
    await createProfileRepository(executor).upsertFatca({ userId, ...sealFatca(seal, fatca) });
  },

  async pepDetails(pep, { executor, userId }) {
    await createProfileRepository(executor).upsertPep({ userId, ...pep });
  },

  async tradingPreferences(trading, { executor, userId, dataKey, seal, documents }) {
    const proof = trading.incomeProof?.document;
    let incomeProofId: string | null = null;
    if (proof && 'reference' in proof) incomeProofId = proof.reference;
    else if (proof)
      incomeProofId = (await documents.store(executor, userId, dataKey, 'income_proof', proof.upload)).id;
    await createProfileRepository(executor).upsertTrading({
      userId,
      ...sealTrading(seal, trading, incomeProofId),
    });
    await documents.deleteUnreferencedIncomeProofs(executor, userId);
  },
};

/** Writes one section (replacing what was stored). */
export async function writeSection<S extends Section>(
  section: S,
  value: SectionValues[S],
  context: WriteContext,
): Promise<void> {
  await WRITERS[section](value, context);
}

/**
 * Every section decrypted into its normalised form (null, or [] for a list, when never saved); `copy` maps a stored
 * document id to the caller's form. Without the key (erased, or never made) while values remain, it throws: a bare
 * 500 like any other decryption failure.
 */
export function openSections<Copy>(
  stored: StoredProfile,
  dataKey: Buffer | undefined,
  copy: (id: string) => Copy,
) {
  const { open } = userCipher(dataKey, stored.account.id);
  const { pan, profile, address } = stored;
  return {
    panDetails: pan ? openPan(open, pan) : null,
    profileDetails: profile ? openProfile(open, profile) : null,
    addressDetails: address ? openAddress(open, address) : null,
    bankDetails: stored.banks.map((row) => openBank(open, row)),
    dematDetails: stored.demats.map((row) => ({
      _id: row.id,
      depository: row.depository as DematDetailsView['depository'],
      dpID: open('demat_accounts', `dp_id:${row.id}`, row.dpId),
      clientID: open('demat_accounts', `client_id:${row.id}`, row.clientId),
      primary: row.isPrimary,
      clientMasterCopy: row.clientMasterCopyId ? copy(row.clientMasterCopyId) : null,
    })),
    nominationDetails: stored.nomination ? openNomination(open, stored.nomination) : null,
    fatcaDetails: stored.fatca ? openFatca(open, stored.fatca) : null,
    pepDetails: stored.pep ? openPep(stored.pep) : null,
    tradingPreferences: stored.trading ? openTrading(open, stored.trading, copy) : null,
  };
}
export type OpenedSections<Copy> = ReturnType<typeof openSections<Copy>>;

function openBank(open: Open, row: StoredProfile['banks'][number]): BankDetailsView {
  return {
    _id: row.id,
    bankName: row.bankName,
    // Stored as the validators spelled them.
    accountType: row.accountType as BankDetailsView['accountType'],
    bankAccountNumber: open('bank_accounts', `account_number:${row.id}`, row.accountNumber),
    ifscCode: row.ifscCode,
    primary: row.isPrimary,
  };
}

/** Document ids the stored sections refer to (to fetch their metadata once for the view). */
export function referencedDocumentIds(stored: StoredProfile): string[] {
  const copies = stored.demats.flatMap((row) => (row.clientMasterCopyId ? [row.clientMasterCopyId] : []));
  return stored.trading?.incomeProofId ? [...copies, stored.trading.incomeProofId] : copies;
}
