import { Type, type Static, type TSchema } from 'typebox';

/*
 * Response schemas for the Cashfree Secure ID endpoints we call, after Cashfree's OpenAPI spec
 * (version 2023-12-18) and its examples. Cashfree's own examples disagree on some types
 * (`reference_id` is an integer in most places and a string in others, `name_match_score` is
 * "100.00" or 100, a geocoding score is 1 or "1"), so those fields accept both. Objects stay
 * open: Cashfree adds fields without a version bump, and an extra field must not fail a
 * verification that succeeded.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Opt = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema));

export const ReferenceId = Type.Union([Type.Integer(), Type.String()]);
export const NumberLike = Type.Union([Type.Number(), Type.String()]);

export const ErrorBody = Type.Object({
  type: Type.String(),
  code: Type.String(),
  message: Type.String(),
  error: Opt(Type.Record(Type.String(), Type.Unknown())),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const NameMatchResult = Type.String({
  description: 'DIRECT_MATCH … NO_MATCH, or "-" when nothing was compared',
});

export const PanResponse = Type.Object({
  pan: Type.String(),
  type: Opt(Type.String()),
  reference_id: ReferenceId,
  name_provided: Opt(Type.String()),
  registered_name: Opt(Type.String()),
  valid: Type.Boolean(),
  father_name: Opt(Type.String()),
  message: Opt(Type.String()),
  name_match_score: Opt(NumberLike),
  name_match_result: Opt(NameMatchResult),
  aadhaar_seeding_status: Opt(Type.String()),
  aadhaar_seeding_status_desc: Opt(Type.String()),
  last_updated_at: Opt(Type.String()),
  name_pan_card: Opt(Type.String()),
  pan_status: Opt(Type.String()),
});
export type PanResponse = Static<typeof PanResponse>;

export const PanAdvanceResponse = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  status: Type.String({ description: 'VALID | INVALID' }),
  message: Opt(Type.String()),
  pan: Opt(Type.String()),
  name_provided: Opt(Type.String()),
  registered_name: Opt(Type.String()),
  name_pan_card: Opt(Type.String()),
  first_name: Opt(Type.String()),
  last_name: Opt(Type.String()),
  type: Opt(Type.String()),
  gender: Opt(Type.String()),
  date_of_birth: Opt(Type.String()),
  masked_aadhaar_number: Opt(Type.String()),
  email: Opt(Type.String()),
  mobile_number: Opt(Type.String()),
  aadhaar_linked: Opt(Type.Boolean()),
  address: Opt(
    Type.Object({
      full_address: Opt(Type.String()),
      street: Opt(Type.String()),
      city: Opt(Type.String()),
      state: Opt(Type.String()),
      pincode: Opt(NumberLike),
      country: Opt(Type.String()),
    }),
  ),
});
export type PanAdvanceResponse = Static<typeof PanAdvanceResponse>;

export const PanLiteResponse = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  pan: Opt(Type.String()),
  name: Opt(Type.String()),
  dob: Opt(Type.String()),
  name_match: Opt(Type.String({ description: 'Y | N' })),
  dob_match: Opt(Type.String({ description: 'Y | N' })),
  pan_status: Opt(Type.String({ description: 'E, EC, N, X, F, D, EA, …' })),
  status: Type.String({ description: 'VALID | INVALID' }),
  aadhaar_seeding_status: Opt(Type.String()),
  aadhaar_seeding_status_desc: Opt(Type.String()),
});
export type PanLiteResponse = Static<typeof PanLiteResponse>;

export const IfscDetails = Type.Object({
  bank: Opt(Type.String()),
  ifsc: Opt(Type.String()),
  ifsc_subcode: Opt(Type.String()),
  address: Opt(Type.String()),
  city: Opt(Type.String()),
  state: Opt(Type.String()),
  branch: Opt(Type.String()),
  category: Opt(Type.String()),
  swift_code: Opt(Type.String()),
  micr: Opt(NumberLike),
  nbin: Opt(NumberLike),
});

/** Sync answer, async acknowledgement and status lookup share this shape (the latter two are subsets). */
export const BankAccountResponse = Type.Object({
  reference_id: ReferenceId,
  user_id: Opt(Type.String()),
  name_at_bank: Opt(Type.String()),
  bank_name: Opt(Type.String()),
  utr: Opt(Type.String()),
  city: Opt(Type.String()),
  branch: Opt(Type.String()),
  micr: Opt(NumberLike),
  name_match_score: Opt(NumberLike),
  name_match_result: Opt(NameMatchResult),
  account_status: Type.String({ description: 'VALID | INVALID | RECEIVED | FAILED | …' }),
  account_status_code: Opt(Type.String()),
  ifsc_details: Opt(IfscDetails),
});
export type BankAccountResponse = Static<typeof BankAccountResponse>;

export const IfscResponse = Type.Object({
  verification_id: Type.String(),
  reference_id: ReferenceId,
  status: Type.String(),
  bank: Opt(Type.String()),
  ifsc: Opt(Type.String()),
  neft: Opt(Type.String()),
  imps: Opt(Type.String()),
  rtgs: Opt(Type.String()),
  upi: Opt(Type.String()),
  ft: Opt(Type.String()),
  card: Opt(Type.String()),
  micr: Opt(NumberLike),
  nbin: Opt(NumberLike),
  address: Opt(Type.String()),
  city: Opt(Type.String()),
  state: Opt(Type.String()),
  branch: Opt(Type.String()),
  ifsc_subcode: Opt(Type.String()),
  category: Opt(Type.String()),
  swift_code: Opt(Type.String()),
});
export type IfscResponse = Static<typeof IfscResponse>;

export const NameMatchResponse = Type.Object({
  verification_id: Type.String(),
  reference_id: ReferenceId,
  name_1: Opt(Type.String()),
  name_2: Opt(Type.String()),
  status: Type.String(),
  score: NumberLike,
  reason: Opt(Type.String()),
});
export type NameMatchResponse = Static<typeof NameMatchResponse>;

export const FaceMatchResponse = Type.Object({
  status: Type.String({ description: 'SUCCESS | MULTIPLE_FACE_DETECTED | FACE_NOT_DETECTED' }),
  ref_id: ReferenceId,
  verification_id: Type.String(),
  face_match_result: Opt(Type.String({ description: 'YES | NO' })),
  face_match_score: Opt(NumberLike),
});
export type FaceMatchResponse = Static<typeof FaceMatchResponse>;

export const LivelinessResponse = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  status: Type.String({ description: 'SUCCESS | FACE_NOT_DETECTED | MULTIPLE_FACE_DETECTED' }),
  liveliness: Type.Boolean(),
  score: NumberLike,
});
export type LivelinessResponse = Static<typeof LivelinessResponse>;

export const DigilockerDocumentType = Type.Union([
  Type.Literal('AADHAAR'),
  Type.Literal('PAN'),
  Type.Literal('DRIVING_LICENSE'),
]);
export type DigilockerDocumentType = Static<typeof DigilockerDocumentType>;

export const DigilockerCreateResponse = Type.Object({
  verification_id: Type.String(),
  reference_id: ReferenceId,
  url: Type.String(),
  status: Type.String(),
  document_requested: Opt(Type.Array(Type.String())),
  redirect_url: Opt(Type.String()),
});
export type DigilockerCreateResponse = Static<typeof DigilockerCreateResponse>;

export const DigilockerStatusResponse = Type.Object({
  verification_id: Type.String(),
  reference_id: ReferenceId,
  status: Type.String({ description: 'PENDING | AUTHENTICATED | EXPIRED | CONSENT_DENIED' }),
  user_details: Opt(
    Type.Object({
      name: Opt(Type.String()),
      dob: Opt(Type.String()),
      gender: Opt(Type.String()),
      eaadhaar: Opt(Type.String()),
      mobile: Opt(Type.String()),
    }),
  ),
  document_requested: Opt(Type.Array(Type.String())),
  document_consent: Opt(Type.Array(Type.String())),
});
export type DigilockerStatusResponse = Static<typeof DigilockerStatusResponse>;

export const SplitAddress = Type.Object({
  country: Opt(Type.String()),
  dist: Opt(Type.String()),
  house: Opt(Type.String()),
  landmark: Opt(Type.String()),
  pincode: Opt(NumberLike),
  po: Opt(Type.String()),
  state: Opt(Type.String()),
  street: Opt(Type.String()),
  subdist: Opt(Type.String()),
  vtc: Opt(Type.String()),
});

export const DigilockerAadhaarDocument = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  status: Type.String(),
  uid: Opt(Type.String()),
  care_of: Opt(Type.String()),
  dob: Opt(Type.String()),
  /** Some Aadhaar records hold the year of birth only. */
  year_of_birth: Opt(NumberLike),
  gender: Opt(Type.String()),
  name: Opt(Type.String()),
  photo_link: Opt(Type.String()),
  split_address: Opt(SplitAddress),
  xml_file: Opt(Type.String()),
});
export type DigilockerAadhaarDocument = Static<typeof DigilockerAadhaarDocument>;

export const DigilockerPanDocument = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  status: Type.String(),
  pan: Opt(Type.String()),
  type: Opt(Type.String()),
  dob: Opt(Type.String()),
  name_pan_card: Opt(Type.String()),
  gender: Opt(Type.String()),
  xml_file: Opt(Type.String()),
});
export type DigilockerPanDocument = Static<typeof DigilockerPanDocument>;

export const DigilockerDrivingLicenseDocument = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  status: Type.String(),
  dl_number: Opt(Type.String()),
  issued_at: Opt(Type.String()),
  issue_date: Opt(Type.String()),
  expiry_date: Opt(Type.String()),
  categories: Opt(Type.Unknown()),
  name: Opt(Type.String()),
  dob: Opt(Type.String()),
  care_of: Opt(Type.String()),
  present_address: Opt(Type.String()),
  permanent_address: Opt(Type.String()),
  gender: Opt(Type.String()),
  photo_link: Opt(Type.String()),
  xml_file: Opt(Type.String()),
});
export type DigilockerDrivingLicenseDocument = Static<typeof DigilockerDrivingLicenseDocument>;

export const DigilockerDocumentSchemas = {
  AADHAAR: DigilockerAadhaarDocument,
  PAN: DigilockerPanDocument,
  DRIVING_LICENSE: DigilockerDrivingLicenseDocument,
} as const;
export interface DigilockerDocuments {
  AADHAAR: DigilockerAadhaarDocument;
  PAN: DigilockerPanDocument;
  DRIVING_LICENSE: DigilockerDrivingLicenseDocument;
}

export const UserIdentifier = Type.Object({
  identifier_type: Type.String(),
  identifier_value: Type.String(),
});

export const DataAvailabilityResponse = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  user: Opt(Type.Array(UserIdentifier)),
  available_scopes: Type.Array(Type.Object({ scope: Type.String() })),
});
export type DataAvailabilityResponse = Static<typeof DataAvailabilityResponse>;

export const SecureShareSessionResponse = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  session_id: Type.String(),
  expiry: Opt(Type.String()),
  // The spec's schema says an object, its example an array.
  user: Opt(Type.Union([UserIdentifier, Type.Array(UserIdentifier)])),
});
export type SecureShareSessionResponse = Static<typeof SecureShareSessionResponse>;

export const SecureShareTokenResponse = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  access_token: Type.String(),
  expiry: Opt(Type.String()),
});
export type SecureShareTokenResponse = Static<typeof SecureShareTokenResponse>;

export const SecureShareRecord = Type.Object({
  confidence_score: Opt(Type.Number()),
  metadata: Type.Record(Type.String(), Type.Unknown()),
});

export const SecureShareUserDetailsResponse = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  scopes: Type.Array(Type.Object({ scope: Type.String(), records: Type.Array(SecureShareRecord) })),
});
export type SecureShareUserDetailsResponse = Static<typeof SecureShareUserDetailsResponse>;

export const ReverseGeocodingResponse = Type.Object({
  reference_id: ReferenceId,
  verification_id: Type.String(),
  latitude: Opt(Type.String()),
  longitude: Opt(Type.String()),
  address: Opt(Type.String()),
  city: Opt(Type.String()),
  state: Opt(Type.String()),
  statecode: Opt(Type.String()),
  countrycode: Opt(Type.String()),
  pincode: Opt(Type.String()),
  score: Opt(NumberLike),
  status: Type.String(),
});
export type ReverseGeocodingResponse = Static<typeof ReverseGeocodingResponse>;

/** POST /esignature/document: the uploaded PDF's id, used by POST /esignature. */
export const EsignDocumentResponse = Type.Object({
  status: Type.String(),
  document_id: ReferenceId,
});
export type EsignDocumentResponse = Static<typeof EsignDocumentResponse>;

/** POST /esignature: the signing link for the (first) signer. */
export const EsignCreateResponse = Type.Object({
  status: Type.String(),
  verification_id: Type.String(),
  reference_id: ReferenceId,
  document_id: Opt(ReferenceId),
  signing_link: Type.String(),
});
export type EsignCreateResponse = Static<typeof EsignCreateResponse>;

/** GET /esignature: `signed_doc_url` is set once every signer signed. */
export const EsignStatusResponse = Type.Object({
  status: Type.String({ description: 'IN_PROGRESS | SUCCESS | EXPIRED | FAILURE' }),
  verification_id: Type.String(),
  reference_id: ReferenceId,
  document_id: Opt(ReferenceId),
  signers: Opt(
    Type.Array(
      Type.Object({
        name: Opt(Type.String()),
        status: Opt(Type.String()),
        is_notified: Opt(Type.Boolean()),
      }),
    ),
  ),
  signed_doc_url: Opt(Type.String()),
});
export type EsignStatusResponse = Static<typeof EsignStatusResponse>;
