import { Type } from 'typebox';
import {
  DATA_EXPORT_STATUSES,
  ERASURE_SOURCES,
  ERASURE_STATUSES,
  INVESTIGATION_HOLD_KINDS,
  LEGAL_HOLD_REASONS,
} from '../../db/schema/index.js';
import { StringEnum } from '../../lib/schemas.js';

const Timestamp = Type.String({ format: 'date-time' });
const TimestampOrNull = Type.Union([Timestamp, Type.Null()]);

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(
      StringEnum(['json', 'zip'] as const, {
        description:
          '`json` (default): one document, files as 15-minute links; `zip`: the JSON and the files',
      }),
    ),
  },
  { additionalProperties: false },
);

const Processor = Type.Object({ name: Type.String(), purpose: Type.String(), data: Type.String() });

export const ExportResponse = Type.Object(
  {
    success: Type.Literal(true),
    data: Type.Object({
      exportedAt: Timestamp,
      userId: Type.String(),
      processors: Type.Array(Processor, { description: 'Who else processes the data (DPDP Act s.11(1)(b))' }),
      tables: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown())), {
        description:
          'Every table holding rows about the customer, by name; encrypted values decrypted, documents with a `downloadUrl`. Secrets (password and token hashes, keys) are never included.',
      }),
    }),
  },
  {
    examples: [
      {
        success: true,
        data: {
          exportedAt: '2026-12-03T10:00:00.000Z',
          userId: '019a0f6e-3c1b-7c4e-9d2a-5b8e1f0a4c21',
          processors: [{ name: 'Cashfree Payments India Pvt. Ltd. (Secure ID)', purpose: '…', data: '…' }],
          tables: {
            users: [
              { id: '019a0f6e-3c1b-7c4e-9d2a-5b8e1f0a4c21', email: 'asha@example.com', name: 'Asha Verma' },
            ],
            consents: [{ purpose: 'kyc_verification', notice_version: '2026-11', withdrawn_at: null }],
          },
        },
      },
    ],
  },
);

export const ExportParams = Type.Object(
  { exportId: Type.String({ description: 'The id `POST /v1/me/exports` answered' }) },
  { additionalProperties: false },
);

export const BackgroundExportView = Type.Object({
  id: Type.String(),
  status: StringEnum(DATA_EXPORT_STATUSES, {
    description:
      '`pending`: being prepared; `ready`: download it until `expiresAt`; `failed`: `failure` says why (ask again)',
  }),
  size: Type.Union([Type.Integer(), Type.Null()], { description: 'Bytes of the ZIP once ready' }),
  failure: Type.Union([Type.String(), Type.Null()]),
  requestedAt: Timestamp,
  completedAt: TimestampOrNull,
  expiresAt: Type.Union([Timestamp, Type.Null()], {
    description: 'After this the ZIP is deleted; ask for a new one',
  }),
});

export const BackgroundExportResponse = Type.Object(
  { success: Type.Literal(true), data: BackgroundExportView },
  {
    examples: [
      {
        success: true,
        data: {
          id: '019a0f71-2b3c-7d4e-8f5a-6b7c8d9e0f1a',
          status: 'ready',
          size: 734012,
          failure: null,
          requestedAt: '2026-12-03T10:00:00.000Z',
          completedAt: '2026-12-03T10:00:04.000Z',
          expiresAt: '2026-12-10T10:00:04.000Z',
        },
      },
    ],
  },
);

export const ErasureOutcome = Type.Object({
  requestId: Type.String(),
  status: StringEnum(ERASURE_STATUSES, {
    description:
      '`completed`: everything is erased; `held`: the KYC record the law requires is kept until `holdUntil`',
  }),
  holdUntil: TimestampOrNull,
});

export const ErasureResponse = Type.Object(
  { success: Type.Literal(true), data: ErasureOutcome },
  {
    examples: [
      {
        success: true,
        data: {
          requestId: '019a0f70-1d2e-7a3b-8c4d-6e5f7a8b9c0d',
          status: 'held',
          holdUntil: '2034-12-03T10:00:00.000Z',
        },
      },
    ],
  },
);

export const ErasureRequestQuery = Type.Object(
  { status: Type.Optional(StringEnum(ERASURE_STATUSES, { description: 'Only requests in this state' })) },
  { additionalProperties: false },
);

export const ErasureRequestView = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  source: StringEnum(ERASURE_SOURCES, {
    description:
      '`customer`: asked by the customer; `draft_retention`: a never-approved draft past its retention',
  }),
  status: StringEnum(ERASURE_STATUSES),
  requestedAt: Timestamp,
  completedAt: TimestampOrNull,
  holdUntil: TimestampOrNull,
});

export const ErasureRequestListResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(ErasureRequestView),
});

export const LegalHoldQuery = Type.Object(
  {
    state: Type.Optional(
      StringEnum(['active', 'released'] as const, {
        description: 'Only holds still running, or only released ones',
      }),
    ),
  },
  { additionalProperties: false },
);

export const LegalHoldView = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  reason: StringEnum(LEGAL_HOLD_REASONS, { description: '`kyc_record`: PMLA s.12 / SEBI record keeping' }),
  relationshipEndedAt: Timestamp,
  holdUntil: Timestamp,
  releasedAt: TimestampOrNull,
});

export const LegalHoldListResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(LegalHoldView),
});

const InvestigationHoldKind = StringEnum(INVESTIGATION_HOLD_KINDS, {
  description:
    '`str`: a suspicious transaction report to FIU-IND is being prepared or was filed; `enforcement`: an ' +
    "authority's request or investigation (PMLA, SEBI) needs the record kept",
});

export const CustomerParams = Type.Object({ userId: Type.String({ format: 'uuid' }) });

export const InvestigationHoldParams = Type.Object({ holdId: Type.String({ format: 'uuid' }) });

export const PlaceInvestigationHoldBody = Type.Object(
  { kind: InvestigationHoldKind },
  { additionalProperties: false, examples: [{ kind: 'str' }] },
);

export const InvestigationHoldView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  userId: Type.String({ format: 'uuid' }),
  kind: InvestigationHoldKind,
  placedBy: Type.String({ format: 'uuid', description: 'The admin who placed the hold' }),
  placedAt: Timestamp,
  releasedBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  releasedAt: TimestampOrNull,
});

export const InvestigationHoldResponse = Type.Object({
  success: Type.Literal(true),
  data: InvestigationHoldView,
});

export const InvestigationHoldListResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(InvestigationHoldView),
});
