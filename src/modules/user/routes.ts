import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { GetDetailsResponse } from './schemas.js';
import type { UserService } from './service.js';

export const userRoutes: FastifyPluginAsyncTypebox<{ users: UserService }> = async (app, { users }) => {
  app.get(
    '/getDetails',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['user'],
        summary: "The signed-in user's account and KYC profile",
        security: [{ bearerAuth: [] }],
        response: { 200: GetDetailsResponse },
      },
    },
    async (request, reply) => {
      const data = await users.getDetails(sessionOf(request).userId);
      reply.header('etag', `"${data.__v}"`);
      return { success: true as const, data };
    },
  );
};
