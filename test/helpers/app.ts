import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Config } from '../../src/config.js';
import { createTestDatabase } from './database.js';
import type { TestDatabase } from './database.js';
import { checkDocumentedError } from './documented-errors.js';
import { checkResponse } from './response-guard.js';

export const TEST_SECRETS = {
  SESSION_SECRET: 'test-session-secret-0123456789abcdef0123456789',
  KYC_SECRET: 'test-kyc-secret-0123456789abcdef0123456789abcd',
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pehchan-test-')),
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    // Approved cases stay approved unless a test turns the e-sign step on (test/modules/esign).
    ESIGN_ENABLED: 'false',
    // Tests share one client address; rate-limit tests set their own, lower limits.
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    REGISTER_RATE_LIMIT_PER_HOUR: '10000',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Cashfree's (simulated) limit of about 100 calls a minute would throttle a busy test file.
    SIMULATOR_RATE_LIMIT_PER_MINUTE: '0',
    ...TEST_SECRETS,
    ...env,
  }).config;
}

/**
 * Adds the response guards to an app: every payload it sends is scanned for leaks, and every problem it answers
 * must be one its operation's description lists.
 */
export function guardResponses(app: FastifyInstance, config: Config) {
  const secrets = [config.sessionSecret, config.kycSecret, config.cashfree.clientSecret ?? ''];
  const checkError = checkDocumentedError(app);
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload === 'string') {
      checkError(request, reply, payload);
      checkResponse(request.url, payload, secrets);
    } else if (Buffer.isBuffer(payload)) checkResponse(request.url, payload.toString('latin1'), secrets);
    return payload;
  });
}

export interface TestContext {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
}

/**
 * Builds the real app on this file's own database (created before, dropped after the file's tests).
 * Returns a context whose fields are filled in by `beforeAll`.
 */
export function useTestApp(env: Record<string, string> = {}): TestContext {
  const context = {} as TestContext;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    context.config = testConfig(env);
    context.app = await buildApp({
      config: context.config,
      database: context.database.handle,
      logger: false,
    });
    guardResponses(context.app, context.config);
    await context.app.ready();
  });
  afterAll(async () => {
    await context.app?.close();
    await context.database?.drop();
  });
  return context;
}

let counter = 0;
export const STRONG_PASSWORD = 'correct horse battery staple';

/** A unique, valid registration body. */
export function newUser(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const unique = `${process.pid}${counter}${Math.floor(Math.random() * 1e6)}`;
  return {
    name: 'Asha Verma',
    email: `asha.${unique}@example.com`,
    password: STRONG_PASSWORD,
    confirmedPassword: STRONG_PASSWORD,
    mobileNo: '9876543210',
    ...overrides,
  };
}

export async function registerAndLogin(app: FastifyInstance, overrides: Record<string, unknown> = {}) {
  const body = newUser(overrides);
  const registered = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: body });
  if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.body}`);
  const login = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email: body.email, password: body.password },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const tokens = login.json() as { token: string; refreshToken: string; expiresAt: string };
  return { ...tokens, email: body.email, password: body.password };
}

export function authed(
  app: FastifyInstance,
  token: string,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
}
