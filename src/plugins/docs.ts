import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** OpenAPI 3 generated from the route schemas: JSON at /openapi.json, a browsable page at /docs. */
export async function registerDocs(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pehchan',
        version,
        description:
          'KYC onboarding for Indian fintech. Errors are RFC 9457 problem+json with a stable `code`. ' +
          'Clients of the v1 contract also get `success: false` and `message`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKeyAuth: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      tags: [
        { name: 'auth', description: 'Accounts and sessions' },
        { name: 'user', description: 'The signed-in user' },
        { name: 'profile', description: 'The KYC profile (the v1 contract) and its documents' },
        { name: 'consents', description: 'Purpose-bound consent records' },
        { name: 'liveliness', description: 'Selfie liveliness check' },
        { name: 'kyc', description: 'Submitting and following a KYC case' },
        { name: 'review', description: 'Reviewers and admins' },
        { name: 'integration', description: 'The host application, with API keys' },
        { name: 'webhooks', description: 'Inbound provider webhooks' },
        { name: 'health', description: 'Probes for orchestrators' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
