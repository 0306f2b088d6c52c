import { Type } from 'typebox';
import type { Static } from 'typebox';
import { AUDIT_TARGET_TYPES } from '../../db/schema/index.js';
import { StringEnum } from '../../lib/schemas.js';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });

/** The filters the list and the export share. */
const filters = {
  actorId: Type.Optional({ ...Uuid, description: 'Only entries by this staff member' }),
  action: Type.Optional(
    Type.String({
      pattern: '^[a-z][a-z0-9_]{0,63}$',
      description: 'Only this action, e.g. `case_revealed`, `staff_role_changed`, `api_key_revoked`',
    }),
  ),
  targetType: Type.Optional(
    StringEnum(AUDIT_TARGET_TYPES, { description: 'Only entries about this kind of thing' }),
  ),
  targetId: Type.Optional({ ...Uuid, description: 'Only entries about this case, account, key…' }),
  from: Type.Optional({ ...Timestamp, description: 'Entries at or after this time' }),
  to: Type.Optional({ ...Timestamp, description: 'Entries before this time' }),
};

export const AuditListQuery = Type.Object(
  {
    ...filters,
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'Entries per page, default 50' }),
    ),
    cursor: Type.Optional({ ...Uuid, description: '`nextCursor` of the previous page' }),
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AUDIT_EXPORT_FORMATS = ['csv', 'json'] as const;

export const AuditExportQuery = Type.Object(
  { format: StringEnum(AUDIT_EXPORT_FORMATS), ...filters },
  { additionalProperties: false },
);
export type AuditExportQuery = Static<typeof AuditExportQuery>;

export const AuditEntry = Type.Object({
  id: Uuid,
  actor: Type.Object({
    id: Uuid,
    name: Type.Union([Type.String(), Type.Null()], {
      description: 'The display name; null when the account was erased',
    }),
    role: Type.String({ description: 'The role the actor had when acting' }),
  }),
  action: Type.String(),
  targetType: StringEnum(AUDIT_TARGET_TYPES),
  targetId: Uuid,
  details: Type.Record(
    Type.String(),
    Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
    {
      description: 'Field names, reasons, codes and counts; never a personal value',
    },
  ),
  ip: Type.Union([Type.String(), Type.Null()]),
  at: Timestamp,
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditListResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(AuditEntry),
  nextCursor: Type.Union([Uuid, Type.Null()]),
});
