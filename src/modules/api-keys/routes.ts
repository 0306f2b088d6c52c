import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditActor } from '../audit/actor.js';
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
    '',
    {
      schema: {
        tags,
        operationId: 'createApiKey',
        summary: 'Create an API key',
        description:
          "Creates an API key with scopes for the host application's back end. The key is shown in this answer only; Pehchan keeps its hash.",
        security,
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeyResponse },
      },
    },
    async (request, reply) => {
      const data = await apiKeys.create(request.body, auditActor(request));
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ success: true as const, data });
    },
  );

  app.get(
    '',
    {
      schema: {
        tags,
        operationId: 'listApiKeys',
        summary: 'List API keys',
        description: 'Every API key with its scopes, creation and last use; never the key itself.',
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
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key',
        description: 'Revokes an API key; requests with it fail at once.',
        security,
        params: ApiKeyParams,
        response: { 200: ApiKeyResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await apiKeys.revoke(auditActor(request), request.params.id),
    }),
  );
};
