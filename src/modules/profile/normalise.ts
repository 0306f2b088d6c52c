/* Checks formats and the rules within one request, one normaliser per section; no database needed. */
import {
  normaliseFatca,
  normaliseNomination,
  normalisePep,
  normaliseTradingPreferences,
} from './declaration-rules.js';
import type { DeclarationContext } from './declaration-rules.js';
import { normaliseDocument } from './normalise-document.js';
import { SECTIONS } from './sections.js';
import type { DematEntry, NormalisedUpdate, Section, SectionValues } from './sections.js';
import type {
  AddressDetailsView,
  BankDetailsInput,
  DematDetailsInput,
  PanDetailsView,
  ProfileDetailsView,
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

export type NormaliseContext = DeclarationContext;

type SentSection<S extends Section> = NonNullable<UpdateDataBody[S]>;
type Normaliser<S extends Section> = (
  input: SentSection<S>,
  context: NormaliseContext,
) => SectionValues[S] | Promise<SectionValues[S]>;

const NORMALISERS: { [S in Section]: Normaliser<S> } = {
  panDetails(input, { errors, now }) {
    const base = '/panDetails';
    const iAm = errors.check(`${base}/iAm`, validateIAm(input.iAm));
    return {
      panNumber: errors.check(`${base}/panNumber`, validatePan(input.panNumber, iAm)),
      name: errors.check(`${base}/name`, validatePersonName(input.name)),
      dateOfBirth: errors.check(`${base}/dateOfBirth`, validateDateOfBirth(input.dateOfBirth, now)),
      mobileNo: errors.check(`${base}/mobileNo`, validateMobile(input.mobileNo)),
      email: errors.check(`${base}/email`, validateEmail(input.email)),
      iAm,
    } as PanDetailsView;
  },

  profileDetails(input, { errors }) {
    const base = '/profileDetails';
    return {
      gender: errors.check(`${base}/gender`, validateEnum(input.gender, GENDERS)),
      placeOfBirth: errors.check(
        `${base}/placeOfBirth`,
        validateText(input.placeOfBirth, TEXT_LIMITS.placeOfBirth),
      ),
      occupation: errors.check(`${base}/occupation`, validateText(input.occupation, TEXT_LIMITS.occupation)),
      annualIncome: input.annualIncome,
      citizenship: input.citizenship,
      informationConfirmation: input.informationConfirmation,
    } as ProfileDetailsView;
  },

  addressDetails(input, { errors }) {
    const base = '/addressDetails';
    const landmark =
      input.landmark === undefined || input.landmark === null
        ? undefined
        : errors.check(`${base}/landmark`, validateText(input.landmark, TEXT_LIMITS.landmark));
    return {
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
  },

  bankDetails(inputs: BankDetailsInput[], { errors }) {
    const entries = inputs.map((input, index) => {
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
      } as SectionValues['bankDetails'][number];
    });
    checkEntries(errors, 'bankDetails', entries, (entry) =>
      entry.bankAccountNumber && entry.ifscCode ? `${entry.bankAccountNumber}/${entry.ifscCode}` : undefined,
    );
    return entries;
  },

  async dematDetails(inputs: DematDetailsInput[], { errors }) {
    const entries: DematEntry[] = [];
    for (const [index, input] of inputs.entries()) {
      const ids = errors.check(
        pointer('dematDetails', index),
        validateDematAccount({ depository: input.depository, dpID: input.dpID, clientID: input.clientID }),
      );
      const copyPath = pointer('dematDetails', index, 'clientMasterCopy');
      const clientMasterCopy = await normaliseDocument(input.clientMasterCopy, copyPath);
      if (!clientMasterCopy && input.primary)
        errors.add(copyPath, 'required', 'The primary demat account needs its client master copy');
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
    return entries;
  },

  nominationDetails: normaliseNomination,
  fatcaDetails: normaliseFatca,
  pepDetails: normalisePep,
  tradingPreferences: normaliseTradingPreferences,
};

/**
 * Validates every section sent and decodes and sanitises uploads (outside any transaction); throws one 400 naming
 * every problem.
 */
export async function normaliseUpdate(
  body: UpdateDataBody,
  settings: { now: Date; maxNominees: number },
): Promise<NormalisedUpdate> {
  const context: NormaliseContext = { errors: new FieldErrorCollector(), ...settings };
  const update: NormalisedUpdate = { emptySections: [] };
  for (const section of SECTIONS) {
    const value = body[section];
    // null (or []) is how getDetails shows a section never saved; it changes nothing, and may not remove one.
    if (value === null || (Array.isArray(value) && value.length === 0)) update.emptySections.push(section);
    else if (value !== undefined) await normaliseSection(update, section, value, context);
  }
  context.errors.throwIfAny();
  return update;
}

async function normaliseSection<S extends Section>(
  update: NormalisedUpdate,
  section: S,
  value: SentSection<S>,
  context: NormaliseContext,
) {
  (update as Partial<SectionValues>)[section] = await NORMALISERS[section](value, context);
}

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
