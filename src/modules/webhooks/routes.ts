import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditActor } from '../audit/actor.js';
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
          'Outbound webhook events to the host application, newest first, with their delivery status, filtered by `status` and `eventType`; pages of `limit` (1-100, default 50), then `nextCursor`. An unknown status or event type, or a `limit` out of range, is a 400. `nextAttemptAt` is when the retry really runs: a delivery run is scheduled for that time.',
        errors: ['validation_failed'],
        security,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryListResponse },
      },
    },
    async (request) => {
      const { limit, ...filters } = request.query;
      const page = await webhooks.list({ ...filters, limit: limit ?? 50 });
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
        errors: ['not_found'],
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
        description:
          'Sends a webhook event again, whatever its status; receivers deduplicate on its id. Recorded in the audit log (`webhook_redelivered`).',
        errors: ['not_found'],
        security,
        params: DeliveryParams,
        response: { 202: DeliveryResponse },
      },
    },
    async (request, reply) =>
      reply.status(202).send({
        success: true as const,
        data: await webhooks.redeliver(auditActor(request), request.params.id),
      }),
  );
};
