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
});
export type StaffView = Static<typeof StaffView>;

export const StaffResponse = Type.Object({ data: StaffView });
export const StaffListResponse = Type.Object({ data: Type.Array(StaffView) });
