import { Type } from 'typebox';
import { CASE_STATUSES } from '../../db/schema/index.js';

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
  kycStatus: CaseStatus,
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
