import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../../plugins/auth.js';
import {
  MfaEnrollBody,
  MfaEnrollResponse,
  MfaVerifyBody,
  StepUpBody,
  StepUpResponse,
} from './mfa-schemas.js';
import { RECENT_SECOND_FACTOR_SECONDS } from './service.js';
import { TokenResponse } from './schemas.js';
import type { AuthService, ClientContext } from './service.js';
import { deliverTokens } from './session-cookie.js';

/** The staff second factor, after a login answered `mfaRequired` or `mfaEnrollmentRequired`. */
export const mfaRoutes: FastifyPluginAsyncTypebox<{
  auth: AuthService;
  client: (request: FastifyRequest) => ClientContext;
}> = async (app, { auth, client }) => {
  app.post(
    '/mfa/enroll',
    {
      schema: {
        tags: ['auth'],
        operationId: 'enrollSecondFactor',
        summary: 'Enrol the second factor',
        description:
          'Enrols the staff second factor (TOTP): a new secret, its QR code and 10 recovery codes. With the `mfaToken` of a login that answered `mfaEnrollmentRequired`. Nothing is active until /v1/auth/mfa/verify accepts a first code; calling this again before that starts over.',
        body: MfaEnrollBody,
        errors: ['invalid_mfa_token', 'mfa_already_enrolled'],
        response: { 200: MfaEnrollResponse },
      },
    },
    async (request) => auth.enrollSecondFactor(request.body, client(request)),
  );

  app.post(
    '/mfa/verify',
    {
      schema: {
        tags: ['auth'],
        operationId: 'verifySecondFactor',
        summary: 'Complete a staff login',
        description:
          'Completes a staff login with a TOTP code or a recovery code. Each TOTP code is accepted once; each recovery code once ever. 5 attempts per account per 15 minutes. With header `x-pehchan-session: cookie`, the refresh token is set as the httpOnly `pehchan_refresh` cookie and left out of the body.',
        security: [],
        errors: ['invalid_mfa_token', 'invalid_mfa_code', 'mfa_enrollment_missing'],
        body: MfaVerifyBody,
        response: { 200: TokenResponse },
      },
    },
    async (request, reply) =>
      deliverTokens(
        request,
        reply,
        await auth.verifySecondFactor(request.body, client(request)),
        auth.refreshCookie,
      ),
  );

  app.post(
    '/mfa/step-up',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        operationId: 'stepUpSecondFactor',
        summary: 'Check the second factor again',
        description: `For a signed-in staff member: checks a TOTP code (or an unused recovery code) again and marks the session, so that actions needing a recent check (revealing a full identity number) are allowed for the next ${RECENT_SECOND_FACTOR_SECONDS / 60} minutes. Each TOTP code is accepted once; 5 attempts per account per 15 minutes, shared with /v1/auth/mfa/verify.`,
        security: [{ bearerAuth: [] }],
        errors: ['forbidden', 'invalid_mfa_code', 'mfa_enrollment_missing', 'rate_limited'],
        body: StepUpBody,
        response: { 200: StepUpResponse },
      },
    },
    async (request) => {
      const at = await auth.stepUp(sessionOf(request), request.body.code, client(request));
      return {
        success: true as const,
        data: {
          secondFactorAt: at.toISOString(),
          validUntil: new Date(at.getTime() + RECENT_SECOND_FACTOR_SECONDS * 1000).toISOString(),
        },
      };
    },
  );
};
