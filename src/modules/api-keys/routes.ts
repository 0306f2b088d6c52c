import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import {
  ApiKeyListResponse,
  ApiKeyParams,
  ApiKeyResponse,
  CreateApiKeyBody,
  CreatedApiKeyResponse,
} from './schemas.js';
import type { ApiKeyService } from './service.js';

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ apiKeys: ApiKeyService }> = async (
  app,
  { apiKeys },
) => {
  app.addHook('onRequest', app.requireRole('admin'));
  const security = [{ bearerAuth: [] }];
  const tags = ['admin'];

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an API key for the host application (the key is shown once)',
        security,
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeyResponse },
      },
    },
    async (request, reply) => {
      const data = await apiKeys.create({ ...request.body, createdBy: sessionOf(request).userId });
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ success: true as const, data });
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Every API key (never the key itself)',
        security,
        response: { 200: ApiKeyListResponse },
      },
    },
    async () => ({ success: true as const, data: await apiKeys.list() }),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API key, at once',
        security,
        params: ApiKeyParams,
        response: { 200: ApiKeyResponse },
      },
    },
    async (request) => ({ success: true as const, data: await apiKeys.revoke(request.params.id) }),
  );
};
