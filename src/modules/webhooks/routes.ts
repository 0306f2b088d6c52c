import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DeliveryDetailResponse,
  DeliveryListQuery,
  DeliveryListResponse,
  DeliveryParams,
  DeliveryResponse,
} from './schemas.js';
import type { WebhookService } from './service.js';

export const adminWebhookRoutes: FastifyPluginAsyncTypebox<{ webhooks: WebhookService }> = async (
  app,
  { webhooks },
) => {
  app.addHook('onRequest', app.requireRole('admin'));
  const security = [{ bearerAuth: [] }];
  const tags = ['admin'];

  app.get(
    '/deliveries',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: 'List webhook events',
        description:
          'Outbound webhook events to the host application, newest first, with their delivery status.',
        security,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryListResponse },
      },
    },
    async (request) => {
      const { status, cursor, limit } = request.query;
      const page = await webhooks.list({
        limit: limit ?? 50,
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      });
      return { success: true as const, ...page };
    },
  );

  app.get(
    '/deliveries/:id',
    {
      schema: {
        tags,
        operationId: 'getWebhookDelivery',
        summary: 'View a webhook event',
        description: 'One outbound webhook event with every delivery attempt and its answer.',
        security,
        params: DeliveryParams,
        response: { 200: DeliveryDetailResponse },
      },
    },
    async (request) => ({ success: true as const, data: await webhooks.get(request.params.id) }),
  );

  app.post(
    '/deliveries/:id/redeliver',
    {
      schema: {
        tags,
        operationId: 'redeliverWebhook',
        summary: 'Redeliver a webhook event',
        description: 'Sends a webhook event again; receivers deduplicate on its id.',
        security,
        params: DeliveryParams,
        response: { 202: DeliveryResponse },
      },
    },
    async (request, reply) =>
      reply.status(202).send({ success: true as const, data: await webhooks.redeliver(request.params.id) }),
  );
};
