import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import {
  ConsentListResponse,
  ConsentResponse,
  GrantConsentBody,
  PurposeParams,
  WithdrawnConsentResponse,
} from './schemas.js';
import type { ConsentService } from './service.js';

export const consentRoutes: FastifyPluginAsyncTypebox<{ consents: ConsentService }> = async (
  app,
  { consents },
) => {
  app.addHook('onRequest', app.requireRole('customer'));
  const security = [{ bearerAuth: [] }];

  app.post(
    '',
    {
      schema: {
        tags: ['consents'],
        operationId: 'grantConsent',
        errors: ['forbidden'],
        summary: 'Give consent',
        description:
          "Records the customer's consent for a purpose with the notice version they saw, their address and user agent. Checks that need consent refuse with 403 `consent_required` without it.",
        security,
        body: GrantConsentBody,
        response: { 201: ConsentResponse },
      },
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent'];
      const data = await consents.grant(
        sessionOf(request).userId,
        request.body.purpose,
        request.body.noticeVersion,
        {
          ip: request.ip,
          ...(userAgent ? { userAgent } : {}),
        },
      );
      return reply.status(201).send({ success: true as const, data });
    },
  );

  app.get(
    '',
    {
      schema: {
        tags: ['consents'],
        operationId: 'listConsents',
        errors: ['forbidden'],
        summary: 'List consents',
        description: 'Every consent the customer gave or withdrew, newest first.',
        security,
        response: { 200: ConsentListResponse },
      },
    },
    async (request) => ({ success: true as const, data: await consents.list(sessionOf(request).userId) }),
  );

  app.delete(
    '/:purpose',
    {
      schema: {
        tags: ['consents'],
        operationId: 'withdrawConsent',
        errors: ['forbidden'],
        summary: 'Withdraw consent',
        description:
          "Withdraws the customer's consent for a purpose; checks that need it stop being sent. Withdrawing `kyc_verification` also stops the checks still pending for a case being verified (they end `indeterminate`, reason `consent_withdrawn`, and the case goes to review). `effect` says what the withdrawal means for the account. The host hears `consent.withdrawn`.",
        security,
        params: PurposeParams,
        response: { 200: WithdrawnConsentResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await consents.withdraw(sessionOf(request).userId, request.params.purpose),
    }),
  );
};
