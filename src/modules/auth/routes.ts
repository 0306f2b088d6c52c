import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { LoginBody, MessageResponse, RefreshBody, RegisterBody, TokenResponse } from './schemas.js';
import type { AuthService } from './service.js';
import { LoginResponse } from './mfa-schemas.js';
import { mfaRoutes } from './mfa-routes.js';
import {
  clearRefreshCookie,
  deliverTokens,
  refreshTokenFromCookie,
  wantsCookieSession,
} from './session-cookie.js';
import { AppError, fieldError } from '../../lib/errors.js';

const COOKIE_MODE =
  ' With header `x-pehchan-session: cookie` (browsers), the refresh token is set as the httpOnly `pehchan_refresh` cookie (Path=/v1/auth, SameSite=Strict) and left out of the body.';

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  const client = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  });

  app.post(
    '/register',
    {
      schema: {
        tags: ['auth'],
        operationId: 'register',
        summary: 'Register a customer',
        description:
          "Creates a customer account (the v1 contract's register). The password must pass the password policy; an email already registered answers 409 `email_taken`.",
        security: [],
        body: RegisterBody,
        errors: ['email_taken'],
        response: { 201: MessageResponse },
      },
    },
    async (request, reply) => {
      await auth.register(request.body, client(request));
      return reply.status(201).send({ message: 'User registered successfully' });
    },
  );

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Log in',
        description:
          'Checks the email and password and answers an access token and a refresh token. Repeated failures lock the account for the address they come from. Staff who need a second factor receive `{mfaRequired, mfaToken}` (or `{mfaEnrollmentRequired, mfaToken}` before enrolment) instead, for /v1/auth/mfa/verify (and /v1/auth/mfa/enroll).' +
          COOKIE_MODE,
        security: [],
        body: LoginBody,
        errors: ['invalid_credentials'],
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const result = await auth.login(request.body, client(request));
      return 'refreshToken' in result && result.refreshToken
        ? deliverTokens(request, reply, { ...result, refreshToken: result.refreshToken }, auth.refreshCookie)
        : result;
    },
  );

  await app.register(mfaRoutes, { auth, client });

  app.post(
    '/refresh',
    {
      schema: {
        tags: ['auth'],
        operationId: 'refreshToken',
        summary: 'Refresh the tokens',
        description:
          'Exchanges a refresh token for a new token pair; the old refresh token stops working, and reusing it revokes the session.' +
          COOKIE_MODE +
          ' In that mode a body without `refreshToken` (or no body) refreshes with the cookie; without the header the cookie is never read.',
        security: [],
        body: RefreshBody,
        errors: ['invalid_token'],
        response: { 200: TokenResponse },
      },
      // Cookie mode may send no body at all.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const refreshToken = request.body.refreshToken ?? refreshTokenFromCookie(request);
      if (!refreshToken) {
        if (!wantsCookieSession(request)) throw fieldError('/refreshToken', 'required', 'is required');
        clearRefreshCookie(reply, auth.refreshCookie);
        throw new AppError('invalid_token', 'No refresh token: the session cookie is missing');
      }
      try {
        return deliverTokens(
          request,
          reply,
          await auth.refresh(refreshToken, client(request)),
          auth.refreshCookie,
        );
      } catch (error) {
        // A dead session's cookies go, so the page stops trying to restore it.
        if (wantsCookieSession(request)) clearRefreshCookie(reply, auth.refreshCookie);
        throw error;
      }
    },
  );

  app.post(
    '/logout',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'Log out',
        description:
          'Ends the current session; its access and refresh tokens stop working at once. Clears the `pehchan_refresh` cookie of cookie session mode.',
        security: [{ bearerAuth: [] }],
        response: { 200: MessageResponse },
      },
    },
    async (request, reply) => {
      await auth.logout(sessionOf(request), client(request));
      clearRefreshCookie(reply, auth.refreshCookie);
      return { message: 'Logout successful' };
    },
  );
};
