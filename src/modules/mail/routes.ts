import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OutboxQuery, OutboxResponse } from './schemas.js';
import type { MessageService } from './service.js';

/**
 * The development outbox: messages of channels without a transport, links and codes readable.
 * Registered only outside production (where every channel must have a transport), so it is a 404 there.
 */
export const devOutboxRoutes: FastifyPluginAsyncTypebox<{ messages: MessageService }> = async (
  app,
  { messages },
) => {
  app.get(
    '/outbox',
    {
      schema: {
        tags: ['development'],
        operationId: 'listDevelopmentOutbox',
        summary: 'The development outbox',
        description:
          'Emails and SMS that had no transport, newest first, with their links and codes readable. Development only: 404 in production.',
        security: [],
        querystring: OutboxQuery,
        response: { 200: OutboxResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { limit, to } = request.query;
      return { data: await messages.outbox({ limit: limit ?? 20, to }) };
    },
  );
};
