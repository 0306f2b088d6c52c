import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { guardResponses, registerAndLogin, testConfig } from '../helpers/app.js';
import { createTestDatabase, serverUrl } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

// A database outage needs a network path to cut, so this runs in the PostgreSQL pass only.
describe.runIf(serverUrl)('database outage (PostgreSQL behind a loopback proxy)', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url!);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.listen();
    target.host = `127.0.0.1:${port}`;
    const config = testConfig({
      DATABASE_URL: target.toString(),
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '2000',
    });
    app = await buildApp({ config, logger: false });
    guardResponses(app, config);
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 while the database is away and recovers by itself, keeping acknowledged data', async () => {
    const { token, email } = await registerAndLogin(app);
    const details = () =>
      app.inject({
        method: 'GET',
        url: '/v1/user/getDetails',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await details()).statusCode).toBe(200);

    proxy.cut();
    const started = Date.now();
    const during = await details();
    expect(during.statusCode).toBe(503);
    expect(during.json()).toMatchObject({ code: 'service_unavailable', success: false });
    expect(during.headers['retry-after']).toBeDefined();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password: 'whatever it is' },
    });
    expect(login.statusCode).toBe(503);

    proxy.heal();
    let recovered = 0;
    for (let attempt = 0; attempt < 40 && recovered !== 200; attempt++) {
      recovered = (await details()).statusCode;
      if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(200);
    expect((await details()).json().data.email).toBe(email);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });
});
