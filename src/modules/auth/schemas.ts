import { Type } from 'typebox';
import type { Static } from 'typebox';

export const RegisterBody = Type.Object(
  {
    name: Type.String({ maxLength: 200, description: 'Full name, 2-100 printable characters' }),
    email: Type.String({
      maxLength: 320,
      description: 'Trimmed and lower-cased; IDN domains become punycode',
    }),
    password: Type.String({ maxLength: 1024, description: '8-128 characters; common passwords are refused' }),
    confirmedPassword: Type.String({ maxLength: 1024 }),
    mobileNo: Type.String({
      maxLength: 20,
      description: 'Indian mobile number; +91/0 prefixes and spaces accepted, stored as 10 digits',
    }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: 'Asha Verma',
        email: 'asha.verma@example.com',
        password: 'correct horse battery staple',
        confirmedPassword: 'correct horse battery staple',
        mobileNo: '9876543210',
      },
    ],
  },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ maxLength: 320 }),
    password: Type.String({ maxLength: 1024 }),
  },
  {
    additionalProperties: false,
    examples: [{ email: 'asha.verma@example.com', password: 'correct horse battery staple' }],
  },
);
export type LoginBody = Static<typeof LoginBody>;

export const RefreshBody = Type.Object(
  {
    refreshToken: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'Required, except in cookie session mode (header `x-pehchan-session: cookie`), where the `pehchan_refresh` cookie is used',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBody>;

export const TokenResponse = Type.Object(
  {
    token: Type.String({ description: 'Bearer access token (JWT, HS256)' }),
    expiresAt: Type.String({ format: 'date-time' }),
    refreshToken: Type.Optional(
      Type.String({
        description:
          'Single-use; exchange at /v1/auth/refresh for a new pair. Absent in cookie session mode (header `x-pehchan-session: cookie`): it is then the httpOnly `pehchan_refresh` cookie',
      }),
    ),
  },
  {
    examples: [
      {
        token:
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMTkzYTdjMi01YjFlLTdjM2EtOWYxMC0yYjdlNGQ2YzhhMTEifQ.c2lnbmF0dXJl',
        expiresAt: '2026-12-03T10:15:00.000Z',
        refreshToken: 'rt_8f3b2c1d9e0a4b5c6d7e8f9a0b1c2d3e',
      },
    ],
  },
);
/** A new token pair as the service issues it; the route may move the refresh token into a cookie. */
export type TokenResponse = Static<typeof TokenResponse> & { refreshToken: string };

export const MessageResponse = Type.Object({ message: Type.String() });
