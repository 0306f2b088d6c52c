import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiKeyAuthenticator } from '../api-keys/auth.js';
import type { ApiKeyService } from '../api-keys/service.js';
import { DeliveryListResponse } from '../webhooks/schemas.js';
import type { DeliveryStatusService } from '../webhooks/integration-view.js';
import {
  ExternalIdBody,
  HostDeliveryListQuery,
  IntegrationKycResponse,
  IntegrationUserResponse,
  UserLookupQuery,
  UserParams,
} from './schemas.js';
import type { IntegrationService } from './service.js';

/** The host application's backend API: API keys only, each route behind one scope. */
export const integrationRoutes: FastifyPluginAsyncTypebox<{
  integration: IntegrationService;
  deliveryStatus: DeliveryStatusService;
  apiKeys: ApiKeyService;
}> = async (app, { integration, deliveryStatus, apiKeys }) => {
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
        errors: ['external_id_taken'],
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
        errors: ['not_found'],
        response: { 200: IntegrationUserResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await integration.findByExternalId(request.query.externalId),
    }),
  );

  app.get(
    '/users/:id/kyc',
    {
      onRequest: authenticateApiKey('cases:read'),
      schema: {
        tags,
        operationId: 'getIntegrationUserKyc',
        summary: "A user's current case and last decision",
        description:
          "The current case's status, reasons, checks' outcomes, the reviewer's message to the customer and its dates, with `verifiedStatus` (the last final decision, which a re-KYC in progress does not change) (API key scope `cases:read`). No identity data.",
        security: [{ apiKeyAuth: [] }],
        params: UserParams,
        response: { 200: IntegrationKycResponse },
      },
    },
    async (request) => ({ success: true as const, data: await integration.getKyc(request.params.id) }),
  );

  app.get(
    '/webhooks/deliveries',
    {
      onRequest: authenticateApiKey('webhooks:read'),
      schema: {
        tags,
        operationId: 'listIntegrationWebhookDeliveries',
        summary: 'Delivery status of webhook events',
        description:
          'Outbound webhook events, newest first, with their delivery status, attempts and next attempt; filter by `status` and `eventType`; cursor pagination (API key scope `webhooks:read`). Never the payload.',
        security: [{ apiKeyAuth: [] }],
        querystring: HostDeliveryListQuery,
        response: { 200: DeliveryListResponse },
      },
    },
    async (request) => {
      const { status, eventType, cursor, limit } = request.query;
      const page = await deliveryStatus.list({
        limit: limit ?? 50,
        ...(status ? { status } : {}),
        ...(eventType ? { eventType } : {}),
        ...(cursor ? { cursor } : {}),
      });
      return { success: true as const, ...page };
    },
  );
};
