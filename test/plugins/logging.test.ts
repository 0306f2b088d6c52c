import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { authed, guardResponses, registerAndLogin, testConfig } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { sandboxProfile } from '../helpers/kyc.js';

const lines: string[] = [];
let app: FastifyInstance;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ LOG_LEVEL: 'trace' });
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  app = await buildApp({ config, database: database.handle, logger: { stream } });
  guardResponses(app, config);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('logs', () => {
  it('carry request ids but no password, token, PAN, account number or date of birth', async () => {
    const user = await registerAndLogin(app);
    const profile = await sandboxProfile();
    expect(
      (await authed(app, user.token, { method: 'PUT', url: '/v1/data/update_data', payload: profile }))
        .statusCode,
    ).toBe(200);
    await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: user.email, password: 'wrong password here' },
    });
    await app.inject({ method: 'GET', url: `/v1/user/getDetails?token=${user.token}` });

    const log = lines.join('');
    expect(log).toContain('"reqId"');
    for (const secret of [
      user.password,
      user.token,
      user.refreshToken,
      profile.panDetails.panNumber,
      profile.bankDetails[0]!.bankAccountNumber,
      profile.panDetails.dateOfBirth,
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it("log a failed query's statement and SQLSTATE, never its values", async () => {
    const searched = 'ABCDE1234F';
    const failure = await database.handle.db
      .execute(sql`select ${searched}::date as searched from users where email = ${'asha@example.com'}`)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    const before = lines.length;
    // As the error handler and the jobs log a failure: under `err`, and under a cause of a wrapping error.
    app.log.error({ err: failure }, 'request failed');
    app.log.error({ err: new Error('job failed', { cause: failure }) }, 'job failed');
    const logged = lines.slice(before).join('');
    expect(logged).not.toContain(searched);
    expect(logged).not.toContain('asha@example.com');
    const [first] = lines.slice(before).map((line) => JSON.parse(line));
    expect(first.err).toMatchObject({
      message: 'database error 22007',
      code: '22007',
      query: expect.stringContaining('::date as searched from users where email = $2'),
    });
  });
});
