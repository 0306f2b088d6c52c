import { Type } from 'typebox';
import { REVIEW_DECISIONS, USER_ROLES } from '../../db/schema/index.js';
import { StringEnum } from '../../lib/schemas.js';
import { DigilockerStatus } from '../digilocker/schemas.js';
import { CaseStatus, CaseStatusView, CheckOutcome, CheckType, FixItem } from '../kyc/schemas.js';
import { REVEAL_FIELDS } from './masking.js';
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

const Person = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()], { description: 'Display name; null once erased' }),
});

export const ReviewNote = Type.Object({
  id: Type.String(),
  text: Type.String(),
  author: Person,
  at: Type.String({ format: 'date-time' }),
});

const Decision = StringEnum(REVIEW_DECISIONS, {
  description: 'approve, reject, or request_changes (the customer fixes what the reasons name)',
});

/** Four-eyes mode: a decision waiting for a second, different reviewer. */
const Proposal = Type.Object(
  {
    decision: Decision,
    reasonCodes: Type.Array(Type.String()),
    userMessage: Type.Union([Type.String(), Type.Null()]),
    internalNote: Type.Union([Type.String(), Type.Null()]),
    by: Person,
    at: Type.String({ format: 'date-time' }),
  },
  { description: 'A proposed decision (REVIEW_FOUR_EYES) awaiting confirmation by another reviewer' },
);

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
  'ipv_location_missing',
  'ipv_location_outside_india',
  'ipv_challenge_invalid',
  'suspected_fraud',
  'verified_manually',
] as const;

const ReasonCodes = Type.Array(StringEnum(REVIEW_REASON_CODES), {
  maxItems: 10,
  uniqueItems: true,
  description: 'At least one to reject or request changes',
});

/** What the case last asked the customer to change (reviewer or checks), and what they changed. */
const LastRequest = Type.Object({
  requestedAt: Type.String({ format: 'date-time', description: 'When the case moved to action_required' }),
  resubmittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the customer submitted again; null while the case still waits for them',
  }),
  reasons: Type.Array(
    Type.Object({
      ...FixItem.properties,
      changed: Type.Boolean({
        description:
          'The customer changed that part between the request and the resubmission (or now, before it); ' +
          'a profile section saved with other content, a selfie that passed, an Aadhaar fetched again',
      }),
    }),
    { description: "The request's reasons, each with the part that fixes it" },
  ),
});

export const CaseDetailResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    case: CaseStatusView,
    userId: Type.String(),
    internalNote: Type.Union([Type.String(), Type.Null()]),
    assignee: Type.Union([Person, Type.Null()], { description: 'Who holds (claimed) the case' }),
    readOnly: Type.Boolean({
      description: 'True unless the case awaits review (needs_review): nothing to decide, values stay masked',
    }),
    snapshot: Type.Unknown({
      description:
        'The profile as submitted, identity numbers masked (PAN XXXXX1234X; bank account and demat client id to their last 4): see the reveal route. Client master copy links are signed afresh.',
    }),
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
        kind: StringEnum(['selfie', 'official_photo', 'client_master_copy', 'income_proof']),
        url: Type.String({
          format: 'uri',
          description: 'Absolute link, signed afresh at each view; works without the bearer header',
        }),
        contentType: Type.String({ description: 'application/pdf, image/jpeg or image/png' }),
        expiresAt: Type.String({ format: 'date-time', description: 'When the link stops working' }),
      }),
    ),
    official: OfficialComparison,
    history: Type.Array(
      Type.Object({
        type: StringEnum(['transition', 'check', 'view', 'decision'], {
          description:
            'decision: a four-eyes proposal (`data.proposal` proposed or returned, with the note); a decision applied is a transition',
        }),
        fromStatus: Type.Union([CaseStatus, Type.Null()]),
        toStatus: Type.Union([CaseStatus, Type.Null()]),
        actorRole: Type.Union([StringEnum([...USER_ROLES, 'system']), Type.Null()], {
          description: 'Who acted: system for the automatic decision after the checks',
        }),
        actor: Type.Union(
          [Type.Object({ ...Person.properties, role: StringEnum(USER_ROLES) }), Type.Null()],
          {
            description: 'The person who acted, by name; null for the system',
          },
        ),
        data: Type.Record(Type.String(), Type.Unknown()),
        at: Type.String(),
      }),
    ),
    notes: Type.Array(ReviewNote, {
      description: 'Internal notes, oldest first; never shown to the customer',
    }),
    proposal: Type.Union([Proposal, Type.Null()]),
    lastRequest: Type.Union([LastRequest, Type.Null()], {
      description: 'The latest time the case asked the customer for changes; null when it never did',
    }),
  }),
});

export const DecisionBody = Type.Object(
  {
    decision: Decision,
    reasonCodes: ReasonCodes,
    userMessage: Type.Optional(
      Type.String({ maxLength: 1000, description: 'Shown to the customer; required unless approving' }),
    ),
    internalNote: Type.Optional(
      Type.String({
        maxLength: 4000,
        description: 'For staff only; required to approve a case with a check that did not pass',
      }),
    ),
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

/** A decision's answer: the case as the customer sees it, and the proposal it awaits under four-eyes. */
export const DecisionResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({ ...CaseStatusView.properties, proposal: Type.Union([Proposal, Type.Null()]) }),
});

export const ReturnProposalBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 2000, description: 'Why, for the proposing reviewer' }) },
  { additionalProperties: false },
);

export const NoteBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 2000 }) },
  {
    additionalProperties: false,
    examples: [{ text: 'Called the bank: the account is in her maiden name.' }],
  },
);
export const NoteResponse = Type.Object({ success: Type.Literal(true), data: ReviewNote });

export const RevealBody = Type.Object(
  {
    field: StringEnum(REVEAL_FIELDS, {
      description:
        'panNumber; bankAccountNumber or dematAccountNumber (the BO id: DP id then client id) with index',
    }),
    index: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 9, description: 'Which account of the list, from 0 (default 0)' }),
    ),
    reason: Type.String({
      minLength: 10,
      maxLength: 500,
      description: 'Why the full value is needed; audited',
    }),
  },
  {
    additionalProperties: false,
    examples: [{ field: 'panNumber', reason: 'Comparing with the PAN card image the customer emailed' }],
  },
);
export const RevealResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    field: StringEnum(REVEAL_FIELDS),
    index: Type.Union([Type.Integer(), Type.Null()], { description: 'null for the PAN' }),
    value: Type.String({ description: 'The full value' }),
  }),
});

export const TemplateParams = Type.Object(
  { templateId: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
export const TemplateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    decision: Decision,
    reasonCodes: ReasonCodes,
    message: Type.String({ minLength: 1, maxLength: 1000, description: 'What the customer reads' }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: 'Bank account name differs',
        decision: 'request_changes',
        reasonCodes: ['bank_account_unverified'],
        message: 'The bank account is not in your name. Please add an account you hold and submit again.',
      },
    ],
  },
);
const Template = Type.Object({
  id: Type.String(),
  name: Type.String(),
  decision: Decision,
  reasonCodes: Type.Array(Type.String()),
  message: Type.String(),
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'The admin; null for a seeded one' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const TemplateResponse = Type.Object({ success: Type.Literal(true), data: Template });
export const TemplateListResponse = Type.Object({ success: Type.Literal(true), data: Type.Array(Template) });
