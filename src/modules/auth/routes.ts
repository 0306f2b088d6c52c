import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { LoginBody, MessageResponse, RefreshBody, RegisterBody, TokenResponse } from './schemas.js';
import type { AuthService } from './service.js';
import { LoginResponse } from './mfa-schemas.js';
import { mfaRoutes } from './mfa-routes.js';

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
          'Checks the email and password and answers an access token and a refresh token. Repeated failures lock the account for the address they come from. Staff who need a second factor receive `{mfaRequired, mfaToken}` (or `{mfaEnrollmentRequired, mfaToken}` before enrolment) instead, for /v1/auth/mfa/verify (and /v1/auth/mfa/enroll).',
        security: [],
        body: LoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (request) => auth.login(request.body, client(request)),
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
          'Exchanges a refresh token for a new token pair; the old refresh token stops working, and reusing it revokes the session.',
        security: [],
        body: RefreshBody,
        response: { 200: TokenResponse },
      },
    },
    async (request) => auth.refresh(request.body.refreshToken, client(request)),
  );

  app.post(
    '/logout',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'Log out',
        description: 'Ends the current session; its access and refresh tokens stop working at once.',
        security: [{ bearerAuth: [] }],
        response: { 200: MessageResponse },
      },
    },
    async (request) => {
      await auth.logout(sessionOf(request), client(request));
      return { message: 'Logout successful' };
    },
  );
};
