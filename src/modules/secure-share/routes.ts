import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import {
  ApplyBody,
  ApplyResponse,
  CompleteBody,
  PrefillResponse,
  SecureShareSessionResponse,
} from './schemas.js';
import type { SecureShareService } from './service.js';

export const secureShareRoutes: FastifyPluginAsyncTypebox<{ secureShare: SecureShareService }> = async (
  app,
  { secureShare },
) => {
  app.addHook('onRequest', app.requireRole('customer'));
  const security = [{ bearerAuth: [] }];
  const tags = ['secure-share'];

  app.post(
    '/session',
    {
      schema: {
        tags,
        operationId: 'startSecureShare',
        summary: 'Start Secure-Share',
        description:
          'Start a Secure-Share (1-Click) session for the front end’s SDK. Needs `secure_share_prefill` consent. The session is for your registered mobile number and lasts an hour.',
        security,
        errors: [
          'forbidden',
          'consent_required',
          'contacts_unverified',
          'prefill_unavailable',
          'provider_error',
          'provider_unavailable',
        ],
        response: { 201: SecureShareSessionResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ success: true as const, data: await secureShare.createSession(sessionOf(request).userId) }),
  );

  app.post(
    '/complete',
    {
      schema: {
        tags,
        operationId: 'completeSecureShare',
        summary: 'Complete Secure-Share',
        description:
          'Exchanges the SDK’s auth code for your details and keeps them as a prefill proposal. Each session completes once (409 `session_completed` for another code); the code that completed it ' +
          'gets the same answer again; after its hour 409 `session_expired`. A code from someone else’s session ' +
          'is 404, and what it was exchanged for is kept for that session’s owner. 409 `consent_again` when ' +
          'Cashfree spent the code but its answer was lost: start a new session and ask the customer to consent again.',
        security,
        body: CompleteBody,
        errors: [
          'forbidden',
          'consent_required',
          'not_found',
          'session_completed',
          'session_expired',
          'consent_again',
          'provider_error',
          'provider_unavailable',
        ],
        response: { 200: PrefillResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await secureShare.complete(sessionOf(request).userId, request.body.authCode),
    }),
  );

  app.get(
    '/prefill',
    {
      schema: {
        tags,
        operationId: 'getSecureSharePrefill',
        summary: 'Secure-Share prefill',
        description:
          'The latest prefill proposal from Secure-Share: each field with its scope and confidence; identity numbers masked.',
        security,
        errors: ['forbidden', 'not_found'],
        response: { 200: PrefillResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await secureShare.prefill(sessionOf(request).userId),
    }),
  );

  app.post(
    '/apply',
    {
      schema: {
        tags,
        operationId: 'applySecureSharePrefill',
        summary: 'Apply the prefill',
        description:
          'Writes the accepted fields to the profile, through update_data’s validation. A section is written only when every field it requires is proposed or already saved; ' +
          'the answer lists the fields applied and, for the others, why not.',
        security,
        body: ApplyBody,
        errors: [
          'forbidden',
          'consent_required',
          'not_found',
          'version_conflict',
          'kyc_locked',
          'pan_already_registered',
        ],
        response: { 200: ApplyResponse },
      },
    },
    async (request) => {
      const { userId } = sessionOf(request);
      return { success: true as const, data: await secureShare.apply(userId, request.body, userId) };
    },
  );
};
