import { constants, privateDecrypt, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { SimError, validationError } from './http.js';

export interface SimulatorCredentials {
  clientId: string;
  clientSecret: string;
}

/** What Cashfree checks from the headers alone, before it reads a body. */
export interface GuardOptions {
  /** Secure-Share has its own credential pair at Cashfree; by default the simulator accepts the main pair. */
  secureShare?: SimulatorCredentials;
  /** When set, every call must carry a valid `x-cf-signature` made with the matching public key. */
  signaturePrivateKeyPem?: string;
  /** `production` refuses test-environment secrets (`cfsk_ma_test_…`) as api.cashfree.com does. Default `sandbox`. */
  environment?: 'sandbox' | 'production';
  /** Calls a minute per client id and endpoint before 429 `rate_limit_error`; default 100, 0 for no limit. */
  rateLimitPerMinute?: number;
}

/**
 * - `client`: the merchant's `x-client-id` / `x-client-secret` (the 1-Click app's pair on the
 *   Secure-Share paths when one is configured);
 * - `bearer`: a Secure-Share access token and `x-api-version`, checked by the route itself;
 * - `none`: the simulator's own controls.
 */
export type RouteAuth = 'client' | 'bearer' | 'none';

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 100;
const RATE_WINDOW_MS = 60_000;
/** Signatures older or newer than this are refused, as Cashfree's payouts docs describe. */
const SIGNATURE_WINDOW_SECONDS = 300;
const API_VERSION = /^\d{4}-\d{2}-\d{2}$/;
/** Cashfree's test-environment secrets carry `_test_` after the product prefix. */
const TEST_SECRET = /^cfsk_[a-z]+_test_/;
/** Paths of the 1-Click onboarding API, called with the 1-Click app's credentials. */
const SECURE_SHARE_PATHS = /^\/(oauth2\/|user\/data-availability$|vault\/data-availability$)/;
/** Endpoints whose reference marks `x-api-version` required. */
const VERSION_REQUIRED = /^\/(oauth2\/|user\/|vault\/|face-liveness$)/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function signatureIsValid(signature: string | undefined, clientId: string, privateKeyPem: string): boolean {
  if (!signature) return false;
  try {
    const plain = privateDecrypt(
      { key: privateKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from(signature, 'base64'),
    ).toString('utf8');
    const [id, epoch] = plain.split('.');
    return id === clientId && Math.abs(Date.now() / 1000 - Number(epoch)) <= SIGNATURE_WINDOW_SECONDS;
  } catch {
    return false;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Calls per client id and endpoint in the current minute (a fixed window, as simple gateways count). */
class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; calls: number }>();

  constructor(private readonly perMinute: number) {}

  /** `true` when this call is over the limit. */
  exceeded(key: string, now = Date.now()): boolean {
    if (this.perMinute <= 0) return false;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= RATE_WINDOW_MS) {
      window = { startedAt: now, calls: 0 };
      this.windows.set(key, window);
    }
    window.calls += 1;
    return window.calls > this.perMinute;
  }
}

const authenticationFailed = () =>
  new SimError(
    401,
    'authentication_error',
    'authentication_failed',
    'Invalid clientId and clientSecret combination',
  );

/**
 * Cashfree checks the headers before the body: missing ones are 400, a test secret on the
 * production host 400, wrong ones 401, a missing signature (without IP whitelisting) 403, and
 * too many calls 429. Returns the refusal, or `undefined` when the call may proceed.
 */
export function createGuard(
  credentials: SimulatorCredentials,
  options: GuardOptions,
): (request: FastifyRequest, auth: RouteAuth, path: string) => SimError | undefined {
  const limiter = new RateLimiter(options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE);

  const checkVersion = (request: FastifyRequest, path: string): SimError | undefined => {
    const version = header(request, 'x-api-version');
    if (version === undefined && VERSION_REQUIRED.test(path)) {
      return validationError('x-api-version_missing', 'x-api-version is missing in the request.');
    }
    if (version !== undefined && !API_VERSION.test(version)) {
      return validationError('x-api-version_value_invalid', 'x-api-version should be of type YYYY-MM-DD.');
    }
    return undefined;
  };

  return (request, auth, path) => {
    if (auth === 'none') return undefined;
    if (auth === 'bearer') return checkVersion(request, path);
    const clientId = header(request, 'x-client-id');
    if (!clientId) return validationError('x-client-id_missing', 'x-client-id is missing in the request.');
    const clientSecret = header(request, 'x-client-secret');
    if (!clientSecret)
      return validationError('x-client-secret_missing', 'x-client-secret is missing in the request.');
    if (options.environment === 'production' && TEST_SECRET.test(clientSecret)) {
      return validationError('x-client-secret_value_invalid', 'Client secret belongs to test environment');
    }
    const expected = SECURE_SHARE_PATHS.test(path) && options.secureShare ? options.secureShare : credentials;
    if (!sameSecret(clientId, expected.clientId) || !sameSecret(clientSecret, expected.clientSecret)) {
      return authenticationFailed();
    }
    const versionProblem = checkVersion(request, path);
    if (versionProblem) return versionProblem;
    if (
      options.signaturePrivateKeyPem &&
      !signatureIsValid(header(request, 'x-cf-signature'), expected.clientId, options.signaturePrivateKeyPem)
    ) {
      return new SimError(
        403,
        'authentication_error',
        'ip_validation_failed',
        `IP not whitelisted your current ip is ${request.ip}.For IP whitelisting assistance, visit our guide at https://www.cashfree.com/docs/secure-id/get-started/integration/ip-whitelisting-verification`,
      );
    }
    if (limiter.exceeded(`${clientId} ${request.method} ${path}`)) {
      return new SimError(
        429,
        'rate_limit_error',
        'too_many_requests_per_operation',
        'Too many requests for this operation, rate limit reached',
      );
    }
    return undefined;
  };
}
