import { Type } from 'typebox';
import type { Static } from 'typebox';
import { StringEnum } from '../../lib/schemas.js';
import { CaseStatus } from '../kyc/schemas.js';

export const QUEUE_ORDERS = ['oldest', 'newest'] as const;
export const ASSIGNED_FILTERS = ['me', 'unassigned', 'any'] as const;
export const SLA_BADGES = ['ok', 'due_soon', 'breached'] as const;

const Timestamp = Type.String({ format: 'date-time' });

export const ListCasesQuery = Type.Object(
  {
    status: Type.Optional(CaseStatus),
    reason: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9_./-]{1,100}$',
        description:
          'Cases whose reasons include this code, e.g. `no_official_photo` or `panDetails/pan_invalid`',
      }),
    ),
    submittedFrom: Type.Optional(
      Type.String({ format: 'date-time', description: 'Cases submitted at or after this time' }),
    ),
    submittedTo: Type.Optional(
      Type.String({ format: 'date-time', description: 'Cases submitted before this time' }),
    ),
    assigned: Type.Optional(
      StringEnum(ASSIGNED_FILTERS, {
        description: 'me: cases you hold; unassigned: cases nobody holds; any (the default)',
      }),
    ),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 254,
        description:
          'Exact search: a case number, the host’s external id, an email address, a mobile number or a PAN (through its blind index; a part of a PAN matches nothing)',
      }),
    ),
    order: Type.Optional(
      StringEnum(QUEUE_ORDERS, { description: 'By submission time: oldest first (the default) or newest' }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'Cases per page, default 20' }),
    ),
    cursor: Type.Optional(
      Type.String({ maxLength: 200, description: 'The `nextCursor` of the previous page, as it was' }),
    ),
  },
  { additionalProperties: false },
);
export type ListCasesQuery = Static<typeof ListCasesQuery>;

export const Assignee = Type.Union(
  [
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      name: Type.Union([Type.String(), Type.Null()], {
        description: 'The staff member’s name; null when the account is no longer staff',
      }),
    }),
    Type.Null(),
  ],
  { description: 'Who holds the case; null when nobody does' },
);

const CaseSummary = Type.Object({
  caseId: Type.String({ format: 'uuid' }),
  number: Type.Integer(),
  userId: Type.String({ format: 'uuid' }),
  externalId: Type.Union([Type.String(), Type.Null()], {
    description: 'The host application’s id for the user',
  }),
  status: CaseStatus,
  name: Type.Union([Type.String(), Type.Null()], { description: 'The name on the submitted PAN' }),
  panMasked: Type.Union([Type.String(), Type.Null()], { examples: ['XXXXX1234X'] }),
  reasons: Type.Array(Type.String()),
  submittedAt: Type.Union([Timestamp, Type.Null()]),
  updatedAt: Timestamp,
  ageHours: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'Whole hours since submission; null for a case never submitted',
  }),
  sla: Type.Union([StringEnum(SLA_BADGES), Type.Null()], {
    description:
      'For a case awaiting review (needs_review): breached past REVIEW_SLA_HOURS since submission, due_soon in its last quarter, else ok; null for any other case',
  }),
  assignee: Assignee,
});

export const ListCasesResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(CaseSummary),
  counts: Type.Record(Type.String(), Type.Integer(), {
    description: 'Cases per status, over every case (the filters do not apply)',
  }),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `cursor` for the next page; null on the last page',
  }),
});

export const AssignBody = Type.Object(
  {
    reviewerId: Type.String({ format: 'uuid', description: 'An active reviewer or admin' }),
  },
  { additionalProperties: false },
);

export const ClaimResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    caseId: Type.String({ format: 'uuid' }),
    assignee: Assignee,
    assignedAt: Type.Union([Timestamp, Type.Null()]),
  }),
});
