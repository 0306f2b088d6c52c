import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { formatLogLine } from '../../src/plugins/log-format.js';
import { testConfig } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
const apps: FastifyInstance[] = [];

/** The app with LOG_FORMAT as given, its log lines collected. */
async function appLogging(format: 'pretty' | 'json') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = testConfig({ LOG_LEVEL: 'info', LOG_FORMAT: format });
  const app = await buildApp({ config, database: database.handle, logger: { stream } });
  apps.push(app);
  await app.ready();
  return { app, lines };
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database?.drop();
});

describe('request logs', () => {
  it('are one readable line per request with LOG_FORMAT=pretty: method, path, status, time, request id', async () => {
    const { app, lines } = await appLogging('pretty');
    await app.inject({
      method: 'GET',
      url: '/health/live?token=abc',
      headers: { 'x-request-id': 'pretty-1' },
    });
    await app.inject({ method: 'GET', url: '/v1/nowhere', headers: { 'x-request-id': 'pretty-2' } });

    const first = lines.filter((line) => line.includes('pretty-1'));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}GET \/health\/live 200 \d+\.\d ms +pretty-1$/);
    // The query string, where signed-URL tokens travel, is not logged.
    expect(first[0]).not.toContain('abc');
    expect(lines.filter((line) => line.includes('pretty-2'))).toEqual([
      expect.stringMatching(/ GET \/v1\/nowhere 404 /),
    ]);
  });

  it('are one JSON object per request with LOG_FORMAT=json, the production default', async () => {
    const { app, lines } = await appLogging('json');
    await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: {},
      headers: { 'x-request-id': 'json-1' },
    });

    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const mine = records.filter((record) => record['reqId'] === 'json-1');
    expect(mine).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        req: expect.objectContaining({ method: 'POST', url: '/v1/auth/login' }),
        res: { statusCode: 400 },
        responseTime: expect.any(Number),
      }),
    ]);
  });
});

describe('formatLogLine', () => {
  it('shows other lines with their level, message and fields, and an error with its stack', () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.now(),
      pid: 1,
      hostname: 'h',
      reqId: 'r-1',
      msg: 'request failed',
      code: 'service_unavailable',
      err: { type: 'Error', message: 'down', stack: 'Error: down\n    at somewhere' },
    });
    const [first, ...stack] = formatLogLine(line, false).split('\n');
    expect(first).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN {2}request failed \{"code":"service_unavailable"\} +r-1$/,
    );
    expect(stack).toEqual(['    Error: down', '        at somewhere']);
  });

  it('passes through a line that is not JSON', () => {
    expect(formatLogLine('plain text', false)).toBe('plain text');
  });
});
