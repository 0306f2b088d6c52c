import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { DigilockerSessionResponse, DigilockerStatusResponse } from './schemas.js';
import type { DigilockerService } from './service.js';

export const digilockerRoutes: FastifyPluginAsyncTypebox<{ digilocker: DigilockerService }> = async (
  app,
  { digilocker },
) => {
  app.addHook('onRequest', app.authenticate);
  const security = [{ bearerAuth: [] }];

  app.post(
    '/session',
    {
      schema: {
        tags: ['digilocker'],
        operationId: 'startDigilocker',
        summary: 'Start DigiLocker',
        description:
          'Start a DigiLocker request for the Aadhaar; answers the consent link to send the user to. Needs `digilocker_fetch` consent.',
        security,
        response: { 201: DigilockerSessionResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ success: true as const, data: await digilocker.createSession(sessionOf(request).userId) }),
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
        response: { 200: DigilockerStatusResponse },
      },
    },
    async (request) => ({ success: true as const, data: await digilocker.status(sessionOf(request).userId) }),
  );
};
