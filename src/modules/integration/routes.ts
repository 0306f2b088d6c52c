import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiKeyAuthenticator } from '../api-keys/auth.js';
import type { ApiKeyService } from '../api-keys/service.js';
import { ExternalIdBody, IntegrationUserResponse, UserLookupQuery, UserParams } from './schemas.js';
import type { IntegrationService } from './service.js';

/** The host application's backend API: API keys only, each route behind one scope. */
export const integrationRoutes: FastifyPluginAsyncTypebox<{
  integration: IntegrationService;
  apiKeys: ApiKeyService;
}> = async (app, { integration, apiKeys }) => {
  const authenticateApiKey = apiKeyAuthenticator(apiKeys);
  const tags = ['integration'];

  app.put(
    '/users/:id/external-id',
    {
      onRequest: authenticateApiKey('users:write'),
      schema: {
        tags,
        operationId: 'setExternalId',
        summary: "Set a user's external id",
        description:
          "Attaches the host application's own id to a Pehchan user (API key scope `users:write`); another user's id answers 409 `external_id_taken`.",
        security: [{ apiKeyAuth: [] }],
        params: UserParams,
        body: ExternalIdBody,
        response: { 200: IntegrationUserResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await integration.setExternalId(request.params.id, request.body.externalId),
    }),
  );

  app.get(
    '/users/:id',
    {
      onRequest: authenticateApiKey('users:read'),
      schema: {
        tags,
        operationId: 'getIntegrationUser',
        summary: "A user's KYC status",
        description: "A user's KYC status and cases by Pehchan id (API key scope `users:read`).",
        security: [{ apiKeyAuth: [] }],
        params: UserParams,
        response: { 200: IntegrationUserResponse },
      },
    },
    async (request) => ({ success: true as const, data: await integration.getUser(request.params.id) }),
  );

  app.get(
    '/users',
    {
      onRequest: authenticateApiKey('users:read'),
      schema: {
        tags,
        operationId: 'findIntegrationUser',
        summary: 'Find a user by external id',
        description:
          "A user's KYC status and cases by the host application's external id (API key scope `users:read`).",
        security: [{ apiKeyAuth: [] }],
        querystring: UserLookupQuery,
        response: { 200: IntegrationUserResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await integration.findByExternalId(request.query.externalId),
    }),
  );
};
