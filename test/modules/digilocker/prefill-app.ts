import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../../src/app.js';
import type { Config } from '../../../src/config.js';
import { digilockerRoutes } from '../../../src/modules/digilocker/routes.js';
import { DigilockerService } from '../../../src/modules/digilocker/service.js';
import { secureShareRoutes } from '../../../src/modules/secure-share/routes.js';
import { SecureShareService } from '../../../src/modules/secure-share/service.js';
import type { OfficialIdentityService } from '../../../src/modules/official-identity/service.js';
import type { RunningSimulator } from '../../../src/providers/cashfree-simulator/index.js';
import { authed, guardResponses, testConfig } from '../../helpers/app.js';
import { createTestDatabase } from '../../helpers/database.js';
import type { TestDatabase } from '../../helpers/database.js';

// Shared by the DigiLocker and Secure-Share tests: the real app with both route plugins registered
// (unless app.ts already does), services of their own for direct calls, and small request helpers.

export interface PrefillContext {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  simulator: RunningSimulator;
  digilocker: DigilockerService;
  secureShare: SecureShareService;
  officialIdentities: OfficialIdentityService;
}

export function usePrefillApp(): PrefillContext {
  const context = {} as PrefillContext;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    context.config = testConfig();
    const app = await buildApp({ config: context.config, database: context.database.handle, logger: false });
    const { services, provider } = app;
    const db = context.database.handle.db;
    context.officialIdentities = services.officialIdentities;
    context.digilocker = new DigilockerService(
      db,
      provider.client,
      services.consents,
      services.keys,
      services.officialIdentities,
      { fixedUrl: context.config.digilockerRedirectUrl, publicUrl: context.config.messaging.publicUrl },
    );
    context.secureShare = new SecureShareService(
      db,
      provider.client,
      services.consents,
      services.keys,
      services.officialIdentities,
      services.profiles,
      context.config.accounts.requireVerifiedContacts,
    );
    if (!app.hasRoute({ method: 'POST', url: '/v1/digilocker/session' })) {
      await app.register(digilockerRoutes, { prefix: '/v1/digilocker', digilocker: context.digilocker });
    }
    if (!app.hasRoute({ method: 'POST', url: '/v1/secure-share/session' })) {
      await app.register(secureShareRoutes, { prefix: '/v1/secure-share', secureShare: context.secureShare });
    }
    guardResponses(app, context.config);
    await app.ready();
    context.app = app;
    context.simulator = provider.simulator!;
  });
  afterAll(async () => {
    await context.app?.close();
    await context.database?.drop();
  });
  return context;
}

export const userIdOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

export async function grantConsent(app: FastifyInstance, token: string, purpose: string) {
  const response = await authed(app, token, {
    method: 'POST',
    url: '/v1/consents',
    payload: { purpose, noticeVersion: '2026-11' },
  });
  expect(response.statusCode).toBe(201);
}

/** Every row of every table as JSON text: for checks that a value is stored nowhere. */
export async function everyRowAsText(database: TestDatabase): Promise<string> {
  // PGlite and pg both answer `{ rows }`; drizzle's shared type leaves the result unknown.
  const query = async <T>(statement: SQL) =>
    ((await database.handle.db.execute(statement)) as { rows: T[] }).rows;
  const tables = await query<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await query<{ row: string }>(
      sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t`,
    );
    parts.push(...rows.map(({ row }) => row));
  }
  return parts.join('\n');
}
