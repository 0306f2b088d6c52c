import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import type { StaffService } from '../staff/service.js';
import {
  EmailVerifyBody,
  ForgotPasswordBody,
  MobileOtpResponse,
  MobileVerifyBody,
  NewPasswordBody,
} from './account-schemas.js';
import type { ContactVerificationService } from './contact-verification.js';
import type { PasswordResetService } from './password-reset.js';
import { MessageResponse } from './schemas.js';

/** Account recovery, contact verification and invite acceptance, under /v1/auth. */
export const accountRoutes: FastifyPluginAsyncTypebox<{
  passwordReset: PasswordResetService;
  contacts: ContactVerificationService;
  staff: StaffService;
}> = async (app, { passwordReset, contacts, staff }) => {
  const client = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  });
  const bearer = [{ bearerAuth: [] }];

  app.post(
    '/password/forgot',
    {
      schema: {
        tags: ['auth'],
        operationId: 'requestPasswordReset',
        summary: 'Ask for a password reset',
        description:
          'Email a password-reset link (valid 30 minutes); the same 202 whether or not the account exists',
        security: [],
        errors: ['rate_limited'],
        body: ForgotPasswordBody,
        response: { 202: MessageResponse },
      },
    },
    async (request, reply) => {
      await passwordReset.forgot(request.body.email, client(request));
      return reply
        .status(202)
        .send({ message: 'If an account uses this address, a reset link is on its way' });
    },
  );

  app.post(
    '/password/reset',
    {
      schema: {
        tags: ['auth'],
        operationId: 'resetPassword',
        summary: 'Reset the password',
        description: 'Set a new password with the emailed token; every session of the account ends',
        security: [],
        body: NewPasswordBody,
        response: { 200: MessageResponse },
      },
    },
    async (request) => {
      await passwordReset.reset(request.body, client(request));
      return { message: 'Password changed; sign in with the new password' };
    },
  );

  app.post(
    '/email/verify/request',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        operationId: 'requestEmailVerification',
        summary: 'Send an email verification link',
        description: "Email a new verification link to the account's address",
        errors: ['already_verified'],
        security: bearer,
        response: { 202: MessageResponse },
      },
    },
    async (request, reply) => {
      await contacts.requestEmailVerification(sessionOf(request).userId);
      return reply.status(202).send({ message: 'Verification link sent' });
    },
  );

  app.post(
    '/email/verify',
    {
      schema: {
        tags: ['auth'],
        operationId: 'verifyEmail',
        summary: 'Verify the email address',
        description: 'Verify the email address with the token from the link (no sign-in needed)',
        security: [],
        body: EmailVerifyBody,
        response: { 200: MessageResponse },
      },
    },
    async (request) => {
      await contacts.verifyEmail(request.body.token);
      return { message: 'Email address verified' };
    },
  );

  app.post(
    '/mobile/otp',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        operationId: 'requestMobileCode',
        summary: 'Send a mobile verification code',
        description: "Send a 6-digit code (valid 5 minutes, 3 attempts) to the account's mobile number",
        errors: ['already_verified'],
        security: bearer,
        response: { 202: MobileOtpResponse },
      },
    },
    async (request, reply) => {
      const sent = await contacts.requestMobileOtp(sessionOf(request).userId);
      return reply.status(202).send({ message: 'Code sent', ...sent });
    },
  );

  app.post(
    '/mobile/verify',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        operationId: 'verifyMobile',
        summary: 'Verify the mobile number',
        description: 'Verify the mobile number with the code sent by SMS',
        security: bearer,
        body: MobileVerifyBody,
        response: { 200: MessageResponse },
      },
    },
    async (request) => {
      await contacts.verifyMobile(sessionOf(request).userId, request.body.code);
      return { message: 'Mobile number verified' };
    },
  );

  app.post(
    '/invite/accept',
    {
      schema: {
        tags: ['auth'],
        operationId: 'acceptInvitation',
        summary: 'Accept a staff invitation',
        description: 'Accept a staff invitation: set the password with the emailed token',
        security: [],
        body: NewPasswordBody,
        response: { 200: MessageResponse },
      },
    },
    async (request) => {
      await staff.acceptInvite(request.body, client(request));
      return { message: 'Invitation accepted; sign in with your email and the new password' };
    },
  );
};
