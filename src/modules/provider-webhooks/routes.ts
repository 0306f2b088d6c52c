import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ProviderWebhookService } from './service.js';

const Acknowledged = Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() });

export const providerWebhookRoutes: FastifyPluginAsyncTypebox<{ webhooks: ProviderWebhookService }> = async (
  app,
  { webhooks },
) => {
  // The signature covers the exact bytes sent, so this scope keeps the raw body instead of parsing it.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/cashfree',
    {
      schema: {
        tags: ['webhooks'],
        operationId: 'receiveCashfreeWebhook',
        summary: 'Receive a Cashfree webhook',
        description:
          "Cashfree Secure ID's webhooks, signed with the client secret; answered 200 once stored and the matching " +
          'verification settled. An E_SIGN_VERIFICATION_* event also settles its case, after looking the signing ' +
          "request up at Cashfree (the event's own status is not believed).",
        security: [],
        errors: ['invalid_signature', 'stale_webhook'],
        response: { 200: Acknowledged },
      },
    },
    async (request) => {
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const outcome = await webhooks.receive({
        signature: header('x-webhook-signature'),
        timestamp: header('x-webhook-timestamp'),
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      });
      return { received: true, duplicate: outcome.duplicate };
    },
  );
};
