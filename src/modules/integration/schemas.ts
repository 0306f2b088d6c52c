import { Type } from 'typebox';
import { CASE_STATUSES } from '../../db/schema/index.js';
import { StringEnum } from '../../lib/schemas.js';
import { CheckOutcome, CheckType, LastDecision } from '../kyc/schemas.js';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/outbox.js';

const ExternalId = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[\\x21-\\x7E]+$',
  description: 'The host application’s own id for the user (printable ASCII, no spaces)',
});

export const UserParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export const ExternalIdBody = Type.Object({ externalId: ExternalId }, { additionalProperties: false });
export const UserLookupQuery = Type.Object({ externalId: ExternalId }, { additionalProperties: false });

const CaseStatus = Type.Enum(CASE_STATUSES);

export const IntegrationUser = Type.Object({
  userId: Type.String(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  kycStatus: Type.Enum(CASE_STATUSES, {
    description: 'The current case’s status: draft again after a re-KYC starts (see `verifiedStatus`)',
  }),
  ...LastDecision.properties,
  cases: Type.Array(
    Type.Object({
      caseId: Type.String(),
      number: Type.Integer(),
      status: CaseStatus,
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const IntegrationUserResponse = Type.Object(
  { success: Type.Literal(true), data: IntegrationUser },
  {
    examples: [
      {
        success: true,
        data: {
          userId: '0193a7c2-5b1e-7c3a-9f10-2b7e4d6c8a11',
          externalId: 'host-user-4711',
          kycStatus: 'approved',
          verifiedStatus: 'approved',
          verifiedAt: '2026-12-03T09:41:07.512Z',
          cases: [
            {
              caseId: '0193a7d0-1c2b-7e4f-8a90-5d6e7f801234',
              number: 1042,
              status: 'approved',
              updatedAt: '2026-12-03T09:41:07.512Z',
            },
          ],
        },
      },
    ],
  },
);

const Timestamp = Type.String({ format: 'date-time' });
const orNull = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/** `cases:read`: the current case's status and reasons, and the last decision; no identity data. */
export const IntegrationKyc = Type.Object({
  userId: Type.String(),
  externalId: orNull(Type.String()),
  caseId: orNull(Type.String({ description: 'The current case; null before the customer has one' })),
  number: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Enum(CASE_STATUSES, { description: 'The current case’s status; draft before the first case' }),
  reasons: Type.Array(Type.String(), {
    description: '`section/code` for what the customer must fix; codes for what a reviewer looked at',
  }),
  userMessage: orNull(Type.String({ description: 'The reviewer’s message to the customer' })),
  checks: Type.Array(Type.Object({ type: CheckType, outcome: Type.Union([CheckOutcome, Type.Null()]) })),
  submittedAt: orNull(Timestamp),
  decidedAt: orNull(Timestamp),
  updatedAt: orNull(Timestamp),
  ...LastDecision.properties,
});

export const IntegrationKycResponse = Type.Object(
  { success: Type.Literal(true), data: IntegrationKyc },
  {
    examples: [
      {
        success: true,
        data: {
          userId: '0193a7c2-5b1e-7c3a-9f10-2b7e4d6c8a11',
          externalId: 'host-user-4711',
          caseId: '0193a7d0-1c2b-7e4f-8a90-5d6e7f801234',
          number: 1042,
          status: 'action_required',
          reasons: ['bankDetails/bank_account_invalid'],
          userMessage: null,
          checks: [
            { type: 'pan', outcome: 'pass' },
            { type: 'bank_account', outcome: 'fail' },
          ],
          submittedAt: '2026-12-03T09:40:58.101Z',
          decidedAt: null,
          updatedAt: '2026-12-03T09:41:07.512Z',
          verifiedStatus: 'approved',
          verifiedAt: '2025-06-11T14:02:31.000Z',
        },
      },
    ],
  },
);

/** `webhooks:read`: the outbox's delivery status, filtered like the admin list. */
export const HostDeliveryListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(['pending', 'delivered', 'failed'])),
    eventType: Type.Optional(StringEnum(WEBHOOK_EVENT_TYPES, { description: 'Only events of this type' })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'Events per page (1-100), default 50' }),
    ),
    cursor: Type.Optional(
      Type.String({ pattern: '^msg_[0-9a-f]{32}$', description: 'The previous page’s `nextCursor`' }),
    ),
  },
  { additionalProperties: false },
);
