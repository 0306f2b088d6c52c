import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  profiledCustomer,
  readyApplicant,
  request,
  sectionVersions,
  simulator,
  waitForDecision,
} from './helpers/api.js';
import { connectRaw, connectionRefused, jsonBodyOf, jsonHead, statusOf } from './helpers/raw.js';
import type { RawConnection } from './helpers/raw.js';
import { killAll, printServerOutputOnFailure, sleep, startServer } from './helpers/server.js';
import type { ServerProcess } from './helpers/server.js';
import { createScratchDatabase, servicesAvailable } from './helpers/services.js';
import type { ScratchDatabase } from './helpers/services.js';

const available = await servicesAvailable();

/** Sends a request head and the first half of its body now; `finish` trickles the rest. */
async function startTrickle(port: number, method: string, path: string, body: unknown, token?: string) {
  const bytes = Buffer.from(JSON.stringify(body));
  const connection: RawConnection = await connectRaw(port);
  await connection.write(jsonHead(method, path, bytes.length, token));
  const half = Math.floor(bytes.length / 2);
  await connection.write(bytes.subarray(0, half));
  return {
    connection,
    async finish() {
      for (let offset = half; offset < bytes.length; offset += Math.ceil((bytes.length - half) / 4)) {
        await sleep(250);
        await connection.write(bytes.subarray(offset, offset + Math.ceil((bytes.length - half) / 4)));
      }
      return connection.closed;
    },
  };
}

describe.runIf(available)('SIGTERM during in-flight requests and pending background jobs', () => {
  let database: ScratchDatabase;
  let server: ServerProcess;
  printServerOutputOnFailure();
  const env = () => ({ DATABASE_URL: database.url, JOBS_ENABLED: 'true', BENCHMARK_MODE: 'true' });

  beforeAll(async () => {
    database = await createScratchDatabase();
    server = await startServer({ name: 'graceful', env: env() });
  });

  afterAll(async () => {
    await killAll();
    await database?.drop();
  });

  it('finishes in-flight requests, refuses new connections, exits 0, and resumes the checks after restart', async () => {
    const applicant = await readyApplicant(server.url);
    const writer = await profiledCustomer(server.url);

    // Cashfree refuses everything with 429 (nothing processed): the submitted case's checks fail
    // and wait in pg-boss for a retry.
    await simulator.fault(server.simulatorUrl!, '*', { status: 429 });
    const submitted = await request(server.url, 'POST', '/v1/kyc/submit', { token: applicant.token });
    expect(submitted.status).toBe(200);
    expect(submitted.body.data.status).toBe('verifying');
    const deadline = Date.now() + 30_000;
    let refused = 0;
    while (refused === 0 && Date.now() < deadline) {
      refused = (await simulator.calls(server.simulatorUrl!)).filter((call) => call.status === 429).length;
      await sleep(200);
    }
    expect(refused, 'the checks ran and were refused before the shutdown').toBeGreaterThan(0);

    // Two requests whose bodies are still arriving when the signal comes.
    const update = await startTrickle(
      server.port,
      'PUT',
      '/v1/data/update_data',
      writer.profile(7),
      writer.token,
    );
    const login = await startTrickle(server.port, 'POST', '/v1/auth/login', {
      email: writer.email,
      password: writer.password,
    });
    await sleep(300);
    server.signal('SIGTERM');
    const signalledAt = Date.now();

    let refusedNew = false;
    while (!refusedNew && Date.now() - signalledAt < 5000) {
      refusedNew = await connectionRefused(server.port);
      if (!refusedNew) await sleep(50);
    }
    expect(refusedNew, 'new connections are refused once SIGTERM arrived').toBe(true);

    const [updated, loggedIn] = await Promise.all([update.finish(), login.finish()]);
    expect(statusOf(updated.text), updated.text).toBe(200);
    expect(statusOf(loggedIn.text), loggedIn.text).toBe(200);
    expect(jsonBodyOf(loggedIn.text)).toMatchObject({ token: expect.any(String) });

    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(25_000);

    // The trickled update was committed, and the case resumes in a new process (whose simulator
    // answers normally).
    server = await startServer({ name: 'graceful-restarted', env: env(), port: server.port });
    const details = await request(server.url, 'GET', '/v1/user/getDetails', { token: writer.token });
    expect(new Set(Object.values(sectionVersions(details.body.data)))).toEqual(new Set([7]));
    const decided = await waitForDecision(() => server.url, applicant.token, 120_000);
    expect(decided).toBe('needs_review');
    const checks = await database.query<{ type: string; outcome: string }>(
      `select c.type, c.outcome from kyc_checks c join kyc_cases k on k.id = c.case_id
        where k.id = $1`,
      [submitted.body.data.caseId],
    );
    expect(Object.fromEntries(checks.map((check) => [check.type, check.outcome]))).toMatchObject({
      pan: 'pass',
      bank_account: 'pass',
      ifsc: 'pass',
    });
  });
});
