import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseDurationSeconds, passwordHashThreads } from '../src/config.js';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'pehchan-config-'));
const strong = 'x'.repeat(40);
const secrets = () => ({ SESSION_SECRET: strong, KYC_SECRET: strong });
const messaging = {
  SMTP_URL: 'smtp://mail.example.com:587',
  MAIL_FROM: 'Acme KYC <kyc@example.com>',
  SMS_WEBHOOK_URL: 'https://hooks.example.com/sms',
  SMS_WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
  PUBLIC_URL: 'https://kyc.example.com',
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted an invalid configuration');
}

describe('loadConfig', () => {
  it('starts with no configuration at all, on the documented defaults', () => {
    const dir = dataDir();
    const { config, warnings } = loadConfig({ DATA_DIR: dir });
    expect(config.port).toBe(8081);
    expect(config.host).toBe('0.0.0.0');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.accessTokenTtlSeconds).toBe(900);
    expect(config.cashfree.env).toBe('sandbox');
    expect(config.cashfree.simulatorPort).toBe(8082);
    expect(warnings).toHaveLength(2);
  });

  it('points the links in messages at this server’s own port unless PUBLIC_URL says otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).config.messaging.publicUrl).toBe('http://localhost:8081');
    expect(loadConfig({ DATA_DIR: dataDir(), PORT: '8092' }).config.messaging.publicUrl).toBe(
      'http://localhost:8092',
    );
    expect(
      loadConfig({ DATA_DIR: dataDir(), PORT: '8092', PUBLIC_URL: 'https://kyc.example.in/' }).config
        .messaging.publicUrl,
    ).toBe('https://kyc.example.in');
  });

  it('puts the built-in simulator on SIMULATOR_PORT, and on a free port under test', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), SIMULATOR_PORT: '9191' }).config.cashfree.simulatorPort).toBe(
      9191,
    );
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'test' }).config.cashfree.simulatorPort).toBe(0);
    expect(() => loadConfig({ DATA_DIR: dataDir(), SIMULATOR_PORT: '70000' })).toThrow('SIMULATOR_PORT');
  });

  it('generates development secrets once, with mode 0600, and reuses them', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).config;
    const file = path.join(dir, 'kyc_secret.key');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.kycSecret);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.config.kycSecret).toBe(first.kycSecret);
    expect(second.config.sessionSecret).toBe(first.sessionSecret);
    expect(second.warnings).toHaveLength(0);
  });

  it('refuses to start in production without secrets or Cashfree credentials', () => {
    const message = problemsOf({ NODE_ENV: 'production', DATA_DIR: dataDir() });
    expect(message).toMatch(/SESSION_SECRET is required/);
    expect(message).toMatch(/KYC_SECRET is required/);
    expect(message).toMatch(/CF_CLIENT_ID and CF_CLIENT_SECRET are required/);
  });

  it('refuses to start in production without a transport for email and SMS and a public URL for links', () => {
    const message = problemsOf({ NODE_ENV: 'production', DATA_DIR: dataDir() });
    expect(message).toMatch(/SMTP_URL is required when NODE_ENV=production/);
    expect(message).toMatch(/MAIL_FROM is required/);
    expect(message).toMatch(/SMS_WEBHOOK_URL is required/);
    expect(message).toMatch(/PUBLIC_URL is required/);
    const complete = problemsOf({ NODE_ENV: 'production', DATA_DIR: dataDir(), ...messaging });
    expect(complete).not.toMatch(/SMTP_URL|MAIL_FROM|SMS_WEBHOOK|PUBLIC_URL/);
  });

  it.each([
    ['SMTP_URL', 'http://mail.example.com', /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    ['SMS_WEBHOOK_URL', 'ftp://sms', /SMS_WEBHOOK_URL must be an http\(s\) URL/],
    ['SMS_WEBHOOK_SECRET', 'hunter2', /SMS_WEBHOOK_SECRET must be whsec_/],
    ['KYC_REQUIRE_VERIFIED_CONTACTS', 'sometimes', /KYC_REQUIRE_VERIFIED_CONTACTS must be true or false/],
  ])('refuses %s=%s', (name, value, expected) => {
    expect(problemsOf({ DATA_DIR: dataDir(), [name]: value })).toMatch(expected);
  });

  it('needs SMS_WEBHOOK_SECRET with SMS_WEBHOOK_URL', () => {
    expect(problemsOf({ DATA_DIR: dataDir(), SMS_WEBHOOK_URL: 'https://hooks.example.com/sms' })).toMatch(
      /SMS_WEBHOOK_SECRET is required with SMS_WEBHOOK_URL/,
    );
  });

  it('refuses short secrets and benchmark mode in production', () => {
    const env = {
      NODE_ENV: 'production',
      DATA_DIR: dataDir(),
      SESSION_SECRET: 'short',
      KYC_SECRET: strong,
      CF_CLIENT_ID: 'id',
      CF_CLIENT_SECRET: 'secret',
      BENCHMARK_MODE: 'true',
    };
    const message = problemsOf(env);
    expect(message).toMatch(/SESSION_SECRET must be at least 32 bytes/);
    expect(message).toMatch(/BENCHMARK_MODE lifts rate limits and is refused/);
  });

  it.each([
    ['PORT', 'eighty', /PORT must be an integer/],
    ['ACCESS_TOKEN_TTL', 'forever', /ACCESS_TOKEN_TTL must be a duration/],
    ['CF_ENV', 'staging', /CF_ENV must be one of sandbox, production/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must start with postgres/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL must start with redis/],
    ['CF_PUBLIC_KEY_PATH', '/nonexistent/key.pem', /CF_PUBLIC_KEY_PATH points to a file that does not exist/],
    [
      'CF_SECURE_SHARE_CLIENT_ID',
      'one-click',
      /CF_SECURE_SHARE_CLIENT_ID and CF_SECURE_SHARE_CLIENT_SECRET must be set together/,
    ],
  ])('names %s when it is invalid', (name, value, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(message);
  });

  it('reads lists, durations and proxy settings', () => {
    const { config } = loadConfig({
      DATA_DIR: dataDir(),
      CORS_ORIGINS: 'https://a.example, https://b.example',
      ACCESS_TOKEN_TTL: '12h',
      TRUST_PROXY: '1',
      CF_CLIENT_ID: 'id',
      CF_CLIENT_SECRET: 'secret',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.accessTokenTtlSeconds).toBe(43_200);
    expect(config.trustProxy).toBe(1);
    expect(config.cashfree.secureShare).toBeUndefined();
  });

  it('reads the Secure-Share pair, which stands apart from the main one', () => {
    const { config } = loadConfig({
      DATA_DIR: dataDir(),
      CF_CLIENT_ID: 'id',
      CF_CLIENT_SECRET: 'secret',
      CF_SECURE_SHARE_CLIENT_ID: 'one-click-id',
      CF_SECURE_SHARE_CLIENT_SECRET: 'one-click-secret',
    });
    expect(config.cashfree).toMatchObject({
      clientId: 'id',
      secureShare: { clientId: 'one-click-id', clientSecret: 'one-click-secret' },
    });
  });

  it('reads the login throttling settings and warns about the retired ACCOUNT_LOCK_WINDOW', () => {
    const defaults = loadConfig({ DATA_DIR: dataDir(), ...secrets() }).config.rateLimits;
    expect(defaults).toMatchObject({
      loginFailuresPerAddress: 5,
      loginFailureWindowSeconds: 900,
      loginFailuresPerAccount: 50,
      accountFailureWindowSeconds: 3600,
    });
    const { config, warnings } = loadConfig({
      DATA_DIR: dataDir(),
      ...secrets(),
      LOGIN_FAILURES_PER_ADDRESS: '3',
      LOGIN_FAILURE_WINDOW: '10m',
      LOGIN_FAILURES_PER_ACCOUNT: '80',
      ACCOUNT_FAILURE_WINDOW: '2h',
      ACCOUNT_LOCK_WINDOW: '15m',
    });
    expect(config.rateLimits).toMatchObject({
      loginFailuresPerAddress: 3,
      loginFailureWindowSeconds: 600,
      loginFailuresPerAccount: 80,
      accountFailureWindowSeconds: 7200,
    });
    expect(warnings).toEqual([expect.stringMatching(/ACCOUNT_LOCK_WINDOW is no longer read/)]);
  });

  it('warns in production when TRUST_PROXY=true lets clients choose their address', () => {
    const production = {
      DATA_DIR: dataDir(),
      ...secrets(),
      NODE_ENV: 'production',
      CF_CLIENT_ID: 'id',
      CF_CLIENT_SECRET: 'secret',
      ...messaging,
    };
    expect(loadConfig({ ...production, TRUST_PROXY: '1' }).warnings).toEqual([]);
    expect(loadConfig({ ...production, TRUST_PROXY: 'true' }).warnings).toEqual([
      expect.stringMatching(/TRUST_PROXY=true believes any X-Forwarded-For/),
    ]);
  });

  it('logs readable lines and shows the page of links at / in development only, unless told otherwise', () => {
    const production = {
      DATA_DIR: dataDir(),
      ...secrets(),
      NODE_ENV: 'production',
      CF_CLIENT_ID: 'id',
      CF_CLIENT_SECRET: 'secret',
      ...messaging,
    };
    const development = loadConfig({ DATA_DIR: dataDir() }).config;
    expect([development.logFormat, development.rootPage]).toEqual(['pretty', 'links']);
    const live = loadConfig(production).config;
    expect([live.logFormat, live.rootPage]).toEqual(['json', 'docs']);
    // Tests capture logs as JSON.
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'test' }).config.logFormat).toBe('json');
    const chosen = loadConfig({ ...production, LOG_FORMAT: 'pretty', ROOT_PAGE: 'none' }).config;
    expect([chosen.logFormat, chosen.rootPage]).toEqual(['pretty', 'none']);
    expect(() => loadConfig({ DATA_DIR: dataDir(), LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be one of/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ROOT_PAGE: 'home' })).toThrow(/ROOT_PAGE must be one of/);
  });

  it('reads REVIEW_FOUR_EYES, off by default', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).config.review.fourEyes).toBe('off');
    expect(loadConfig({ DATA_DIR: dataDir(), REVIEW_FOUR_EYES: 'reject' }).config.review.fourEyes).toBe(
      'reject',
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), REVIEW_FOUR_EYES: 'yes' })).toThrow(
      /REVIEW_FOUR_EYES must be one of/,
    );
  });

  it('hashes passwords on one core fewer than the machine has unless PASSWORD_HASH_THREADS says otherwise', () => {
    const kept = Math.max(1, availableParallelism() - 1);
    expect(passwordHashThreads({})).toBe(kept);
    expect(passwordHashThreads({ PASSWORD_HASH_THREADS: '4' })).toBe(4);
    expect(() => loadConfig({ DATA_DIR: dataDir(), PASSWORD_HASH_THREADS: '4' })).not.toThrow();
    for (const wrong of ['0', '65', 'all', '1.5']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), PASSWORD_HASH_THREADS: wrong })).toThrow(
        `PASSWORD_HASH_THREADS must be an integer between 1 and 64 (got "${wrong}")`,
      );
      expect(() => passwordHashThreads({ PASSWORD_HASH_THREADS: wrong })).toThrow('PASSWORD_HASH_THREADS');
    }
  });

  it('parses durations', () => {
    expect(parseDurationSeconds('900')).toBe(900);
    expect(parseDurationSeconds('15m')).toBe(900);
    expect(parseDurationSeconds('2d')).toBe(172_800);
    expect(parseDurationSeconds('1.5h')).toBeUndefined();
  });
});
