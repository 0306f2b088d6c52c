import { Type } from 'typebox';
import type { Static } from 'typebox';
import { OfficialIdentityView } from '../official-identity/schemas.js';

export const SecureShareSessionView = Type.Object({
  sessionId: Type.String({ description: "Cashfree's session id, for the front end's 1-Click SDK" }),
  expiresAt: Type.String({ format: 'date-time', description: 'The session ends after an hour' }),
});

export const CompleteBody = Type.Object(
  {
    authCode: Type.String({
      minLength: 1,
      maxLength: 512,
      description: "The auth code the 1-Click SDK's callback received",
    }),
  },
  { additionalProperties: false },
);
export type CompleteBody = Static<typeof CompleteBody>;

export const ProposedFieldView = Type.Object({
  field: Type.String({
    description:
      "JSON pointer into update_data's body (e.g. `/panDetails/name`; `/bankDetails/-/…` is a new account), " +
      'or `/aadhaar` for the Aadhaar number, which is not a profile field',
  }),
  value: Type.Union([Type.String(), Type.Number()]),
  masked: Type.Boolean({
    description: 'PAN and account show their last 4 characters, Aadhaar as XXXX XXXX 1234',
  }),
  scope: Type.String({ description: 'The Secure-Share scope the value came from (NAME, DOB, PAN, ...)' }),
  confidence: Type.Union([Type.Number(), Type.Null()], {
    description: "Cashfree's confidence score; null when it gives none",
  }),
  candidates: Type.Optional(
    Type.Array(
      Type.Object({
        value: Type.Union([Type.String(), Type.Number()]),
        scope: Type.String(),
        confidence: Type.Union([Type.Number(), Type.Null()]),
      }),
      {
        description:
          'Every distinct value found for the field (e.g. the NAME scope and the Aadhaar name), each with its scope and confidence',
      },
    ),
  ),
  conflict: Type.Optional(
    Type.Boolean({
      description:
        'The candidates disagree: `value` is only the first of them, and apply takes the field only with a choice',
    }),
  ),
});

export const PrefillView = Type.Object({
  proposalId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  appliedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  fields: Type.Array(ProposedFieldView),
  drafts: Type.Record(Type.String(), Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])), {
    description:
      'Accepted fields of sections not complete yet (by section, PAN masked): a client prefills the form with them; ' +
      'the next apply that completes the section writes them',
  }),
  identity: Type.Union([OfficialIdentityView, Type.Null()], {
    description: 'The Aadhaar-derived identity, as stored, shown to its owner',
  }),
});
export type PrefillView = Static<typeof PrefillView>;

export const ApplyBody = Type.Object(
  {
    fields: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: 32,
      description: 'The proposed fields (their `field` pointers) the user accepts',
    }),
    choices: Type.Optional(
      Type.Array(
        Type.Object(
          {
            field: Type.String({ minLength: 1, maxLength: 100 }),
            scope: Type.String({ minLength: 1, maxLength: 40 }),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: 32,
          description: 'For a field in conflict: the scope whose candidate the user chose',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ApplyBody = Static<typeof ApplyBody>;

export const ApplyResult = Type.Object({
  applied: Type.Array(Type.String(), { description: 'Fields written to the profile' }),
  drafted: Type.Array(Type.String(), {
    description: 'Fields of sections not complete yet, kept as the section draft instead of applying nothing',
  }),
  skipped: Type.Array(
    Type.Object({
      field: Type.String(),
      reason: Type.Union([
        Type.Literal('section_incomplete'),
        Type.Literal('conflict'),
        Type.Literal('needs_completion'),
        Type.Literal('not_applicable'),
      ]),
      message: Type.String(),
      missing: Type.Array(Type.String(), { description: 'Required fields neither proposed nor saved' }),
    }),
  ),
  filledFromAccount: Type.Array(Type.String(), {
    description: "Required fields not proposed, taken from the user's account (email, mobile number)",
  }),
  __v: Type.Integer({ description: 'The profile version after the update' }),
});
export type ApplyResult = Static<typeof ApplyResult>;

export const SecureShareSessionResponse = Type.Object({
  success: Type.Literal(true),
  data: SecureShareSessionView,
});
export const PrefillResponse = Type.Object({ success: Type.Literal(true), data: PrefillView });
export const ApplyResponse = Type.Object({ success: Type.Literal(true), data: ApplyResult });
