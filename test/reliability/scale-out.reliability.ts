import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_TYPES } from '../../src/db/schema/index.js';
import {
  login,
  readyApplicant,
  registerAndLogin,
  request,
  simulator,
  waitForDecision,
} from './helpers/api.js';
import { killAll, printServerOutputOnFailure, startServer, startSimulatorProcess } from './helpers/server.js';
import type { ServerProcess, SimulatorProcess } from './helpers/server.js';
import { REDIS_URL, createScratchDatabase, servicesAvailable } from './helpers/services.js';
import type { ScratchDatabase } from './helpers/services.js';

const available = await servicesAvailable({ redis: true });
const LOGIN_LIMIT = 6;

/**
 * A client address of this run's own (the servers trust X-Forwarded-For here), so counters that
 * earlier runs left in the shared Redis never count against this one.
 */
const clientAddress = () => ({
  'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
});

describe.runIf(available)('two Pehchan processes on one PostgreSQL and one Redis', () => {
  let database: ScratchDatabase;
  let cashfree: SimulatorProcess;
  let servers: ServerProcess[];
  printServerOutputOnFailure();

  beforeAll(async () => {
    database = await createScratchDatabase();
    // One provider for both, as in production: a check started by one process may be polled by the other.
    cashfree = await startSimulatorProcess();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      JOBS_ENABLED: 'true',
      TRUST_PROXY: 'true',
      LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
      REGISTER_RATE_LIMIT_PER_HOUR: '1000',
      ...cashfree.env,
    };
    // One after the other: both migrate the same database on start.
    servers = [await startServer({ name: 'a', env }), await startServer({ name: 'b', env })];
  });

  afterAll(async () => {
    await killAll();
    await database?.drop();
  });

  it('accepts a token from one process on the other, and a logout on one ends it on both', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const headers = clientAddress();
    const account = await registerAndLogin(a.url, headers);
    const onB = await request(b.url, 'GET', '/v1/user/getDetails', { token: account.token, headers });
    expect(onB.status).toBe(200);
    expect(onB.body.data.email).toBe(account.email);

    const loggedOut = await request(a.url, 'POST', '/v1/auth/logout', { token: account.token, headers });
    expect(loggedOut.status).toBe(200);
    for (const server of [b, a]) {
      const after = await request(server.url, 'GET', '/v1/user/getDetails', {
        token: account.token,
        headers,
      });
      expect(after.status).toBe(401);
    }
  });

  it('counts login attempts from one address across both processes', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const account = await registerAndLogin(a.url, clientAddress());
    const attacker = clientAddress();
    const statuses: number[] = [];
    // Alternating: per-process counters would let 2 × LOGIN_LIMIT through.
    for (let attempt = 0; attempt < LOGIN_LIMIT + 4; attempt++) {
      const server = attempt % 2 === 0 ? a : b;
      const answer = await login(server.url, account.email, account.password, attacker);
      statuses.push(answer.status);
      if (answer.status === 429) {
        expect(answer.body.code).toBe('rate_limited');
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([...Array(LOGIN_LIMIT).fill(200), ...Array(4).fill(429)]);
  });

  it('runs every background check once although both processes work the queue', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const applicants = await Promise.all(
      [a, b, a, b].map(async (server) => ({
        server,
        account: await readyApplicant(server.url, clientAddress()),
      })),
    );
    const cases: string[] = [];
    for (const { server, account } of applicants) {
      const submitted = await request(server.url, 'POST', '/v1/kyc/submit', { token: account.token });
      expect(submitted.status).toBe(200);
      cases.push(submitted.body.data.caseId);
    }
    for (const [index, { account }] of applicants.entries()) {
      // Follow each case on the process that did not submit it.
      const other = index % 2 === 0 ? b : a;
      expect(await waitForDecision(() => other.url, account.token, 90_000)).toBe('needs_review');
    }

    const checkEvents = await database.query<{ case_id: string; check: string; count: string }>(
      `select case_id, data->>'check' as check, count(*) from kyc_events
        where type = 'check' and case_id = any($1) group by 1, 2`,
      [cases],
    );
    expect(checkEvents).toHaveLength(cases.length * CHECK_TYPES.length);
    expect(checkEvents.filter((row) => Number(row.count) !== 1)).toEqual([]);

    // Paid verifications: one record per case and kind, and each sent to the provider once.
    const sent = await database.query<{ user_id: string; kind: string; verification_id: string }>(
      `select v.user_id, v.kind, v.verification_id from verifications v
        join kyc_cases k on k.user_id = v.user_id where k.id = any($1) and v.kind <> 'liveliness'`,
      [cases],
    );
    const perKind = new Map<string, number>();
    for (const row of sent)
      perKind.set(`${row.user_id}/${row.kind}`, (perKind.get(`${row.user_id}/${row.kind}`) ?? 0) + 1);
    // pan_lite, bank_account_async, ifsc, and the selfie's reverse_geocoding
    expect(perKind.size).toBe(cases.length * 4);
    expect([...perKind.values()].every((count) => count === 1)).toBe(true);
    const calls = await simulator.calls(cashfree.url);
    for (const row of sent) {
      const posted = calls.filter(
        (call) => call.method === 'POST' && call.verificationId === row.verification_id,
      );
      expect(posted, `${row.kind} ${row.verification_id}`).toHaveLength(1);
    }
  });
});
