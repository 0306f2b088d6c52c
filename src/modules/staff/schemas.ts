import { Type } from 'typebox';
import type { Static } from 'typebox';

const Role = Type.Union([Type.Literal('reviewer'), Type.Literal('admin')]);

export const InviteStaffBody = Type.Object(
  {
    email: Type.String({ maxLength: 320 }),
    name: Type.String({ maxLength: 200, description: 'Full name, 2-100 printable characters' }),
    role: Role,
  },
  { additionalProperties: false },
);
export type InviteStaffBody = Static<typeof InviteStaffBody>;

export const UpdateStaffBody = Type.Object(
  {
    role: Type.Optional(Role),
    disabled: Type.Optional(
      Type.Boolean({ description: 'true ends every session at once; false enables again' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateStaffBody = Static<typeof UpdateStaffBody>;

export const StaffParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const StaffView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('invited')], {
    description: '`invited` until the invitation is accepted',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'The last sign-in; null for an account that never signed in',
  }),
});
export type StaffView = Static<typeof StaffView>;

export const StaffResponse = Type.Object({ data: StaffView });
export const StaffListResponse = Type.Object({ data: Type.Array(StaffView) });

export const StaffSessionView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  createdAt: Type.String({ format: 'date-time', description: 'When the session began (the sign-in)' }),
  expiresAt: Type.String({ format: 'date-time', description: 'When it ends at the latest' }),
  ip: Type.Union([Type.String(), Type.Null()], { description: 'The address it signed in from' }),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  secondFactorAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'The latest check of the second factor for this session',
  }),
});
export type StaffSessionView = Static<typeof StaffSessionView>;

export const StaffSessionListResponse = Type.Object({ data: Type.Array(StaffSessionView) });
