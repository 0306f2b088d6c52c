import { Type } from 'typebox';
import type { Static } from 'typebox';
import { StringEnum } from '../../lib/schemas.js';
import { OFFICIAL_GENDERS } from './parse.js';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** The official address in the profile's `addressDetails` shape (a client can prefill the profile with it). */
export const OfficialAddressDetails = Type.Object({
  permanentAddress: nullable(Type.String()),
  landmark: nullable(Type.String()),
  permanentCity: nullable(Type.String()),
  permanentPincode: nullable(Type.String()),
  permanentState: nullable(Type.String()),
  permanentCountry: nullable(Type.String()),
});

/**
 * A stored official identity as its owner sees it: what was fetched, the Aadhaar number masked to its
 * last 4 digits, the photo as a presence flag.
 */
export const OfficialIdentityView = Type.Object({
  source: Type.Union([Type.Literal('digilocker'), Type.Literal('secure_share')]),
  name: nullable(Type.String()),
  dateOfBirth: nullable(
    Type.String({ description: 'YYYY-MM-DD, or YYYY when the Aadhaar records the year of birth only' }),
  ),
  gender: nullable(
    StringEnum(OFFICIAL_GENDERS, { description: "The document's gender in the profile's terms" }),
  ),
  aadhaar: nullable(Type.String({ description: 'Masked: XXXX XXXX and the last 4 digits' })),
  aadhaarLast4: nullable(Type.String({ pattern: '^[0-9]{4}$' })),
  addressDetails: nullable(OfficialAddressDetails),
  hasDateOfBirth: Type.Boolean(),
  hasAddress: Type.Boolean(),
  hasPhoto: Type.Boolean({ description: 'The Aadhaar photo is stored (encrypted) for the face match' }),
  fetchedAt: Type.String({ format: 'date-time' }),
});
export type OfficialIdentityView = Static<typeof OfficialIdentityView>;
