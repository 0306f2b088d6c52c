import { Type } from 'typebox';
import type { Static } from 'typebox';
import { TokenResponse } from './schemas.js';

const MfaToken = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'From the login answer; valid for 5 minutes, only for the second-factor routes',
});

export const MfaChallenge = Type.Union([
  Type.Object({ mfaRequired: Type.Literal(true), mfaToken: MfaToken }),
  Type.Object({ mfaEnrollmentRequired: Type.Literal(true), mfaToken: MfaToken }),
]);
export type MfaChallenge = Static<typeof MfaChallenge>;

/** What a login answers: tokens, or (staff) the second factor to give or to enrol first. */
export const LoginResponse = Type.Union([TokenResponse, ...MfaChallenge.anyOf]);
export type LoginResponse = Static<typeof LoginResponse>;

export const MfaEnrollBody = Type.Object({ mfaToken: MfaToken }, { additionalProperties: false });
export type MfaEnrollBody = Static<typeof MfaEnrollBody>;

export const MfaEnrollResponse = Type.Object({
  secret: Type.String({ description: 'The TOTP secret (base32), for authenticator apps that cannot scan' }),
  otpauthUrl: Type.String({ description: 'otpauth://totp/… URI (SHA1, 6 digits, 30 s)' }),
  qrCodeDataUrl: Type.String({ description: 'The otpauth URI as a PNG QR code (data: URL)' }),
  recoveryCodes: Type.Array(Type.String(), {
    minItems: 10,
    maxItems: 10,
    description: 'Single-use codes for when the authenticator is lost; shown only now',
  }),
});
export type MfaEnrollResponse = Static<typeof MfaEnrollResponse>;

export const MfaVerifyBody = Type.Object(
  {
    mfaToken: MfaToken,
    code: Type.String({
      maxLength: 64,
      description: 'The 6-digit code of the authenticator, or an unused recovery code (XXXX-XXXX-XXXX)',
    }),
  },
  { additionalProperties: false },
);
export type MfaVerifyBody = Static<typeof MfaVerifyBody>;

export const StepUpBody = Type.Object(
  {
    code: Type.String({
      maxLength: 64,
      description: 'The 6-digit code of the authenticator, or an unused recovery code (XXXX-XXXX-XXXX)',
    }),
  },
  { additionalProperties: false },
);
export type StepUpBody = Static<typeof StepUpBody>;

export const StepUpResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    secondFactorAt: Type.String({ format: 'date-time', description: 'When this session was checked' }),
    validUntil: Type.String({
      format: 'date-time',
      description: 'Until when actions that need a recent check (a reveal) are allowed without another',
    }),
  }),
});
