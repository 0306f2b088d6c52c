import { Type } from 'typebox';
import type { Static } from 'typebox';

export const UserDetails = Type.Object({
  _id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  mobileNo: Type.String(),
  role: Type.String(),
  __v: Type.Integer({ description: 'Profile version; also sent as the ETag' }),
  kycStatus: Type.String(),
  userImage: Type.Union([Type.String(), Type.Null()], {
    description: 'Short-lived signed URL of the selfie once it passed the liveliness check',
  }),
});
export type UserDetails = Static<typeof UserDetails>;

export const GetDetailsResponse = Type.Object({ success: Type.Literal(true), data: UserDetails });
