import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { UpdateDataBody, UpdateDataResponse } from './schemas.js';
import type { ProfileService } from './service.js';

export const profileRoutes: FastifyPluginAsyncTypebox<{ profiles: ProfileService }> = async (
  app,
  { profiles },
) => {
  app.put(
    '/update_data',
    {
      onRequest: app.requireRole('customer'),
      schema: {
        tags: ['profile'],
        operationId: 'updateData',
        summary: 'Update the KYC profile',
        description:
          'Replace any of the KYC sections: the five original ones and the four account-opening declarations (one transaction). Send `If-Match: "<__v>"` to refuse the update when the profile changed meanwhile (409 version_conflict).',
        security: [{ bearerAuth: [] }],
        body: UpdateDataBody,
        errors: ['forbidden', 'version_conflict', 'kyc_locked', 'pan_already_registered'],
        response: { 200: UpdateDataResponse },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const ifMatch = request.headers['if-match'];
      const data = await profiles.update(session.userId, request.body, {
        actorId: session.userId,
        ...(ifMatch ? { ifMatch } : {}),
      });
      reply.header('etag', `"${data.__v}"`);
      return { success: true as const, message: 'Profile updated successfully', data };
    },
  );
};
