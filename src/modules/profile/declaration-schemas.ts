/* Request and view schemas of the four account-opening declarations (issue 15; contract shared with the web app). */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { StringEnum } from '../../lib/schemas.js';
import {
  INCOME_PROOF_TYPES,
  INCOME_RANGES,
  MAX_TAX_RESIDENCIES,
  NO_TIN_REASONS,
  NOMINEE_ID_TYPES,
  RELATIONSHIPS,
  SEGMENTS,
} from './declaration-rules.js';
import { DocumentReference, DocumentView } from './document-schemas.js';

// Shapes and size bounds only; the rules (formats, sums, who may have a guardian) are in declaration-rules.ts so that
// each failure names its field.
const text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const strict = { additionalProperties: false } as const;
/** The most nominees the schema lets through; MAX_NOMINEES (default 3) is the limit that applies. */
const NOMINEES_BOUND = 10;

const Guardian = Type.Object(
  {
    name: text(100),
    relationship: text(20, `The guardian's relationship to the nominee: ${RELATIONSHIPS.join(', ')}`),
    address: text(300, '10-300 characters'),
  },
  { ...strict, description: 'Optional, and only for a nominee under 18' },
);

const NomineeInput = Type.Object(
  {
    name: text(100, "2-100 letters, spaces and . ' -"),
    relationship: text(20, RELATIONSHIPS.join(', ')),
    dateOfBirth: text(10, 'YYYY-MM-DD, not in the future; under 18 today makes the nominee a minor'),
    allocationPercent: Type.Optional(
      Type.Number({
        description:
          'Share in percent (up to 2 decimals). Optional: if any nominee has one, all must, adding up to exactly 100; ' +
          'if none has one the holding is split equally',
      }),
    ),
    guardian: Type.Optional(Guardian),
    idType: Type.Optional(text(20, `Optional, with idNumber: ${NOMINEE_ID_TYPES.join(', ')}`)),
    idNumber: Type.Optional(
      text(
        20,
        'Validated for idType; stored encrypted and returned masked (send the masked value back to keep it)',
      ),
    ),
  },
  strict,
);

export const NominationDetailsInput = Type.Object(
  {
    optOut: Type.Boolean({
      description: 'true: the customer declares they do not wish to appoint a nominee',
    }),
    nominees: Type.Optional(
      Type.Array(NomineeInput, {
        maxItems: NOMINEES_BOUND,
        description: '1 to MAX_NOMINEES (default 3) when optOut is false; none when it is true',
      }),
    ),
    optOutDeclaredAt: Type.Optional(text(40, 'Read-only, as getDetails returned it: ignored')),
  },
  { ...strict, description: 'Either nominees, or an opt-out' },
);

export const FatcaDetailsInput = Type.Object(
  {
    taxResidentOutsideIndia: Type.Boolean(),
    taxResidencies: Type.Optional(
      Type.Array(
        Type.Object(
          {
            country: text(2, 'ISO 3166-1 alpha-2, not IN'),
            tin: Type.Optional(text(40, 'Taxpayer identification number in that country')),
            noTinReason: Type.Optional(text(20, `Instead of tin: ${NO_TIN_REASONS.join(', ')}`)),
          },
          strict,
        ),
        {
          maxItems: MAX_TAX_RESIDENCIES,
          description: `Required (1-${MAX_TAX_RESIDENCIES}) iff taxResidentOutsideIndia`,
        },
      ),
    ),
    countryOfBirth: text(2, 'ISO 3166-1 alpha-2'),
    cityOfBirth: text(100),
    nationality: text(2, 'ISO 3166-1 alpha-2'),
  },
  { ...strict, description: 'FATCA/CRS self-certification (Income-tax Rules 114F-114H)' },
);

/** Shown to the customer with the question; the wording of PML Rules 2005, rule 2(1)(db), and SEBI's 2023 extension. */
export const PEP_DEFINITION =
  'Politically exposed persons (PEPs) are individuals who have been entrusted with prominent public functions by a ' +
  'foreign country, including heads of states or governments, senior politicians, senior government, judicial or ' +
  'military officers, senior executives of state-owned corporations and important political party officials ' +
  '(Prevention of Money-laundering (Maintenance of Records) Rules 2005, rule 2(1)(db)); SEBI extends the same norms ' +
  'to their family members and close relatives (circular of 16 June 2023).';

export const PepDetailsInput = Type.Object(
  {
    politicallyExposed: Type.Boolean({ description: 'The customer is a politically exposed person' }),
    relatedToPoliticallyExposed: Type.Boolean({
      description:
        'The customer is a family member, close relative or close associate of a politically exposed person',
    }),
  },
  {
    ...strict,
    description: `${PEP_DEFINITION} Either answer true sends the KYC case to a reviewer (needs_review, reason pep_declared).`,
  },
);

export const TradingPreferencesInput = Type.Object(
  {
    segments: Type.Array(text(20), {
      maxItems: SEGMENTS.length,
      description: `Non-empty subset of ${SEGMENTS.join(', ')}`,
    }),
    incomeRange: text(20, `Gross annual income: ${INCOME_RANGES.join(', ')}`),
    incomeProof: Type.Optional(
      Type.Object(
        {
          documentType: text(20, INCOME_PROOF_TYPES.join(', ')),
          // No maxLength: the body limit bounds the string, and the decoder answers 413 for more than 5 MB.
          document: Type.Union([
            Type.String({
              description: 'Base64 PDF, JPEG or PNG (5 MB at most), or the _id of a stored document',
            }),
            DocumentReference,
          ]),
        },
        {
          ...strict,
          description: 'Required when segments include a derivatives segment (fno, currency or commodity)',
        },
      ),
    ),
  },
  strict,
);

export type NominationDetailsInput = Static<typeof NominationDetailsInput>;
export type FatcaDetailsInput = Static<typeof FatcaDetailsInput>;
export type PepDetailsInput = Static<typeof PepDetailsInput>;
export type TradingPreferencesInput = Static<typeof TradingPreferencesInput>;

const NomineeView = Type.Object({
  name: Type.String(),
  relationship: StringEnum(RELATIONSHIPS),
  dateOfBirth: Type.String(),
  allocationPercent: Type.Optional(Type.Number()),
  guardian: Type.Optional(
    Type.Object({ name: Type.String(), relationship: StringEnum(RELATIONSHIPS), address: Type.String() }),
  ),
  idType: Type.Optional(StringEnum(NOMINEE_ID_TYPES)),
  idNumber: Type.Optional(Type.String({ description: 'Masked: only the last 4 characters show' })),
});

export const NominationDetailsView = Type.Union([
  Type.Object({
    optOut: Type.Literal(true),
    optOutDeclaredAt: Type.String({ format: 'date-time', description: 'When the opt-out was saved' }),
  }),
  Type.Object({ optOut: Type.Literal(false), nominees: Type.Array(NomineeView) }),
]);

export const FatcaDetailsView = Type.Object({
  taxResidentOutsideIndia: Type.Boolean(),
  taxResidencies: Type.Array(
    Type.Object({
      country: Type.String(),
      tin: Type.Optional(Type.String()),
      noTinReason: Type.Optional(StringEnum(NO_TIN_REASONS)),
    }),
  ),
  countryOfBirth: Type.String(),
  cityOfBirth: Type.String(),
  nationality: Type.String(),
});

export const PepDetailsView = Type.Object(
  { politicallyExposed: Type.Boolean(), relatedToPoliticallyExposed: Type.Boolean() },
  { description: PEP_DEFINITION },
);

export const TradingPreferencesView = Type.Object({
  segments: Type.Array(StringEnum(SEGMENTS)),
  incomeRange: StringEnum(INCOME_RANGES),
  incomeProof: Type.Optional(
    Type.Object({
      documentType: StringEnum(INCOME_PROOF_TYPES),
      document: Type.Union([DocumentView, Type.Null()]),
    }),
  ),
});
