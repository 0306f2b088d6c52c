import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { DigilockerSessionBody, DigilockerSessionResponse, DigilockerStatusResponse } from './schemas.js';
import type { DigilockerService } from './service.js';

export const digilockerRoutes: FastifyPluginAsyncTypebox<{ digilocker: DigilockerService }> = async (
  app,
  { digilocker },
) => {
  app.addHook('onRequest', app.requireRole('customer'));
  const security = [{ bearerAuth: [] }];

  app.post(
    '/session',
    {
      schema: {
        tags: ['digilocker'],
        operationId: 'startDigilocker',
        summary: 'Start DigiLocker',
        description:
          'Start a DigiLocker request for the Aadhaar; answers the consent link to send the user to. Needs ' +
          '`digilocker_fetch` consent. After the customer consents or declines, DigiLocker sends the browser back ' +
          'to `returnPath` on this service (or to the operator’s `DIGILOCKER_REDIRECT_URL`); the page there asks ' +
          '`GET /v1/digilocker/status`. The body is optional.',
        security,
        body: DigilockerSessionBody,
        optionalBody: true,
        errors: ['forbidden', 'consent_required', 'provider_error', 'provider_unavailable'],
        response: { 201: DigilockerSessionResponse },
      },
      // The v1 contract posts no body here: none is an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        success: true as const,
        data: await digilocker.createSession(sessionOf(request).userId, request.body?.returnPath),
      }),
  );

  app.get(
    '/status',
    {
      schema: {
        tags: ['digilocker'],
        operationId: 'getDigilockerStatus',
        summary: 'DigiLocker status',
        description:
          'Status of the latest DigiLocker request; stores the Aadhaar data once the user shared it. The Aadhaar number is never stored or shown: its last 4 digits only.',
        security,
        errors: ['forbidden', 'not_found', 'consent_required', 'provider_error', 'provider_unavailable'],
        response: { 200: DigilockerStatusResponse },
      },
    },
    async (request) => ({ success: true as const, data: await digilocker.status(sessionOf(request).userId) }),
  );
};
