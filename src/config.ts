import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

export type CashfreeEnv = 'sandbox' | 'production';

export interface Config {
  nodeEnv: string;
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` for a server, undefined for embedded PGlite under `dataDir/pglite`, or `memory://` in tests. */
  databaseUrl: string | undefined;
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
  dbPoolMax: number;
  sessionSecret: string;
  kycSecret: string;
  kycSecretPrevious: string | undefined;
  cashfree: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    /** The Secure-Share / 1-Click app's own pair; unset: the main pair is used for Secure-Share too. */
    secureShare: { clientId: string; clientSecret: string } | undefined;
    env: CashfreeEnv;
    baseUrl: string | undefined;
    publicKeyPath: string | undefined;
    /** Port of the built-in simulator when no credentials are set; 0 picks a free one. */
    simulatorPort: number;
    /** The built-in simulator's limit per client id and endpoint (Cashfree's is about 100 a minute); 0: none. */
    simulatorRateLimitPerMinute: number;
  };
  redisUrl: string | undefined;
  corsOrigins: string[];
  /** Origins a KYC link may return to, and the only ones that may frame the onboarding pages or receive their events. */
  linkRedirectOrigins: string[];
  /** Where DigiLocker sends the customer back after consent; unset: PUBLIC_URL + the onboarding page's return path. */
  digilockerRedirectUrl: string | undefined;
  logLevel: string;
  /** `pretty`: one readable line per request (development); `json`: one JSON object per line. */
  logFormat: 'pretty' | 'json';
  /** What `GET /` answers: a page of links for newcomers, a redirect to the API docs, or 404. */
  rootPage: 'links' | 'docs' | 'none';
  trustProxy: boolean | number | string;
  accessTokenTtlSeconds: number;
  /** How long a checked access token and its session are answered from memory (0: every request reads the row). */
  sessionCacheSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Staff second factor (TOTP): always required for admins; for reviewers unless `optional`. */
  staffMfa: 'required' | 'optional';
  /** Hours from submission within which a case awaiting review should be decided: the queue's SLA badge. */
  reviewSlaHours: number;
  privacy: {
    /** Years the KYC record of an approved customer is kept after the relationship ends (PMLA s.12, SEBI: 8). */
    retentionYears: number;
    /** Days a never-approved draft is kept after its last activity (DPDP Rules r.8(3): at least 365). */
    draftRetentionDays: number;
    /** Data exports a customer may make per day. */
    exportsPerDay: number;
    /** Files (bytes) a ZIP export may hold to be built during the request; larger ones are built in the background. */
    zipInlineMaxBytes: number;
  };
  bodyLimitBytes: number;
  rateLimits: {
    /** General per-IP limit over every route, per minute. */
    globalPerMinute: number;
    loginPerIpPerMinute: number;
    registerPerIpPerHour: number;
    /** Failed logins on one account from one client address before that pair is throttled (docs/security.md). */
    loginFailuresPerAddress: number;
    loginFailureWindowSeconds: number;
    /** Failed logins on one account from all addresses before only addresses without failures may try. */
    loginFailuresPerAccount: number;
    accountFailureWindowSeconds: number;
  };
  verification: {
    livelinessMinScore: number;
    livelinessDailyLimit: number;
    /** Cashfree's `strict_check`: refuse selfies with several faces, covered faces and similar. */
    livelinessStrict: boolean;
    faceMatchMinScore: number;
    nameMatchPass: string[];
    nameMatchReview: string[];
    providerTimeoutMs: number;
  };
  webhook: {
    /** Where KYC events are delivered; unset: events stay in the outbox until configured. */
    url: string | undefined;
    /** `whsec_…` (Standard Webhooks): signs every delivery. */
    secret: string | undefined;
    timeoutMs: number;
  };
  messaging: {
    /** `smtp://` or `smtps://`; unset outside production: email lands in the development outbox. */
    smtpUrl: string | undefined;
    mailFrom: string;
    /** Where SMS are POSTed, signed like the outbound webhooks; unset outside production: development outbox. */
    smsWebhookUrl: string | undefined;
    smsWebhookSecret: string | undefined;
    smsTimeoutMs: number;
    /** The host application's name, shown in every message next to Pehchan's. */
    brandName: string;
    /** Base of the links in messages (the onboarding and console pages). */
    publicUrl: string;
  };
  accounts: {
    /** KYC submission waits for a verified email and mobile; Secure-Share only uses a verified mobile. */
    requireVerifiedContacts: boolean;
    /** Password-reset and verification requests per client address, per hour. */
    recoveryPerIpPerHour: number;
    /** Password-reset and verification requests per account (or email as typed), per hour. */
    recoveryPerAccountPerHour: number;
  };
  profile: {
    /** Most nominees a customer may name (SEBI nomination circular of 29 May 2026: 3). */
    maxNominees: number;
  };
  review: {
    /** Which reviewer decisions need a second, different reviewer to confirm them (four-eyes). */
    fourEyes: 'off' | 'reject' | 'approve' | 'all';
  };
  /** Lifts per-IP and per-user limits for load tests from one address; refused in production. */
  benchmarkMode: boolean;
  jobs: { enabled: boolean };
  esign: {
    /** After approval the customer e-signs the account opening form (Aadhaar e-sign); off: cases stay approved. */
    enabled: boolean;
    /** Days a signing link lives, 1 to 15 (Cashfree's limit). */
    expiryDays: number;
  };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Threads that hash passwords (`PASSWORD_HASH_THREADS`): by default one fewer than the machine's cores, at
 * least one. Every argon2id hash keeps a core busy for its whole run, so hashing on every core would let a
 * burst of sign-ins (or a credential-stuffing run spread over many addresses, which the per-address limits do
 * not cap in total) take the cores that every other request, PostgreSQL and the health checks need; the core
 * kept back also spares logins the cost of waking up on a core that a hash has just filled with its 19 MiB.
 * Read where passwords are hashed (src/modules/auth/passwords.ts), at the first hash, so `.env` applies;
 * `loadConfig` checks it at start. Throws on a value out of range.
 */
export function passwordHashThreads(env: Env = process.env): number {
  const reader = new EnvReader(env);
  const threads = readPasswordHashThreads(reader);
  if (reader.problems.length > 0) throw new ConfigError(reader.problems.join('\n'));
  return threads;
}

function readPasswordHashThreads(reader: EnvReader): number {
  return reader.integer('PASSWORD_HASH_THREADS', Math.max(1, availableParallelism() - 1), 1, 64);
}

const DURATION = /^(\d+)\s*(ms|s|m|h|d)?$/;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** Parses `900`, `900s`, `15m`, `12h`, `7d` into seconds. */
export function parseDurationSeconds(value: string): number | undefined {
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_SECONDS[match[2] ?? 's']!);
}

/** `LINK_REDIRECT_ORIGINS`: comma-separated origins (scheme, host and port, nothing else). */
function linkRedirectOrigins(reader: EnvReader): string[] {
  const origins = (reader.string('LINK_REDIRECT_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, ''))
      reader.problems.push(
        `LINK_REDIRECT_ORIGINS: ${origin} is not an origin such as https://app.example.in`,
      );
  }
  return origins.map((origin) => origin.replace(/\/$/, ''));
}

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string | undefined {
    const raw = this.env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    return raw.trim();
  }

  fraction(name: string, fallback: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d*\.?\d+$/.test(raw) || value < 0 || value > 1) {
      this.problems.push(`${name} must be a number between 0 and 1 (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  list(name: string, fallback: string[], allowed: readonly string[]): string[] {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const values = raw
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    const unknown = values.filter((value) => !allowed.includes(value));
    if (unknown.length > 0) {
      this.problems.push(`${name} has unknown values ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`);
      return fallback;
    }
    return values;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  duration(name: string, fallbackSeconds: number, minSeconds: number, maxSeconds: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallbackSeconds;
    const seconds = parseDurationSeconds(raw);
    if (seconds === undefined || seconds < minSeconds || seconds > maxSeconds) {
      this.problems.push(
        `${name} must be a duration such as 900s, 15m or 12h between ${minSeconds}s and ${maxSeconds}s (got "${raw}")`,
      );
      return fallbackSeconds;
    }
    return seconds;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!allowed.includes(raw as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }
}

/** Cashfree's name-match outcomes, best first. */
export const NAME_MATCH_RESULTS = [
  'DIRECT_MATCH',
  'GOOD_PARTIAL_MATCH',
  'MODERATE_PARTIAL_MATCH',
  'POOR_PARTIAL_MATCH',
  'NO_MATCH',
] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const MIN_SECRET_BYTES = 32;

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined) return false;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw; // comma-separated addresses or CIDRs, as Fastify accepts them
}

/**
 * Outside production a missing secret is generated once and kept in DATA_DIR (mode 0600), so
 * restarts keep tokens and encrypted data readable. In production a missing secret is fatal.
 */
function resolveSecret(
  reader: EnvReader,
  name: string,
  dataDir: string,
  isProduction: boolean,
  warnings: string[],
  generate: boolean,
): string {
  const given = reader.string(name);
  if (given !== undefined) {
    if (Buffer.byteLength(given) < MIN_SECRET_BYTES) {
      reader.problems.push(`${name} must be at least ${MIN_SECRET_BYTES} bytes long`);
    }
    return given;
  }
  if (isProduction) {
    reader.problems.push(
      `${name} is required when NODE_ENV=production (at least ${MIN_SECRET_BYTES} random bytes)`,
    );
    return '';
  }
  const file = path.join(dataDir, `${name.toLowerCase()}.key`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!generate) {
    // A tool's own secret would differ from the server's: tokens and encrypted data would not match.
    reader.problems.push(
      `${name} is not set and ${file} does not exist: set ${name} to the server's value, or start the server once so that it generates ${file} (command-line tools never generate secrets)`,
    );
    return '';
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  warnings.push(`${name} is not set: generated one into ${file}. Set ${name} explicitly in production.`);
  return secret;
}

export interface LoadedConfig {
  config: Config;
  warnings: string[];
}

/** Reads `.env` (if present) into the environment without overriding variables already set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export interface LoadOptions {
  /** Outside production, a missing secret is generated into DATA_DIR. Only the server does this; tools pass false. */
  generateSecrets?: boolean;
}

export function loadConfig(env: Env = process.env, options: LoadOptions = {}): LoadedConfig {
  const generateSecrets = options.generateSecrets ?? true;
  const reader = new EnvReader(env);
  const warnings: string[] = [];
  const nodeEnv = reader.string('NODE_ENV', 'development')!;
  const isProduction = nodeEnv === 'production';
  const dataDir = path.resolve(reader.string('DATA_DIR', './data')!);

  const databaseUrl = reader.string('DATABASE_URL');
  if (databaseUrl !== undefined && !/^(postgres(ql)?:\/\/|memory:\/\/)/.test(databaseUrl)) {
    reader.problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  const cfClientId = reader.string('CF_CLIENT_ID');
  const cfClientSecret = reader.string('CF_CLIENT_SECRET');
  if ((cfClientId === undefined) !== (cfClientSecret === undefined)) {
    reader.problems.push('CF_CLIENT_ID and CF_CLIENT_SECRET must be set together');
  }
  if (isProduction && cfClientId === undefined) {
    reader.problems.push(
      'CF_CLIENT_ID and CF_CLIENT_SECRET are required when NODE_ENV=production (the Cashfree simulator is for development only)',
    );
  }
  const cfSecureShareId = reader.string('CF_SECURE_SHARE_CLIENT_ID');
  const cfSecureShareSecret = reader.string('CF_SECURE_SHARE_CLIENT_SECRET');
  if ((cfSecureShareId === undefined) !== (cfSecureShareSecret === undefined)) {
    reader.problems.push('CF_SECURE_SHARE_CLIENT_ID and CF_SECURE_SHARE_CLIENT_SECRET must be set together');
  }
  const cfBaseUrl = reader.string('CF_BASE_URL');
  if (cfBaseUrl !== undefined && !/^https?:\/\//.test(cfBaseUrl)) {
    reader.problems.push('CF_BASE_URL must be an http(s) URL');
  }
  const cfPublicKeyPath = reader.string('CF_PUBLIC_KEY_PATH');
  if (cfPublicKeyPath !== undefined && !existsSync(cfPublicKeyPath)) {
    reader.problems.push(`CF_PUBLIC_KEY_PATH points to a file that does not exist: ${cfPublicKeyPath}`);
  }

  const redisUrl = reader.string('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    reader.problems.push('REDIS_URL must start with redis:// or rediss://');
  }

  const webhookUrl = reader.string('WEBHOOK_URL');
  const webhookSecret = reader.string('WEBHOOK_SECRET');
  if (webhookUrl !== undefined && !/^https?:\/\//.test(webhookUrl))
    reader.problems.push('WEBHOOK_URL must be an http(s) URL');
  if (webhookUrl !== undefined && webhookSecret === undefined) {
    reader.problems.push(
      'WEBHOOK_SECRET is required with WEBHOOK_URL (a whsec_ secret, e.g. whsec_ + 32 random bytes in base64)',
    );
  }
  if (webhookSecret !== undefined && !/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(webhookSecret)) {
    reader.problems.push('WEBHOOK_SECRET must be whsec_ followed by at least 24 random bytes in base64');
  }

  if (reader.string('ACCOUNT_LOCK_WINDOW') !== undefined) {
    warnings.push(
      'ACCOUNT_LOCK_WINDOW is no longer read: see LOGIN_FAILURE_WINDOW and ACCOUNT_FAILURE_WINDOW (docs/security.md)',
    );
  }
  if (isProduction && reader.string('TRUST_PROXY') === 'true') {
    warnings.push(
      'TRUST_PROXY=true believes any X-Forwarded-For, so clients can choose their address and dodge login throttling: set the proxy hop count or addresses',
    );
  }

  const smtpUrl = reader.string('SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl))
    reader.problems.push('SMTP_URL must start with smtp:// or smtps://');
  const smsWebhookUrl = reader.string('SMS_WEBHOOK_URL');
  const smsWebhookSecret = reader.string('SMS_WEBHOOK_SECRET');
  if (smsWebhookUrl !== undefined && !/^https?:\/\//.test(smsWebhookUrl))
    reader.problems.push('SMS_WEBHOOK_URL must be an http(s) URL');
  if (smsWebhookUrl !== undefined && smsWebhookSecret === undefined)
    reader.problems.push(
      'SMS_WEBHOOK_SECRET is required with SMS_WEBHOOK_URL (a whsec_ secret, as WEBHOOK_SECRET)',
    );
  if (smsWebhookSecret !== undefined && !/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(smsWebhookSecret))
    reader.problems.push('SMS_WEBHOOK_SECRET must be whsec_ followed by at least 24 random bytes in base64');
  const digilockerRedirectUrl = reader.string('DIGILOCKER_REDIRECT_URL');
  if (digilockerRedirectUrl !== undefined && !/^https?:\/\/[^/]+/.test(digilockerRedirectUrl))
    reader.problems.push('DIGILOCKER_REDIRECT_URL must be an http(s) URL');
  const port = reader.integer('PORT', 8081, 0, 65535);
  const publicUrl = reader.string('PUBLIC_URL');
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl))
    reader.problems.push('PUBLIC_URL must be an http(s) URL');
  if (isProduction) {
    // Password reset, email verification and staff invites send email; mobile verification sends SMS.
    if (smtpUrl === undefined)
      reader.problems.push(
        'SMTP_URL is required when NODE_ENV=production (password reset, email verification and staff invites send email)',
      );
    if (reader.string('MAIL_FROM') === undefined)
      reader.problems.push('MAIL_FROM is required when NODE_ENV=production (e.g. "Acme KYC <kyc@acme.in>")');
    if (smsWebhookUrl === undefined)
      reader.problems.push(
        'SMS_WEBHOOK_URL is required when NODE_ENV=production (mobile verification sends SMS)',
      );
    if (publicUrl === undefined)
      reader.problems.push(
        'PUBLIC_URL is required when NODE_ENV=production (the links in emails point there)',
      );
  }

  // Read where passwords are hashed (passwordHashThreads); checked here so a wrong value stops the start.
  readPasswordHashThreads(reader);
  const benchmarkMode = reader.boolean('BENCHMARK_MODE', false);
  if (benchmarkMode && isProduction) {
    reader.problems.push('BENCHMARK_MODE lifts rate limits and is refused when NODE_ENV=production');
  }

  const config: Config = {
    nodeEnv,
    isProduction,
    port,
    host: reader.string('HOST', '0.0.0.0')!,
    dataDir,
    databaseUrl,
    dbConnectTimeoutMs: reader.integer('DB_CONNECT_TIMEOUT_MS', 3000, 100, 60000),
    dbStatementTimeoutMs: reader.integer('DB_STATEMENT_TIMEOUT_MS', 5000, 100, 600000),
    dbPoolMax: reader.integer('DB_POOL_MAX', 10, 1, 200),
    sessionSecret: resolveSecret(reader, 'SESSION_SECRET', dataDir, isProduction, warnings, generateSecrets),
    kycSecret: resolveSecret(reader, 'KYC_SECRET', dataDir, isProduction, warnings, generateSecrets),
    kycSecretPrevious: reader.string('KYC_SECRET_PREVIOUS'),
    cashfree: {
      clientId: cfClientId,
      clientSecret: cfClientSecret,
      secureShare:
        cfSecureShareId !== undefined && cfSecureShareSecret !== undefined
          ? { clientId: cfSecureShareId, clientSecret: cfSecureShareSecret }
          : undefined,
      env: reader.oneOf('CF_ENV', ['sandbox', 'production'] as const, 'sandbox'),
      baseUrl: cfBaseUrl,
      publicKeyPath: cfPublicKeyPath,
      // A fixed address a newcomer can find; tests run many at once, so they take free ports.
      simulatorPort: reader.integer('SIMULATOR_PORT', nodeEnv === 'test' ? 0 : 8082, 0, 65535),
      simulatorRateLimitPerMinute: reader.integer('SIMULATOR_RATE_LIMIT_PER_MINUTE', 100, 0, 1_000_000),
    },
    redisUrl,
    corsOrigins: (reader.string('CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    linkRedirectOrigins: linkRedirectOrigins(reader),
    digilockerRedirectUrl,
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: reader.oneOf(
      'LOG_FORMAT',
      ['pretty', 'json'] as const,
      nodeEnv === 'development' ? 'pretty' : 'json',
    ),
    rootPage: reader.oneOf('ROOT_PAGE', ['links', 'docs', 'none'] as const, isProduction ? 'docs' : 'links'),
    trustProxy: parseTrustProxy(reader.string('TRUST_PROXY')),
    accessTokenTtlSeconds: reader.duration('ACCESS_TOKEN_TTL', 900, 60, 86400),
    sessionCacheSeconds: reader.duration('SESSION_CACHE_TTL', 30, 0, 300),
    refreshTokenTtlSeconds: reader.duration('REFRESH_TOKEN_TTL', 30 * 86400, 3600, 90 * 86400),
    staffMfa: reader.oneOf('STAFF_MFA', ['required', 'optional'] as const, 'required'),
    reviewSlaHours: reader.integer('REVIEW_SLA_HOURS', 24, 1, 24 * 30),
    privacy: {
      retentionYears: reader.integer('RETENTION_YEARS', 8, 1, 30),
      draftRetentionDays: reader.integer('DRAFT_RETENTION_DAYS', 365, 30, 3650),
      exportsPerDay: reader.integer('EXPORTS_PER_DAY', 10, 1, 1000),
      zipInlineMaxBytes: reader.integer(
        'EXPORT_ZIP_INLINE_MAX_BYTES',
        64 * 1024 * 1024,
        0,
        256 * 1024 * 1024,
      ),
    },
    bodyLimitBytes: reader.integer('BODY_LIMIT_BYTES', 8 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    rateLimits: {
      globalPerMinute: reader.integer('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      loginPerIpPerMinute: reader.integer('LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 100_000),
      registerPerIpPerHour: reader.integer('REGISTER_RATE_LIMIT_PER_HOUR', 10, 1, 100_000),
      loginFailuresPerAddress: reader.integer('LOGIN_FAILURES_PER_ADDRESS', 5, 1, 100),
      loginFailureWindowSeconds: reader.duration('LOGIN_FAILURE_WINDOW', 900, 10, 86400),
      loginFailuresPerAccount: reader.integer('LOGIN_FAILURES_PER_ACCOUNT', 50, 1, 100_000),
      accountFailureWindowSeconds: reader.duration('ACCOUNT_FAILURE_WINDOW', 3600, 60, 7 * 86400),
    },
    verification: {
      livelinessMinScore: reader.fraction('LIVELINESS_MIN_SCORE', 0.7),
      livelinessDailyLimit: reader.integer('LIVELINESS_DAILY_LIMIT', 10, 1, 10_000),
      livelinessStrict: reader.boolean('LIVELINESS_STRICT', true),
      faceMatchMinScore: reader.fraction('FACE_MATCH_MIN_SCORE', 0.75),
      nameMatchPass: reader.list(
        'NAME_MATCH_PASS',
        ['DIRECT_MATCH', 'GOOD_PARTIAL_MATCH'],
        NAME_MATCH_RESULTS,
      ),
      nameMatchReview: reader.list(
        'NAME_MATCH_REVIEW',
        ['MODERATE_PARTIAL_MATCH', 'POOR_PARTIAL_MATCH'],
        NAME_MATCH_RESULTS,
      ),
      providerTimeoutMs: reader.integer('CF_TIMEOUT_MS', 15_000, 500, 120_000),
    },
    webhook: {
      url: webhookUrl,
      secret: webhookSecret,
      timeoutMs: reader.integer('WEBHOOK_TIMEOUT_MS', 10_000, 500, 60_000),
    },
    messaging: {
      smtpUrl,
      mailFrom: reader.string('MAIL_FROM', 'Pehchan <no-reply@localhost>')!,
      smsWebhookUrl,
      smsWebhookSecret,
      smsTimeoutMs: reader.integer('SMS_TIMEOUT_MS', 10_000, 500, 60_000),
      brandName: reader.string('BRAND_NAME', 'Pehchan')!,
      // Outside production (where it is required) the links lead back to this server's own port.
      publicUrl: (publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    },
    accounts: {
      requireVerifiedContacts: reader.boolean('KYC_REQUIRE_VERIFIED_CONTACTS', true),
      recoveryPerIpPerHour: reader.integer('RECOVERY_RATE_LIMIT_PER_HOUR', 20, 1, 100_000),
      recoveryPerAccountPerHour: reader.integer('RECOVERY_RATE_LIMIT_PER_ACCOUNT', 5, 1, 1000),
    },
    profile: { maxNominees: reader.integer('MAX_NOMINEES', 3, 1, 10) },
    review: {
      fourEyes: reader.oneOf('REVIEW_FOUR_EYES', ['off', 'reject', 'approve', 'all'] as const, 'off'),
    },
    benchmarkMode,
    jobs: { enabled: reader.boolean('JOBS_ENABLED', true) },
    esign: {
      enabled: reader.boolean('ESIGN_ENABLED', true),
      expiryDays: reader.integer('ESIGN_EXPIRY_DAYS', 7, 1, 15),
    },
  };

  if (reader.problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${reader.problems.join('\n  - ')}`);
  }
  return { config, warnings };
}
