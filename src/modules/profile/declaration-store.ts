/* The declarations' table mappings: identifying values sealed as JSON under the user's data key, answers in clear. */
import type { FatcaRow, NominationRow, PepRow, TradingRow } from './repository.js';
import type {
  FatcaDeclaration,
  IncomeProofType,
  IncomeRange,
  Nomination,
  Nominee,
  PepDeclaration,
  Segment,
  StoredNomination,
  TradingPreferences,
} from './declaration-rules.js';
import type { Open, Seal } from './sealed-sections.js';

export function sealNomination(seal: Seal, nomination: Nomination, now: Date) {
  return nomination.optOut
    ? { optOut: true, optOutDeclaredAt: now, nominees: null }
    : {
        optOut: false,
        optOutDeclaredAt: null,
        nominees: seal('nomination_details', 'nominees', JSON.stringify(nomination.nominees)),
      };
}

export function openNomination(open: Open, row: NominationRow): StoredNomination {
  if (row.optOut) return { optOut: true, optOutDeclaredAt: row.optOutDeclaredAt!.toISOString() };
  return {
    optOut: false,
    nominees: JSON.parse(open('nomination_details', 'nominees', row.nominees!)) as Nominee[],
  };
}

export function sealFatca(seal: Seal, { taxResidentOutsideIndia, ...details }: FatcaDeclaration) {
  return { taxResidentOutsideIndia, details: seal('fatca_details', 'details', JSON.stringify(details)) };
}

export function openFatca(open: Open, row: FatcaRow): FatcaDeclaration {
  const details = JSON.parse(open('fatca_details', 'details', row.details)) as Omit<
    FatcaDeclaration,
    'taxResidentOutsideIndia'
  >;
  return { taxResidentOutsideIndia: row.taxResidentOutsideIndia, ...details };
}

export const openPep = (row: PepRow): PepDeclaration => ({
  politicallyExposed: row.politicallyExposed,
  relatedToPoliticallyExposed: row.relatedToPoliticallyExposed,
});

export function sealTrading(seal: Seal, trading: TradingPreferences, incomeProofId: string | null) {
  return {
    segments: trading.segments,
    incomeRange: seal('trading_preferences', 'income_range', trading.incomeRange),
    incomeProofType: trading.incomeProof?.documentType ?? null,
    incomeProofId,
  };
}

/** `copy` maps the stored income proof's id to the caller's form. */
export function openTrading<Copy>(
  open: Open,
  row: TradingRow,
  copy: (id: string) => Copy,
): TradingPreferences<Copy> {
  return {
    segments: row.segments as Segment[],
    incomeRange: open('trading_preferences', 'income_range', row.incomeRange) as IncomeRange,
    ...(row.incomeProofType && row.incomeProofId
      ? {
          incomeProof: {
            documentType: row.incomeProofType as IncomeProofType,
            document: copy(row.incomeProofId),
          },
        }
      : {}),
  };
}
