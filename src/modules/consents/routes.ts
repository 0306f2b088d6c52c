import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { ConsentListResponse, ConsentResponse, GrantConsentBody, PurposeParams } from './schemas.js';
import type { ConsentService } from './service.js';

export const consentRoutes: FastifyPluginAsyncTypebox<{ consents: ConsentService }> = async (
  app,
  { consents },
) => {
  app.addHook('onRequest', app.authenticate);
  const security = [{ bearerAuth: [] }];

  app.post(
    '/',
    {
      schema: {
        tags: ['consents'],
        summary: 'Record the customer’s consent for a purpose',
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
    '/',
    {
      schema: {
        tags: ['consents'],
        summary: 'Every consent given and withdrawn',
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
        summary: 'Withdraw consent for a purpose',
        security,
        params: PurposeParams,
        response: { 200: ConsentResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await consents.withdraw(sessionOf(request).userId, request.params.purpose),
    }),
  );
};
