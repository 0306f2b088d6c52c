/* The profile's blind indexes (HMACs under KYC_SECRET), in one place for writes and for a secret rotation. */
import type { KeyRing } from '../../lib/crypto/index.js';

// Callers pass normalised values.
export function profileBlindIndexes(keyRing: KeyRing) {
  return {
    pan: (panNumber: string) => keyRing.blindIndex('pan', panNumber),
    bank: (entry: { bankAccountNumber: string }) =>
      keyRing.blindIndex('bank_account', entry.bankAccountNumber),
    demat: (entry: { depository: string; dpID: string; clientID: string }) =>
      keyRing.blindIndex('demat', `${entry.depository}/${entry.dpID}/${entry.clientID}`),
  };
}
export type ProfileBlindIndexes = ReturnType<typeof profileBlindIndexes>;
