import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { IfscParams, IfscResponse } from './schemas.js';
import type { BankService } from './service.js';

export const bankRoutes: FastifyPluginAsyncTypebox<{ banks: BankService }> = async (app, { banks }) => {
  app.addHook('onRequest', app.requireRole('customer'));

  app.get(
    '/ifsc/:ifsc',
    {
      schema: {
        tags: ['banks'],
        operationId: 'lookupIfsc',
        summary: 'Look up an IFSC',
        description:
          "The bank and branch an IFSC names, from the verification provider's IFSC directory, to fill the bank " +
          'details form. Answers are cached for a few minutes; a customer may look up 30 codes a minute.',
        security: [{ bearerAuth: [] }],
        params: IfscParams,
        response: { 200: IfscResponse },
        errors: ['forbidden', 'ifsc_not_found', 'provider_error', 'provider_unavailable'],
      },
    },
    async (request) => ({
      success: true as const,
      data: await banks.lookupIfsc(sessionOf(request).userId, request.params.ifsc),
    }),
  );
};
