import type { Database } from '../../db/client.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import type { UserKeyService } from '../keys/service.js';
import { profileBlindIndexes } from './blind-indexes.js';
import { createProfileRepository } from './repository.js';
import { openSections } from './section-store.js';

/** The blind indexes of PAN, bank and demat numbers, recomputed after a KYC_SECRET rotation (npm run keys:rewrap). */
export class BlindIndexRefresh {
  private readonly indexes;

  constructor(
    private readonly db: Database,
    private readonly keys: UserKeyService,
    keyRing: KeyRing,
  ) {
    this.indexes = profileBlindIndexes(keyRing);
  }

  /**
   * Recomputes every blind index under the current KYC_SECRET, the last step of a rotation (until then lookups also
   * try the previous secret's index: KeyRing.blindIndexCandidates). Returns how many rows changed.
   */
  async run(pageSize = 200): Promise<number> {
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
      const current = openSections(stored, dataKey, (id) => id);
      let changed = 0;
      if (stored.pan && current.panDetails) {
        const index = this.indexes.pan(current.panDetails.panNumber);
        if (index !== stored.pan.panBlindIndex) {
          await repository.setPanBlindIndex(userId, index);
          changed++;
        }
      }
      for (const [position, row] of stored.banks.entries()) {
        const index = this.indexes.bank(current.bankDetails[position]!);
        if (index !== row.accountNumberBlindIndex) {
          await repository.setBankBlindIndex(row.id, index);
          changed++;
        }
      }
      for (const [position, row] of stored.demats.entries()) {
        const index = this.indexes.demat(current.dematDetails[position]!);
        if (index !== row.accountBlindIndex) {
          await repository.setDematBlindIndex(row.id, index);
          changed++;
        }
      }
      return changed;
    });
  }
}
