import { Type } from 'typebox';
import type { Static } from 'typebox';

export const ForgotPasswordBody = Type.Object(
  { email: Type.String({ maxLength: 320 }) },
  { additionalProperties: false },
);
export type ForgotPasswordBody = Static<typeof ForgotPasswordBody>;

const linkToken = Type.String({
  maxLength: 200,
  description: 'The token from the emailed link (after `#token=`)',
});

export const NewPasswordBody = Type.Object(
  {
    token: linkToken,
    password: Type.String({ maxLength: 1024, description: '8-128 characters; common passwords are refused' }),
    confirmedPassword: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type NewPasswordBody = Static<typeof NewPasswordBody>;

export const EmailVerifyBody = Type.Object({ token: linkToken }, { additionalProperties: false });
export type EmailVerifyBody = Static<typeof EmailVerifyBody>;

export const MobileVerifyBody = Type.Object(
  { code: Type.String({ maxLength: 20, description: 'The 6 digits sent by SMS' }) },
  { additionalProperties: false },
);
export type MobileVerifyBody = Static<typeof MobileVerifyBody>;

export const MobileOtpResponse = Type.Object({
  message: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  resendAfterSeconds: Type.Integer({ description: 'A new code can be asked for after this many seconds' }),
});
