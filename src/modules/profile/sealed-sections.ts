/*
 * How the single-row sections (PAN, profile, address) and the account name are stored: every
 * personal value encrypted under the user's data key, bound to its table, column and user. Only
 * flags and the PAN's blind index stay in clear.
 */
import { CryptoError, decryptFieldString, encryptField } from '../../lib/crypto/index.js';
import type { Envelope } from '../../lib/crypto/index.js';
import type { AddressRow, PanRow, ProfileRow } from './repository.js';
import type { AddressDetailsView, PanDetailsView, ProfileDetailsView } from './schemas.js';

// The choice fields are stored as the validators spelled them: reading them back narrows them again.

export type Seal = (table: string, column: string, value: string) => Envelope;
export type Open = (table: string, column: string, envelope: Envelope) => string;

/** Seals and opens one user's values; without a key (erased, or never made) opening throws `CryptoError`. */
export function userCipher(dataKey: Buffer | undefined, userId: string): { seal: Seal; open: Open } {
  const key = () => {
    if (!dataKey) throw new CryptoError('unknown_key', "The user's data key is gone");
    return dataKey;
  };
  return {
    seal: (table, column, value) => encryptField(key(), value, { table, column, userId }),
    open: (table, column, envelope) => decryptFieldString(key(), envelope, { table, column, userId }),
  };
}

export const sealAccountName = (seal: Seal, name: string) => seal('users', 'name', name);
export const openAccountName = (open: Open, name: Envelope) => open('users', 'name', name);

export function sealPan(seal: Seal, pan: PanDetailsView) {
  const column = (name: string, value: string) => seal('pan_details', name, value);
  return {
    panNumber: column('pan_number', pan.panNumber),
    name: column('name', pan.name),
    dateOfBirth: column('date_of_birth', pan.dateOfBirth),
    mobileNo: column('mobile_no', pan.mobileNo),
    email: column('email', pan.email),
    iAm: pan.iAm,
  };
}

export function openPan(open: Open, row: PanRow): PanDetailsView {
  const column = (name: string, envelope: Envelope) => open('pan_details', name, envelope);
  return {
    panNumber: column('pan_number', row.panNumber),
    name: column('name', row.name),
    dateOfBirth: column('date_of_birth', row.dateOfBirth),
    mobileNo: column('mobile_no', row.mobileNo),
    email: column('email', row.email),
    iAm: row.iAm as PanDetailsView['iAm'],
  };
}

export function sealProfile(seal: Seal, profile: ProfileDetailsView) {
  const column = (name: string, value: string) => seal('profile_details', name, value);
  return {
    gender: column('gender', profile.gender),
    placeOfBirth: column('place_of_birth', profile.placeOfBirth),
    occupation: column('occupation', profile.occupation),
    annualIncome: column('annual_income', String(profile.annualIncome)),
    citizenship: profile.citizenship,
    informationConfirmation: profile.informationConfirmation,
  };
}

export function openProfile(open: Open, row: ProfileRow): ProfileDetailsView {
  const column = (name: string, envelope: Envelope) => open('profile_details', name, envelope);
  return {
    gender: column('gender', row.gender) as ProfileDetailsView['gender'],
    placeOfBirth: column('place_of_birth', row.placeOfBirth),
    occupation: column('occupation', row.occupation),
    annualIncome: Number(column('annual_income', row.annualIncome)),
    citizenship: row.citizenship,
    informationConfirmation: row.informationConfirmation,
  };
}

export function sealAddress(seal: Seal, address: AddressDetailsView) {
  const column = (name: string, value: string) => seal('address_details', name, value);
  return {
    permanentAddress: column('permanent_address', address.permanentAddress),
    landmark: address.landmark === null ? null : column('landmark', address.landmark),
    permanentCity: column('permanent_city', address.permanentCity),
    permanentPincode: column('permanent_pincode', address.permanentPincode),
    permanentState: column('permanent_state', address.permanentState),
    permanentCountry: column('permanent_country', address.permanentCountry),
  };
}

export function openAddress(open: Open, row: AddressRow): AddressDetailsView {
  const column = (name: string, envelope: Envelope) => open('address_details', name, envelope);
  return {
    permanentAddress: column('permanent_address', row.permanentAddress),
    landmark: row.landmark === null ? null : column('landmark', row.landmark),
    permanentCity: column('permanent_city', row.permanentCity),
    permanentPincode: column('permanent_pincode', row.permanentPincode),
    permanentState: column('permanent_state', row.permanentState) as AddressDetailsView['permanentState'],
    permanentCountry: column(
      'permanent_country',
      row.permanentCountry,
    ) as AddressDetailsView['permanentCountry'],
  };
}
