/*
 * Identity numbers in the reviewer's case view: masked by default, one full value at a time through
 * an audited reveal.
 */
import { fieldError } from '../../lib/errors.js';
import { keepLastFour, maskPan } from '../../providers/cashfree/index.js';
import type { CaseSnapshot } from '../kyc/check-kit.js';

export const REVEAL_FIELDS = ['panNumber', 'bankAccountNumber', 'dematAccountNumber'] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];

/**
 * The snapshot with its identity numbers masked (PAN as XXXXX1234X, bank account and demat client
 * id to their last four; the DP id names the broker and stays) and each client master copy's link
 * and income proof's link replaced by `documentUrl` (the snapshot's own links were signed at submission and have
 * expired). Nominees' identity numbers were masked before the snapshot was taken.
 */
export function maskSnapshot(
  snapshot: CaseSnapshot,
  documentUrl: (documentId: string) => string,
): CaseSnapshot {
  const { profile } = snapshot;
  return {
    ...snapshot,
    profile: {
      ...profile,
      panDetails: profile.panDetails && {
        ...profile.panDetails,
        panNumber: maskPan(profile.panDetails.panNumber),
      },
      bankDetails: profile.bankDetails.map((bank) => ({
        ...bank,
        bankAccountNumber: keepLastFour(bank.bankAccountNumber),
      })),
      dematDetails: profile.dematDetails.map((demat) => ({
        ...demat,
        clientID: keepLastFour(demat.clientID),
        clientMasterCopy: demat.clientMasterCopy && {
          ...demat.clientMasterCopy,
          url: documentUrl(demat.clientMasterCopy._id),
        },
      })),
      tradingPreferences:
        profile.tradingPreferences && maskIncomeProofLink(profile.tradingPreferences, documentUrl),
    },
  };
}

type Trading = NonNullable<CaseSnapshot['profile']['tradingPreferences']>;

function maskIncomeProofLink(trading: Trading, documentUrl: (documentId: string) => string): Trading {
  const document = trading.incomeProof?.document;
  if (!trading.incomeProof || !document) return trading;
  return {
    ...trading,
    incomeProof: { ...trading.incomeProof, document: { ...document, url: documentUrl(document._id) } },
  };
}

/**
 * One full value of the snapshot. Lists (bank and demat accounts) take `index`, default 0; the PAN
 * takes none. The demat account number is the beneficial owner id: DP id then client id.
 */
export function revealValue(snapshot: CaseSnapshot, field: RevealField, index: number | undefined): string {
  const { profile } = snapshot;
  if (field === 'panNumber') {
    if (index !== undefined && index !== 0) throw fieldError('/index', 'not_a_list', 'the PAN is not a list');
    if (!profile.panDetails) throw fieldError('/field', 'not_submitted', 'the case has no PAN');
    return profile.panDetails.panNumber;
  }
  const list =
    field === 'bankAccountNumber'
      ? profile.bankDetails.map((bank) => bank.bankAccountNumber)
      : profile.dematDetails.map((demat) => `${demat.dpID}${demat.clientID}`);
  const at = index ?? 0;
  if (at >= list.length)
    throw fieldError('/index', 'out_of_range', `the case has ${list.length} such account(s), counted from 0`);
  return list[at]!;
}
