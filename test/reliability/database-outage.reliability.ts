import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { ProfileWriter, profiledCustomer, request, sectionVersions } from './helpers/api.js';
import type { Answer } from './helpers/api.js';
import { killAll, printServerOutputOnFailure, sleep, startServer } from './helpers/server.js';
import type { ServerProcess } from './helpers/server.js';
import { createScratchDatabase, servicesAvailable } from './helpers/services.js';
import type { ScratchDatabase } from './helpers/services.js';

const available = await servicesAvailable();
const OUTAGE_MS = 8000;
/** A request during the outage must answer within the connect timeout plus slack: never hang. */
const ANSWER_BOUND_MS = 10_000;

describe.runIf(available)('database cut during load (PostgreSQL behind a loopback proxy)', () => {
  let database: ScratchDatabase;
  let proxy: TcpProxy;
  let server: ServerProcess;
  printServerOutputOnFailure();

  beforeAll(async () => {
    database = await createScratchDatabase();
    const target = new URL(database.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    target.host = `127.0.0.1:${await proxy.listen()}`;
    server = await startServer({
      name: 'outage',
      env: {
        DATABASE_URL: target.toString(),
        DB_CONNECT_TIMEOUT_MS: '1000',
        DB_STATEMENT_TIMEOUT_MS: '2000',
        JOBS_ENABLED: 'false',
        BENCHMARK_MODE: 'true',
      },
    });
  });

  afterAll(async () => {
    await killAll();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 while the database is away, recovers without a restart and loses nothing acknowledged', async () => {
    const customers = await Promise.all([1, 2, 3, 4].map(() => profiledCustomer(server.url)));
    const writers = customers.map((customer) =>
      new ProfileWriter(() => server.url, customer, { pauseMs: 20 }).start(),
    );
    // Readers: a steady stream of getDetails from every customer, recording each answer.
    const reads: Array<Pick<Answer, 'status' | 'body' | 'ms'> & { at: number }> = [];
    let reading = true;
    const readers = customers.map(async (customer) => {
      for (let count = 0; reading && count < 5000; count++) {
        const started = Date.now();
        // A request that fails without an answer (or hangs past the bound) is recorded as status 0.
        const answer = await request(server.url, 'GET', '/v1/user/getDetails', {
          token: customer.token,
          timeoutMs: ANSWER_BOUND_MS,
        }).catch((error: Error) => ({ status: 0, body: error.message, ms: Date.now() - started }));
        reads.push({ status: answer.status, body: answer.body, ms: answer.ms, at: Date.now() });
        await sleep(20);
      }
    });
    await sleep(2000);
    const acknowledgedBefore = writers.map((writer) => writer.acknowledged.at(-1));
    expect(acknowledgedBefore.every((version) => version !== undefined)).toBe(true);

    proxy.cut();
    const cutAt = Date.now();
    await sleep(OUTAGE_MS / 2);
    expect(server.exit, 'the server survives the lost connections').toBeUndefined();
    const ready = await request(server.url, 'GET', '/health/ready', { timeoutMs: ANSWER_BOUND_MS });
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'service_unavailable', success: false });
    expect((await request(server.url, 'GET', '/health/live')).status).toBe(200);
    await sleep(OUTAGE_MS / 2);

    proxy.heal();
    const healedAt = Date.now();
    let recoveredAt: number | undefined;
    while (recoveredAt === undefined && Date.now() - healedAt < 30_000) {
      if (reads.some((read) => read.at > healedAt && read.status === 200)) recoveredAt = Date.now();
      else await sleep(100);
    }
    expect(recoveredAt, 'getDetails answers 200 again after the proxy heals').toBeDefined();
    await sleep(1000);
    reading = false;
    await Promise.all(readers);
    await Promise.all(writers.map((writer) => writer.stop()));

    // Every answer was 200 or the documented 503, within the bound: no 500, no hang.
    const unexpected = reads.filter(
      (read) => read.status !== 200 && !(read.status === 503 && read.body.code === 'service_unavailable'),
    );
    expect(unexpected.map((read) => [read.status, read.body])).toEqual([]);
    expect(Math.max(...reads.map((read) => read.ms))).toBeLessThan(ANSWER_BOUND_MS);
    const during = reads.filter((read) => read.at > cutAt + 2000 && read.at < healedAt);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((read) => read.status === 503)).toBe(true);
    for (const writer of writers) {
      expect(writer.networkErrors, 'writes also answer instead of failing the connection').toBe(0);
      expect(writer.statuses.every((status) => status === 200 || status === 503)).toBe(true);
      expect(writer.statuses).toContain(503);
    }
    expect((await request(server.url, 'GET', '/health/ready')).status).toBe(200);

    // Nothing acknowledged is lost: each profile is its last acknowledged write or a later attempt.
    for (const [index, writer] of writers.entries()) {
      const details = await request(server.url, 'GET', '/v1/user/getDetails', {
        token: customers[index]!.token,
      });
      expect(details.status).toBe(200);
      const versions = Object.values(sectionVersions(details.body.data));
      expect(new Set(versions).size, JSON.stringify(versions)).toBe(1);
      expect(versions[0]).toBeGreaterThanOrEqual(writer.acknowledged.at(-1)!);
      expect(versions[0]).toBeLessThanOrEqual(writer.lastSent);
    }
  });
});
