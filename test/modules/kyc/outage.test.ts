import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { kycChecks } from '../../../src/db/schema/index.js';
import { guardResponses, testConfig } from '../../helpers/app.js';
import { createTestDatabase } from '../../helpers/database.js';
import type { TestDatabase } from '../../helpers/database.js';
import { readyApplicant, waitForDecision } from '../../helpers/kyc.js';

let database: TestDatabase;
const apps: FastifyInstance[] = [];

async function start() {
  const config = testConfig({ JOBS_ENABLED: 'true' });
  const app = await buildApp({ config, database: database.handle, logger: false });
  guardResponses(app, config);
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  await database?.drop();
});

describe('a provider outage during the checks', () => {
  it('keeps the case verifying, never deciding by accident, and finishes after a restart', async () => {
    const first = await start();
    const applicant = await readyApplicant(first);
    // The provider becomes unreachable: every call is refused before it could be processed.
    await first.provider.simulator!.close();
    // The client's pooled keep-alive connections must have seen the close: a request written on one the
    // server is closing may have been processed (an unknown outcome, rightly), which is not this outage.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const submitted = await applicant.call('POST', '/v1/kyc/submit');
    expect(submitted.json().data.status).toBe('verifying');

    await new Promise((resolve) => setTimeout(resolve, 6000));
    const during = (await applicant.call('GET', '/v1/kyc/status')).json().data;
    expect(during.status).toBe('verifying');
    const providerChecks = during.checks.filter((check: { type: string }) =>
      ['pan', 'bank_account', 'ifsc'].includes(check.type),
    );
    expect(providerChecks.map((check: { outcome: string | null }) => check.outcome)).toEqual([
      null,
      null,
      null,
    ]);
    await first.close();

    // A new process (with a reachable provider) picks the retried jobs up.
    const second = await start();
    const decided = await waitForDecision(second, applicant.token, 90_000);
    expect(decided.status).toBe('needs_review');
    const checks = await database.handle.db
      .select()
      .from(kycChecks)
      .where(eq(kycChecks.caseId, decided.caseId));
    expect(Object.fromEntries(checks.map((check) => [check.type, check.outcome]))).toMatchObject({
      pan: 'pass',
      bank_account: 'pass',
      ifsc: 'pass',
    });
  }, 180_000);
});
