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

export const IntegrationUserResponse = Type.Object({ success: Type.Literal(true), data: IntegrationUser });
