import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../../src/app.js';
import type { Config } from '../../../src/config.js';
import type { UserRole } from '../../../src/db/schema/index.js';
import { apiKeyRoutes } from '../../../src/modules/api-keys/routes.js';
import { ApiKeyService } from '../../../src/modules/api-keys/service.js';
import { AuditService } from '../../../src/modules/audit/service.js';
import { integrationRoutes } from '../../../src/modules/integration/routes.js';
import { adminWebhookRoutes } from '../../../src/modules/webhooks/routes.js';
import { WebhookService } from '../../../src/modules/webhooks/service.js';
import { guardResponses, testConfig } from '../../helpers/app.js';
import { promoteAndLogin } from '../../helpers/staff.js';
import { createTestDatabase } from '../../helpers/database.js';
import type { TestDatabase } from '../../helpers/database.js';

export interface HostTestContext {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  apiKeys: ApiKeyService;
}

/**
 * `useTestApp` plus the host-integration plugins (API keys, integration, webhook admin), registered
 * here until src/app.ts registers them itself.
 */
export function useHostTestApp(env: Record<string, string> = {}): HostTestContext {
  const context = {} as HostTestContext;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    context.config = testConfig(env);
    const app = await buildApp({ config: context.config, database: context.database.handle, logger: false });
    const db = context.database.handle.db;
    context.apiKeys = new ApiKeyService(db, new AuditService());
    if (!app.hasRoute({ method: 'GET', url: '/v1/admin/api-keys' })) {
      await app.register(apiKeyRoutes, { prefix: '/v1/admin/api-keys', apiKeys: context.apiKeys });
    }
    if (!app.hasRoute({ method: 'GET', url: '/v1/integration/users/:id' })) {
      await app.register(integrationRoutes, {
        prefix: '/v1/integration',
        integration: app.services.integration,
        deliveryStatus: app.services.deliveryStatus,
        apiKeys: context.apiKeys,
      });
    }
    if (!app.hasRoute({ method: 'GET', url: '/v1/admin/webhooks/deliveries' })) {
      await app.register(adminWebhookRoutes, {
        prefix: '/v1/admin/webhooks',
        webhooks: new WebhookService(db, new AuditService()),
      });
    }
    guardResponses(app, context.config);
    await app.ready();
    context.app = app;
  });
  afterAll(async () => {
    await context.app?.close();
    await context.database?.drop();
  });
  return context;
}

/** A signed-in user with `role`: registered as a customer, promoted in the database, signed in again. */
export const loginAs = (context: HostTestContext, role: UserRole) =>
  promoteAndLogin(context.app, context.database, role);
