import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { GetDetailsResponse } from '../profile/schemas.js';
import type { ProfileService } from '../profile/service.js';

export const userRoutes: FastifyPluginAsyncTypebox<{ profiles: ProfileService }> = async (
  app,
  { profiles },
) => {
  app.get(
    '/getDetails',
    {
      onRequest: app.requireRole('customer'),
      schema: {
        tags: ['user'],
        operationId: 'getDetails',
        errors: ['forbidden'],
        summary: "The signed-in user's details",
        description:
          "The signed-in user's account and KYC profile (the v1 contract's getDetails), every value in full: only the owner sees it.",
        security: [{ bearerAuth: [] }],
        response: { 200: GetDetailsResponse },
      },
    },
    async (request, reply) => {
      const data = await profiles.getDetails(sessionOf(request).userId);
      reply.header('etag', `"${data.__v}"`);
      return { success: true as const, data };
    },
  );
};
