import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import { StringEnum } from '../../lib/schemas.js';
import { CaseStatus, LastDecision } from '../kyc/schemas.js';
import { STATES_AND_UNION_TERRITORIES } from './india.js';
import {
  FatcaDetailsInput,
  FatcaDetailsView,
  NominationDetailsInput,
  NominationDetailsView,
  PepDetailsInput,
  PepDetailsView,
  TradingPreferencesInput,
  TradingPreferencesView,
} from './declaration-schemas.js';
import { DocumentReference, DocumentView } from './document-schemas.js';
import { ACCOUNT_TYPES, COUNTRIES, DEPOSITORIES, GENDERS, IAM_VALUES } from './validators.js';

// Request schemas check shape and bound sizes; the format rules (PAN, IFSC, dates, ...) live in
// validators.ts so that each failure gets its own stable code and exact path.
const text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const strict = { additionalProperties: false } as const;

/**
 * `schema` or null, as one schema (OpenAPI's `nullable`), so a wrong value gets one error naming it rather than one per
 * union branch.
 */
const orNull = <T extends TSchema>(schema: T) => Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });
const entryId = Type.String({
  maxLength: 64,
  description: 'The `_id` getDetails returned: updates that entry in place',
});

export const PanDetailsInput = Type.Object(
  {
    panNumber: text(20, 'Upper-cased; the 4th character must match iAm (P for Individual)'),
    name: text(200, 'Name as printed on the PAN card'),
    dateOfBirth: text(40, 'YYYY-MM-DD; age 18-120'),
    mobileNo: text(20),
    email: text(320),
    iAm: text(40, 'Individual or Mutual (any case; answered in this spelling)'),
  },
  strict,
);

export const ProfileDetailsInput = Type.Object(
  {
    gender: text(20, 'Male, Female or Others'),
    placeOfBirth: text(200),
    occupation: text(200),
    annualIncome: Type.Number({ minimum: 0, maximum: 1e13 }),
    citizenship: Type.Boolean(),
    informationConfirmation: Type.Boolean(),
  },
  strict,
);

export const AddressDetailsInput = Type.Object(
  {
    permanentAddress: text(300),
    // getDetails answers null for a missing landmark; sending that back means "none".
    landmark: Type.Optional(orNull(text(200))),
    permanentCity: text(200),
    permanentPincode: text(20),
    permanentState: text(100, "One of India's states or union territories"),
    permanentCountry: text(60, 'India'),
  },
  strict,
);

export const BankDetailsInput = Type.Object(
  {
    _id: Type.Optional(entryId),
    bankName: text(200),
    accountType: text(20, 'Saving or Current'),
    bankAccountNumber: Type.Union([text(40), Type.Number()], {
      description: '9-18 digits, as a string or a safe integer (send numbers above 2^53 as strings)',
    }),
    ifscCode: text(20),
    primary: Type.Boolean(),
  },
  strict,
);

export const DematDetailsInput = Type.Object(
  {
    _id: Type.Optional(entryId),
    depository: text(10, 'NSDL or CDSL'),
    dpID: Type.Optional(text(40, 'NSDL: IN + 6 digits; CDSL: 8 digits')),
    clientID: text(40, '8 digits, or a 16-character BO ID which is split'),
    primary: Type.Boolean(),
    clientMasterCopy: Type.Optional(
      Type.Union([
        // No maxLength: the body limit bounds the string, and the decoder answers 413 for more than 5 MB.
        orNull(
          Type.String({
            description: 'Base64 PDF, JPEG or PNG (5 MB at most), or the _id of a stored document',
          }),
        ),
        DocumentReference,
      ]),
    ),
  },
  strict,
);

const readOnly = (description: string) => ({
  description: `Read-only, as getDetails returned it: ${description}`,
});

/** The sections every example in the API description shares (sandbox values). */
const EXAMPLE_SECTIONS = {
  panDetails: {
    panNumber: 'ABCPV1234D',
    name: 'ASHA VERMA',
    dateOfBirth: '1993-06-30',
    mobileNo: '9876543210',
    email: 'asha.verma@example.com',
    iAm: 'Individual',
  },
  profileDetails: {
    gender: 'Female',
    placeOfBirth: 'Mumbai',
    occupation: 'Salaried',
    annualIncome: 1200000,
    citizenship: true,
    informationConfirmation: true,
  },
  addressDetails: {
    permanentAddress: '12 Linking Road, Bandra West',
    landmark: 'Near National College',
    permanentCity: 'Mumbai',
    permanentPincode: '400050',
    permanentState: 'Maharashtra',
    permanentCountry: 'India',
  },
  nominationDetails: {
    optOut: false,
    nominees: [
      { name: 'Meera Verma', relationship: 'spouse', dateOfBirth: '1990-04-12', allocationPercent: 100 },
    ],
  },
  fatcaDetails: {
    taxResidentOutsideIndia: false,
    taxResidencies: [],
    countryOfBirth: 'IN',
    cityOfBirth: 'Mumbai',
    nationality: 'IN',
  },
  pepDetails: { politicallyExposed: false, relatedToPoliticallyExposed: false },
  tradingPreferences: { segments: ['cash'], incomeRange: '10_25_lakh' },
};

export const UpdateDataBody = Type.Object(
  {
    panDetails: Type.Optional(orNull(PanDetailsInput)),
    profileDetails: Type.Optional(orNull(ProfileDetailsInput)),
    addressDetails: Type.Optional(orNull(AddressDetailsInput)),
    // An empty list is what getDetails returns before any account is saved; the service refuses it once one is.
    bankDetails: Type.Optional(Type.Array(BankDetailsInput, { maxItems: 5, description: '1-5 accounts' })),
    dematDetails: Type.Optional(Type.Array(DematDetailsInput, { maxItems: 3, description: '1-3 accounts' })),
    // The account-opening declarations: optional for saving, all four needed to submit.
    nominationDetails: Type.Optional(orNull(NominationDetailsInput)),
    fatcaDetails: Type.Optional(orNull(FatcaDetailsInput)),
    pepDetails: Type.Optional(orNull(PepDetailsInput)),
    tradingPreferences: Type.Optional(orNull(TradingPreferencesInput)),
    // getDetails' other fields, so that its whole `data` can be sent back; none of them can be changed here.
    _id: Type.Optional(Type.String({ maxLength: 64, ...readOnly('must be your own id') })),
    name: Type.Optional(Type.String({ maxLength: 200, ...readOnly('must equal the stored value') })),
    email: Type.Optional(Type.String({ maxLength: 320, ...readOnly('must equal the stored value') })),
    mobileNo: Type.Optional(Type.String({ maxLength: 20, ...readOnly('must equal the stored value') })),
    kycStatus: Type.Optional(Type.String({ maxLength: 40, ...readOnly('must equal the stored value') })),
    verifiedStatus: Type.Optional(orNull(Type.String({ maxLength: 40, ...readOnly('ignored') }))),
    verifiedAt: Type.Optional(orNull(Type.String({ maxLength: 40, ...readOnly('ignored') }))),
    emailVerified: Type.Optional(Type.Boolean(readOnly('ignored'))),
    mobileVerified: Type.Optional(Type.Boolean(readOnly('ignored'))),
    __v: Type.Optional(
      Type.Integer({
        minimum: 0,
        ...readOnly('a version other than the current one answers 409 version_conflict'),
      }),
    ),
    userImage: Type.Optional(
      orNull(Type.String({ maxLength: 4000, ...readOnly('ignored (a short-lived link)') })),
    ),
  },
  {
    ...strict,
    description:
      'Any subset of the sections (the five original ones and the four account-opening declarations); each section ' +
      'sent replaces that section. A section sent as null (or [] for a list), as getDetails shows one never saved, ' +
      'changes nothing and is refused once the section is saved. Submitting KYC needs all nine.',
    examples: [
      {
        ...EXAMPLE_SECTIONS,
        bankDetails: [
          {
            bankName: 'HDFC BANK',
            accountType: 'Saving',
            bankAccountNumber: '50100123456789',
            ifscCode: 'HDFC0000001',
            primary: true,
          },
        ],
        __v: 5,
      },
    ],
  },
);
export type UpdateDataBody = Static<typeof UpdateDataBody>;
export type BankDetailsInput = Static<typeof BankDetailsInput>;
export type DematDetailsInput = Static<typeof DematDetailsInput>;

const PanDetailsView = Type.Object({
  panNumber: Type.String(),
  name: Type.String(),
  dateOfBirth: Type.String({ description: 'YYYY-MM-DD' }),
  mobileNo: Type.String(),
  email: Type.String(),
  iAm: StringEnum(IAM_VALUES, { description: 'Individual (PAN holder type P) or Mutual (a mutual fund: T)' }),
});

const ProfileDetailsView = Type.Object({
  gender: StringEnum(GENDERS),
  placeOfBirth: Type.String(),
  occupation: Type.String(),
  annualIncome: Type.Number(),
  citizenship: Type.Boolean(),
  informationConfirmation: Type.Boolean(),
});

const AddressDetailsView = Type.Object({
  permanentAddress: Type.String(),
  landmark: Type.Union([Type.String(), Type.Null()]),
  permanentCity: Type.String(),
  permanentPincode: Type.String(),
  permanentState: StringEnum(STATES_AND_UNION_TERRITORIES, {
    description: 'A state or union territory of India, by its official name',
  }),
  permanentCountry: StringEnum(COUNTRIES),
});

const BankDetailsView = Type.Object({
  _id: Type.String(),
  bankName: Type.String(),
  accountType: StringEnum(ACCOUNT_TYPES),
  bankAccountNumber: Type.String(),
  ifscCode: Type.String(),
  primary: Type.Boolean(),
});

const DematDetailsView = Type.Object({
  _id: Type.String(),
  depository: StringEnum(DEPOSITORIES),
  dpID: Type.String(),
  clientID: Type.String(),
  primary: Type.Boolean(),
  clientMasterCopy: Type.Union([DocumentView, Type.Null()]),
});

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** A customer's profile as getDetails shows it to them (sandbox values), for the documentation. */
const PROFILE_EXAMPLE = {
  _id: '0193a7c2-5b1e-7c3a-9f10-2b7e4d6c8a11',
  name: 'Asha Verma',
  email: 'asha.verma@example.com',
  mobileNo: '9876543210',
  emailVerified: true,
  mobileVerified: true,
  ...EXAMPLE_SECTIONS,
  bankDetails: [
    {
      _id: '0193a7c5-2d3e-7f40-9152-6374859607a1',
      bankName: 'HDFC BANK',
      accountType: 'Saving',
      bankAccountNumber: '50100123456789',
      ifscCode: 'HDFC0000001',
      primary: true,
    },
  ],
  dematDetails: [
    {
      _id: '0193a7c5-8e9f-7a0b-8c1d-2e3f40516273',
      depository: 'CDSL',
      dpID: '12081600',
      clientID: '00012345',
      primary: true,
      clientMasterCopy: {
        _id: '0193a7c5-7d8e-7f90-a1b2-c3d4e5f60718',
        contentType: 'application/pdf',
        size: 84211,
        sha256: '9f2c4b7a1e0d3c5b8a6f4e2d1c0b9a8f7e6d5c4b3a291807f6e5d4c3b2a19080',
        url: 'https://kyc.example.in/v1/documents/0193a7c5-7d8e-7f90-a1b2-c3d4e5f60718?expires=1764755200&signature=Zm9vYmFy',
      },
    },
  ],
  __v: 6,
  kycStatus: 'draft',
  verifiedStatus: null,
  verifiedAt: null,
  userImage:
    'https://kyc.example.in/v1/documents/0193a7c6-1a2b-7c3d-8e4f-5a6b7c8d9e0f?expires=1764755200&signature=YmF6cXV4',
};

/** getDetails' `data`: the original contract's shape, every value in full for its owner. */
export const ProfileView = Type.Object({
  _id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  mobileNo: Type.String(),
  emailVerified: Type.Boolean({ description: 'The email address was confirmed through the emailed link' }),
  mobileVerified: Type.Boolean({ description: 'The mobile number was confirmed with the SMS code' }),
  panDetails: nullable(PanDetailsView),
  profileDetails: nullable(ProfileDetailsView),
  addressDetails: nullable(AddressDetailsView),
  bankDetails: Type.Array(BankDetailsView),
  dematDetails: Type.Array(DematDetailsView),
  nominationDetails: nullable(NominationDetailsView),
  fatcaDetails: nullable(FatcaDetailsView),
  pepDetails: nullable(PepDetailsView),
  tradingPreferences: nullable(TradingPreferencesView),
  __v: Type.Integer({ description: 'Profile version; also the ETag, accepted back in If-Match' }),
  kycStatus: {
    ...CaseStatus,
    description:
      "The latest KYC case's status (the case in progress: draft again after a re-KYC starts); draft before the first submission",
  },
  ...LastDecision.properties,
  userImage: Type.Union([Type.String(), Type.Null()], {
    description: 'Short-lived signed URL of the selfie once it passed the liveliness check',
  }),
});
export type ProfileView = Static<typeof ProfileView>;
export type PanDetailsView = Static<typeof PanDetailsView>;
export type ProfileDetailsView = Static<typeof ProfileDetailsView>;
export type AddressDetailsView = Static<typeof AddressDetailsView>;
export type BankDetailsView = Static<typeof BankDetailsView>;
export type DematDetailsView = Static<typeof DematDetailsView>;
export type NominationDetailsView = Static<typeof NominationDetailsView>;
export type TradingPreferencesView = Static<typeof TradingPreferencesView>;

export const GetDetailsResponse = Type.Object(
  { success: Type.Literal(true), data: ProfileView },
  { examples: [{ success: true, data: PROFILE_EXAMPLE }] },
);

export const UpdateDataResponse = Type.Object(
  {
    success: Type.Literal(true),
    message: Type.String(),
    data: ProfileView,
  },
  { examples: [{ success: true, message: 'Profile updated successfully', data: PROFILE_EXAMPLE }] },
);
