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
      onRequest: app.authenticate,
      schema: {
        tags: ['user'],
        summary: "The signed-in user's account and KYC profile, every value in full (owner only)",
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
