import { Type } from 'typebox';
import { USER_ROLES } from '../../db/schema/index.js';
import { StringEnum } from '../../lib/schemas.js';
import { DigilockerStatus } from '../digilocker/schemas.js';
import { CaseStatus, CaseStatusView, CheckOutcome, CheckType } from '../kyc/schemas.js';
import { OFFICIAL_GENDERS } from '../official-identity/parse.js';
import { OfficialAddressDetails } from '../official-identity/schemas.js';

const nullableString = Type.Union([Type.String(), Type.Null()]);
const Agreement = Type.Union(
  [Type.Literal('equal'), Type.Literal('partial'), Type.Literal('differs'), Type.Literal('unknown')],
  {
    description:
      'equal; partial (a partial name match, a year of birth only, the pincode alone); differs; unknown',
  },
);

/** The official identity beside the submitted snapshot, and the selfie beside the official photo. */
const OfficialComparison = Type.Object({
  identity: Type.Union([
    Type.Object({
      source: StringEnum(['digilocker', 'secure_share'], {
        description: 'Where the official identity came from',
      }),
      name: nullableString,
      dateOfBirth: nullableString,
      gender: Type.Union([StringEnum(OFFICIAL_GENDERS), Type.Null()]),
      aadhaarLast4: nullableString,
      addressDetails: Type.Union([OfficialAddressDetails, Type.Null()]),
      photoUrl: Type.Union([
        Type.String({ description: 'Short-lived link to the official photo' }),
        Type.Null(),
      ]),
      fetchedAt: Type.String({ format: 'date-time' }),
    }),
    Type.Null(),
  ]),
  digilocker: Type.Union(
    [
      Type.Object({
        verificationId: Type.String(),
        status: DigilockerStatus,
        documentStatus: nullableString,
        updatedAt: Type.String({ format: 'date-time' }),
      }),
      Type.Null(),
    ],
    { description: "The user's latest DigiLocker request, e.g. not_available with AADHAAR_NOT_LINKED" },
  ),
  fields: Type.Array(
    Type.Object({
      field: Type.String({
        description: 'name, dateOfBirth, gender, aadhaarLast4 (PAN-linked vs official) or address',
      }),
      submitted: Type.Unknown(),
      official: Type.Unknown(),
      agreement: Agreement,
    }),
  ),
  face: Type.Object({
    selfieUrl: nullableString,
    officialPhotoUrl: nullableString,
    score: Type.Union([Type.Number(), Type.Null()]),
    outcome: Type.Union([CheckOutcome, Type.Null()], {
      description: 'The face_match check; null before it ran',
    }),
    reason: nullableString,
  }),
});

/** The fixed list of reason codes a reviewer may give; the customer sees them with the message. */
export const REVIEW_REASON_CODES = [
  'documents_unclear',
  'name_mismatch',
  'date_of_birth_mismatch',
  'address_unverified',
  'face_mismatch',
  'pan_invalid',
  'bank_account_unverified',
  'duplicate_identity',
  'identity_mismatch',
  'suspected_fraud',
  'verified_manually',
] as const;

export const CaseDetailResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    case: CaseStatusView,
    userId: Type.String(),
    internalNote: Type.Union([Type.String(), Type.Null()]),
    snapshot: Type.Unknown({ description: 'The profile as submitted, in full (this view is audited)' }),
    checks: Type.Array(
      Type.Object({
        type: CheckType,
        outcome: Type.Union([CheckOutcome, Type.Null()]),
        reason: Type.Union([Type.String(), Type.Null()]),
        verificationId: Type.Union([Type.String(), Type.Null()]),
        referenceId: Type.Union([Type.String(), Type.Null()]),
        score: Type.Union([Type.Number(), Type.Null()]),
        details: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
    documents: Type.Array(
      Type.Object({
        kind: StringEnum(['selfie', 'official_photo', 'client_master_copy']),
        url: Type.String({ description: 'Short-lived signed link' }),
      }),
    ),
    official: OfficialComparison,
    history: Type.Array(
      Type.Object({
        type: StringEnum(['transition', 'check', 'view', 'decision']),
        fromStatus: Type.Union([CaseStatus, Type.Null()]),
        toStatus: Type.Union([CaseStatus, Type.Null()]),
        actorRole: Type.Union([StringEnum([...USER_ROLES, 'system']), Type.Null()], {
          description: 'Who acted: system for the automatic decision after the checks',
        }),
        data: Type.Record(Type.String(), Type.Unknown()),
        at: Type.String(),
      }),
    ),
  }),
});

export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('request_changes')]),
    reasonCodes: Type.Array(Type.Union(REVIEW_REASON_CODES.map((code) => Type.Literal(code))), {
      maxItems: 10,
      uniqueItems: true,
    }),
    userMessage: Type.Optional(Type.String({ maxLength: 1000 })),
    internalNote: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  {
    additionalProperties: false,
    examples: [
      {
        decision: 'request_changes',
        reasonCodes: ['documents_unclear'],
        userMessage: 'The client master copy is cut off at the bottom: please upload the whole page.',
        internalNote: 'CMR page 1 only; DP ID matches.',
      },
    ],
  },
);
