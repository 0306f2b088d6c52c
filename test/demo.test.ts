import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatResults, runDemo, type DemoResult } from '../scripts/demo.js';
import { buildApp } from '../src/app.js';
import { users } from '../src/db/schema/index.js';
import { newUser, testConfig } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

/*
 * `npm run demo` against the real server, in process and listening on a free port, with its jobs
 * running and its simulator on another free port: everything the demo does goes over HTTP.
 */

let app: FastifyInstance;
let database: TestDatabase;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({
    config: testConfig({ JOBS_ENABLED: 'true' }),
    database: database.handle,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

/**
 * A reviewer as `npm run user:create -- --role reviewer` makes one: an account with that role, whose second factor
 * the demo enrols at its first sign-in.
 */
async function reviewerAccount() {
  const account = newUser();
  const registered = await fetch(`${base}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  expect(registered.status).toBe(201);
  await database.handle.db.update(users).set({ role: 'reviewer' }).where(eq(users.email, account.email));
  return { email: account.email, password: account.password };
}

const verdicts = (results: DemoResult[]) =>
  Object.fromEntries(results.map((result) => [result.outcome, result.verdict]));

describe('npm run demo', () => {
  it('drives one customer to each outcome over HTTP and reports expected against got', async () => {
    const results = await runDemo({ url: base, reviewer: await reviewerAccount() });
    const table = formatResults(results);
    expect(results.map((result) => result.outcome)).toEqual([
      'approved with no human',
      'needs review',
      'action required, then fixed',
      'rejected by a reviewer',
      'identity mismatch',
    ]);
    expect(verdicts(results), table).toEqual({
      'approved with no human': 'ok',
      'needs review': 'ok',
      'action required, then fixed': 'ok',
      'rejected by a reviewer': 'ok',
      'identity mismatch': 'ok',
    });
    expect(results.find((result) => result.outcome === 'action required, then fixed')?.got).toMatch(
      /^action_required \(panDetails\/pan_invalid\) → approved$/,
    );
    for (const result of results) expect(table).toContain(result.got);
  }, 300_000);
});
