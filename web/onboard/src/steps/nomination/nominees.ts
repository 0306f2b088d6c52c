import type { Translate } from '../../../../shared/src/i18n/i18n';
import type { Nominee, NomineeIdType, NomineeRelationship } from '../../journey/profile';
import type { nominationMessages } from './messages';

type NominationKey = keyof typeof nominationMessages.en;

/** MAX_NOMINEES' default on the service: the SEBI circular of 29 May 2026 allows 3. */
export const MAX_NOMINEES = 3;
export const RELATIONSHIPS: NomineeRelationship[] = [
  'spouse',
  'son',
  'daughter',
  'father',
  'mother',
  'brother',
  'sister',
  'grandparent',
  'grandchild',
  'other',
];
export const ID_TYPES: NomineeIdType[] = ['pan', 'aadhaar_last4', 'driving_licence', 'passport'];

const NAME = /^[\p{L}][\p{L} .'-]{1,99}$/u;
const ALLOCATION = /^[0-9]{1,3}(\.[0-9]{1,2})?$/;
const ID_NUMBER: Record<NomineeIdType, RegExp> = {
  pan: /^[A-Z]{5}[0-9]{4}[A-Z]$/,
  aadhaar_last4: /^[0-9]{4}$/,
  driving_licence: /^[A-Z0-9-]{5,20}$/,
  passport: /^[A-Z0-9]{5,20}$/,
};
const ID_MESSAGE: Record<NomineeIdType, NominationKey> = {
  pan: 'idPan',
  aadhaar_last4: 'idAadhaar',
  driving_licence: 'idOther',
  passport: 'idOther',
};

/** One nominee as the form holds it: text as typed, 'none' for no ID. */
export interface NomineeEntry {
  /** Stable across edits, for React; field names use the position, as the API's pointers do. */
  key: number;
  name: string;
  relationship: string;
  dateOfBirth: string;
  allocationPercent: string;
  guardianName: string;
  guardianRelationship: string;
  guardianAddress: string;
  idType: NomineeIdType | 'none';
  idNumber: string;
  /** The saved ID as the service shows it (masked): the number has to be typed again to keep it. */
  savedIdNumber?: string;
}

let nextKey = 0;
export const blankNominee = (): NomineeEntry => ({
  key: nextKey++,
  name: '',
  relationship: '',
  dateOfBirth: '',
  allocationPercent: '',
  guardianName: '',
  guardianRelationship: '',
  guardianAddress: '',
  idType: 'none',
  idNumber: '',
});

export const fromSavedNominee = (nominee: Nominee): NomineeEntry => ({
  ...blankNominee(),
  name: nominee.name,
  relationship: nominee.relationship,
  dateOfBirth: nominee.dateOfBirth,
  allocationPercent: nominee.allocationPercent === undefined ? '' : String(nominee.allocationPercent),
  guardianName: nominee.guardian?.name ?? '',
  guardianRelationship: nominee.guardian?.relationship ?? '',
  guardianAddress: nominee.guardian?.address ?? '',
  idType: nominee.idType ?? 'none',
  ...(nominee.idNumber ? { savedIdNumber: nominee.idNumber } : {}),
});

/** `nominees.1.allocationPercent`: the name the API's pointer `/nominationDetails/nominees/1/…` maps to. */
export const nomineeField = (index: number, name: string) => `nominees.${index}.${name}`;

const today = () => new Date().toISOString().slice(0, 10);

/** Under 18 today (dates as YYYY-MM-DD compare as text). */
export function isMinor(dateOfBirth: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return false;
  const now = today();
  const adult = `${Number(now.slice(0, 4)) - 18}${now.slice(4)}`;
  return dateOfBirth > adult;
}

/** The shares' total in hundredths, or null when none is given or one cannot be read. */
export function allocationTotal(entries: NomineeEntry[]): number | null {
  const given = entries.map((entry) => entry.allocationPercent.trim()).filter(Boolean);
  if (given.length === 0 || !given.every((value) => ALLOCATION.test(value))) return null;
  return given.reduce((sum, value) => sum + Math.round(Number(value) * 100), 0);
}

export function checkNominees(entries: NomineeEntry[], t: Translate<NominationKey>): Record<string, string> {
  const found: Record<string, string> = {};
  const withShare = entries.filter((entry) => entry.allocationPercent.trim() !== '').length;
  entries.forEach((entry, index) => {
    const field = (name: string) => nomineeField(index, name);
    const name = entry.name.trim();
    if (!name) found[field('name')] = t('required');
    else if (!NAME.test(name)) found[field('name')] = t('nameFormat');
    if (!entry.relationship) found[field('relationship')] = t('required');
    if (!entry.dateOfBirth) found[field('dateOfBirth')] = t('required');
    else if (entry.dateOfBirth > today()) found[field('dateOfBirth')] = t('dateFuture');
    const share = entry.allocationPercent.trim();
    if (share && (!ALLOCATION.test(share) || Number(share) <= 0 || Number(share) > 100))
      found[field('allocationPercent')] = t('allocationFormat');
    else if (!share && withShare > 0) found[field('allocationPercent')] = t('allocationAll');
    // The guardian is optional, but one given needs all three parts: each missing part is marked.
    const guardian = {
      'guardian.name': entry.guardianName,
      'guardian.relationship': entry.guardianRelationship,
      'guardian.address': entry.guardianAddress,
    };
    const given = Object.values(guardian).some((value) => value.trim());
    if (isMinor(entry.dateOfBirth) && given)
      for (const [name, value] of Object.entries(guardian))
        if (!value.trim()) found[field(name)] = t('guardianIncomplete');
    if (entry.idType !== 'none') {
      const number = entry.idNumber.trim().toUpperCase();
      if (!number) found[field('idNumber')] = t('idNumberNeeded');
      else if (!ID_NUMBER[entry.idType].test(number)) found[field('idNumber')] = t(ID_MESSAGE[entry.idType]);
    }
  });
  const total = allocationTotal(entries);
  if (withShare === entries.length && total !== null && total !== 10_000)
    found[nomineeField(entries.length - 1, 'allocationPercent')] ??= t('allocationSum');
  return found;
}

/** The nominee as the API takes it: optional parts only when given; a guardian only for a minor. */
export function toNominee(entry: NomineeEntry): Nominee {
  const guardian = {
    name: entry.guardianName.trim(),
    relationship: entry.guardianRelationship.trim(),
    address: entry.guardianAddress.trim(),
  };
  const share = entry.allocationPercent.trim();
  return {
    name: entry.name.trim(),
    relationship: entry.relationship as NomineeRelationship,
    dateOfBirth: entry.dateOfBirth,
    ...(share ? { allocationPercent: Number(share) } : {}),
    ...(isMinor(entry.dateOfBirth) && guardian.name ? { guardian } : {}),
    ...(entry.idType !== 'none'
      ? { idType: entry.idType, idNumber: entry.idNumber.trim().toUpperCase() }
      : {}),
  };
}
