import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAndLogin, request } from './helpers/api.js';
import { connectRaw, jsonHead, statusOf } from './helpers/raw.js';
import type { RawConnection } from './helpers/raw.js';
import { killAll, printServerOutputOnFailure, sleep, startServer } from './helpers/server.js';
import type { ServerProcess } from './helpers/server.js';
import { createScratchDatabase, servicesAvailable } from './helpers/services.js';
import type { ScratchDatabase } from './helpers/services.js';

const available = await servicesAvailable();

const SLOW_HEADER_SOCKETS = 100;
const SLOW_BODY_SOCKETS = 10;
// src/plugins/http.ts: headersTimeout 15 s, requestTimeout 30 s. Node checks them on a 30 s
// interval (connectionsCheckingInterval), so a socket may live up to one interval longer.
const HEADERS_CUT_BOUND_MS = 15_000 + 30_000 + 5_000;
const REQUEST_CUT_BOUND_MS = 30_000 + 30_000 + 5_000;

/** Sends one more byte every `everyMs` until the server closes the connection or `bound` passes. */
async function dribble(connection: RawConnection, bytes: string, everyMs: number, boundMs: number) {
  let open = true;
  void connection.closed.then(() => (open = false));
  const started = Date.now();
  for (let index = 0; open && index < bytes.length && Date.now() - started < boundMs; index++) {
    await connection.write(bytes[index]!).catch(() => undefined);
    await sleep(everyMs);
  }
}

describe.runIf(available)('slow clients', () => {
  let database: ScratchDatabase;
  let server: ServerProcess;
  printServerOutputOnFailure();

  beforeAll(async () => {
    database = await createScratchDatabase();
    server = await startServer({
      name: 'slow',
      env: { DATABASE_URL: database.url, JOBS_ENABLED: 'false', BENCHMARK_MODE: 'true' },
    });
  });

  afterAll(async () => {
    await killAll();
    await database?.drop();
  });

  it('cuts slowloris headers and trickled bodies by its timeouts while normal traffic goes on', async () => {
    const account = await registerAndLogin(server.url);
    const endless = 'X-Padding: ' + 'a'.repeat(10_000);

    const slowHeaders = await Promise.all(
      Array.from({ length: SLOW_HEADER_SOCKETS }, async () => {
        const connection = await connectRaw(server.port);
        await connection.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        void dribble(connection, endless, 1000, HEADERS_CUT_BOUND_MS + 5000);
        return connection;
      }),
    );
    const slowBodies = await Promise.all(
      Array.from({ length: SLOW_BODY_SOCKETS }, async () => {
        const connection = await connectRaw(server.port);
        await connection.write(jsonHead('PUT', '/v1/data/update_data', 100_000, account.token));
        void dribble(connection, ' '.repeat(100_000), 1000, REQUEST_CUT_BOUND_MS + 5000);
        return connection;
      }),
    );

    // Normal traffic meanwhile: every getDetails answers 200, promptly.
    const normal: Array<{ status: number; ms: number }> = [];
    let headersCut: Array<{ text: string; afterMs: number }> | undefined;
    void Promise.all(slowHeaders.map((connection) => connection.closed)).then(
      (closed) => (headersCut = closed),
    );
    const started = Date.now();
    while (!headersCut && Date.now() - started < HEADERS_CUT_BOUND_MS + 5000) {
      const answer = await request(server.url, 'GET', '/v1/user/getDetails', {
        token: account.token,
        timeoutMs: 10_000,
      }).catch(() => ({ status: 0, ms: Date.now() - started }));
      normal.push({ status: answer.status, ms: answer.ms });
      await sleep(250);
    }
    expect(headersCut, 'every slowloris socket was closed by the server').toBeDefined();
    for (const closed of headersCut!) {
      expect(closed.afterMs).toBeLessThan(HEADERS_CUT_BOUND_MS);
      expect(statusOf(closed.text), closed.text).toBe(408);
    }
    expect(normal.length).toBeGreaterThan(20);
    expect(normal.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(Math.max(...normal.map((answer) => answer.ms))).toBeLessThan(2000);

    const bodiesCut = await Promise.all(slowBodies.map((connection) => connection.closed));
    for (const closed of bodiesCut) {
      expect(closed.afterMs).toBeLessThan(REQUEST_CUT_BOUND_MS);
      expect(statusOf(closed.text), closed.text).toBe(408);
    }
    expect((await request(server.url, 'GET', '/v1/user/getDetails', { token: account.token })).status).toBe(
      200,
    );
  });

  it('answers 431 to oversized headers', async () => {
    const connection = await connectRaw(server.port);
    await connection.write(
      `GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(64 * 1024)}\r\n\r\n`,
    );
    const closed = await connection.closed;
    expect(statusOf(closed.text)).toBe(431);
    expect((await request(server.url, 'GET', '/health/live')).status).toBe(200);
  });
});
