/*
 * The profile's sections and the shapes they take between the request and the tables. Adding a section means one
 * request schema (schemas.ts), one normaliser (normalise.ts) and one table mapping (section-store.ts).
 */
import type { SanitizedFile } from '../documents/sanitize.js';
import type {
  FatcaDeclaration,
  Nomination,
  PepDeclaration,
  TradingPreferences,
} from './declaration-rules.js';
import type {
  AddressDetailsView,
  BankDetailsView,
  DematDetailsView,
  PanDetailsView,
  ProfileDetailsView,
} from './schemas.js';

export const SECTIONS = [
  'panDetails',
  'profileDetails',
  'addressDetails',
  'bankDetails',
  'dematDetails',
  'nominationDetails',
  'fatcaDetails',
  'pepDetails',
  'tradingPreferences',
] as const;
export type Section = (typeof SECTIONS)[number];

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const MAX_DOCUMENT_PIXELS = 40_000_000;

/** An uploaded document: a reference to one already stored for the user, or a new sanitised upload. */
export type DocumentInput = { reference: string } | { upload: SanitizedFile };

export interface BankEntry extends Omit<BankDetailsView, '_id'> {
  _id?: string;
}
export interface DematEntry extends Omit<DematDetailsView, '_id' | 'clientMasterCopy'> {
  _id?: string;
  clientMasterCopy?: DocumentInput;
}

/** Each section as a validated update carries it. */
export interface SectionValues {
  panDetails: PanDetailsView;
  profileDetails: ProfileDetailsView;
  addressDetails: AddressDetailsView;
  bankDetails: BankEntry[];
  dematDetails: DematEntry[];
  nominationDetails: Nomination;
  fatcaDetails: FatcaDeclaration;
  pepDetails: PepDeclaration;
  tradingPreferences: TradingPreferences;
}

/** A validated, normalised update: only the sections the client sent. */
export type NormalisedUpdate = Partial<SectionValues> & {
  /** Sections sent as null or [], which getDetails shows for a section never saved. */
  emptySections: Section[];
};
