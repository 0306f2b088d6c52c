import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passingSelfie } from '../../src/providers/cashfree-simulator/test-images.js';
import { livelinessCheck, registerAndLogin, request, simulator } from './helpers/api.js';
import type { Account, Answer } from './helpers/api.js';
import { killAll, printServerOutputOnFailure, sleep, startServer } from './helpers/server.js';
import type { ServerProcess } from './helpers/server.js';
import { createScratchDatabase, servicesAvailable } from './helpers/services.js';
import type { ScratchDatabase } from './helpers/services.js';

const available = await servicesAvailable();
/** The Cashfree client's breaker stays open this long (not configurable: src/providers/cashfree/client.ts). */
const HALF_OPEN_AFTER_MS = 30_000;
const CUSTOMERS = 4;

describe.runIf(available)('provider faults under load (the simulator fault-injected over HTTP)', () => {
  let database: ScratchDatabase;
  let server: ServerProcess;
  let simulatorUrl: string;
  printServerOutputOnFailure();

  beforeAll(async () => {
    database = await createScratchDatabase();
    server = await startServer({
      name: 'faults',
      env: {
        DATABASE_URL: database.url,
        JOBS_ENABLED: 'false',
        BENCHMARK_MODE: 'true',
        LIVELINESS_DAILY_LIMIT: '1000',
      },
    });
    expect(server.simulatorUrl, 'the server logs its simulator URL').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    simulatorUrl = server.simulatorUrl!;
  });

  afterAll(async () => {
    await killAll();
    await database?.drop();
  });

  it('opens the circuit on 500s, answers fast meanwhile, closes it after the half-open delay, and never charges twice', async () => {
    const customers: Account[] = [];
    for (let index = 0; index < CUSTOMERS; index++) {
      const account = await registerAndLogin(server.url);
      await request(server.url, 'POST', '/v1/consents', {
        token: account.token,
        json: { purpose: 'kyc_verification', noticeVersion: '2026-11' },
      });
      customers.push(account);
    }
    const selfies = await Promise.all(customers.map((_, index) => passingSelfie(index + 1)));
    const answers: Answer[] = [];
    const check = async (index: number) => {
      const answer = await livelinessCheck(server.url, customers[index]!.token, selfies[index]!);
      answers.push(answer);
      return answer;
    };
    /** Every customer sends `rounds` checks, one after the other; all customers at once. */
    const load = (rounds: number) =>
      Promise.all(
        customers.map(async (_, index) => {
          const results: Answer[] = [];
          for (let round = 0; round < rounds; round++) results.push(await check(index));
          return results;
        }),
      ).then((perCustomer) => perCustomer.flat());
    const livelinessCalls = async () =>
      (await simulator.calls(simulatorUrl)).filter((call) => call.path === '/liveliness');

    expect((await load(1)).map((answer) => answer.status)).toEqual(Array(CUSTOMERS).fill(200));

    await simulator.fault(simulatorUrl, '/liveliness', { status: 500 });
    const failing = await load(3);
    const openedBy = Date.now();
    for (const answer of failing) {
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 'provider_unavailable', success: false });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The circuit is open now: more checks answer 503 without reaching the provider, and quickly.
    const callsWhenOpen = (await livelinessCalls()).length;
    const fastFailed = await load(2);
    expect(
      fastFailed.every((answer) => answer.status === 503 && answer.body.code === 'provider_unavailable'),
    ).toBe(true);
    expect((await livelinessCalls()).length, 'no call reaches the provider while the circuit is open').toBe(
      callsWhenOpen,
    );
    expect(Math.max(...fastFailed.map((answer) => answer.ms))).toBeLessThan(1000);

    // The provider recovers, but the circuit stays open until its half-open delay has passed.
    await simulator.clearFaults(simulatorUrl);
    const stillOpen = await check(0);
    expect(stillOpen.status).toBe(503);
    expect((await livelinessCalls()).length).toBe(callsWhenOpen);
    let closedAt: number | undefined;
    while (closedAt === undefined && Date.now() - openedBy < HALF_OPEN_AFTER_MS + 30_000) {
      await sleep(1000);
      if ((await check(0)).status === 200) closedAt = Date.now();
    }
    expect(closedAt, 'a check succeeds once the half-open probe got through').toBeDefined();
    expect((await load(2)).map((answer) => answer.status)).toEqual(Array(CUSTOMERS * 2).fill(200));

    // Charged once: every verification the provider processed has its own id, and those are
    // exactly the ones the service answered 200 for (and recorded as a success).
    const processed = (await livelinessCalls()).filter((call) => call.processed);
    const processedIds = processed.map((call) => call.verificationId);
    expect(new Set(processedIds).size).toBe(processedIds.length);
    const answeredIds = answers
      .filter((answer) => answer.status === 200)
      .map((answer) => answer.body.data.verification_id);
    expect([...processedIds].sort()).toEqual([...answeredIds].sort());
    const recorded = await database.query<{ verification_id: string }>(
      `select verification_id from verifications where kind = 'liveliness' and status = 'success'`,
    );
    expect(recorded.map((row) => row.verification_id).sort()).toEqual([...answeredIds].sort());
    expect(answers.some((answer) => answer.status >= 500 && answer.status !== 503)).toBe(false);
  });
});
