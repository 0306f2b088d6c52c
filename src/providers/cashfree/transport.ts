import { constants, publicEncrypt } from 'node:crypto';
import { CashfreeNetworkError, CashfreeTimeoutError } from './errors.js';

/** The subset of pino's logger the client uses; Fastify's `app.log` fits. */
export interface CashfreeLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface CashfreeRequest {
  method: 'GET' | 'POST';
  /** Path under the base URL, e.g. `/pan`. */
  path: string;
  query?: Record<string, string | undefined>;
  json?: Record<string, unknown>;
  form?: FormData;
  /**
   * Which credentials the request carries: the main pair (default), the Secure-Share / 1-Click
   * app's pair, or only a bearer token (Secure-Share user details).
   */
  auth?: 'main' | 'secure-share' | { bearer: string };
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface CashfreeResponse {
  status: number;
  /** Parsed JSON, or `undefined` when the body was empty or not JSON. */
  body: unknown;
  retryAfterMs?: number;
}

export interface TransportOptions extends ClientCredentials {
  baseUrl: string;
  /** The 1-Click app's own pair; the main pair when Cashfree issued none. */
  secureShare?: ClientCredentials;
  apiVersion: string;
  publicKeyPem?: string;
  timeoutMs: number;
  logger?: CashfreeLogger;
}

// Failures that happen before any byte of the request can have reached Cashfree.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
]);

function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * `x-cf-signature`: RSA-OAEP (SHA-1, as in Cashfree's OPENSSL_PKCS1_OAEP_PADDING sample) over
 * `clientId.epochSeconds`, base64. It embeds the time, so it is built afresh for every request.
 */
export function cashfreeSignature(clientId: string, publicKeyPem: string, now = Date.now()): string {
  const payload = Buffer.from(`${clientId}.${Math.floor(now / 1000)}`);
  return publicEncrypt(
    { key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    payload,
  ).toString('base64');
}

/** One HTTP exchange with Cashfree: headers, timeout, and failures mapped to typed errors. */
export class CashfreeTransport {
  constructor(private readonly options: TransportOptions) {}

  async send(request: CashfreeRequest, signal?: AbortSignal): Promise<CashfreeResponse> {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-api-version': this.options.apiVersion,
      ...this.authHeaders(request.auth ?? 'main'),
    };
    let body: string | FormData | undefined;
    if (request.json) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      body = request.form;
    }

    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
    const startedAt = performance.now();
    try {
      const response = await fetch(url, { method: request.method, headers, body, signal: combined });
      const text = await response.text();
      const result: CashfreeResponse = { status: response.status, body: parseJson(text) };
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
      this.options.logger?.debug(
        {
          method: request.method,
          path: request.path,
          status: response.status,
          durationMs: elapsed(startedAt),
        },
        'cashfree call',
      );
      return result;
    } catch (error) {
      const mapped = this.mapFailure(error, timeout, signal);
      this.options.logger?.warn(
        { method: request.method, path: request.path, code: mapped.code, durationMs: elapsed(startedAt) },
        'cashfree call failed',
      );
      throw mapped;
    }
  }

  private authHeaders(auth: NonNullable<CashfreeRequest['auth']>): Record<string, string> {
    if (typeof auth === 'object') return { authorization: `Bearer ${auth.bearer}` };
    const { clientId, clientSecret } =
      auth === 'secure-share' ? (this.options.secureShare ?? this.options) : this.options;
    return {
      'x-client-id': clientId,
      'x-client-secret': clientSecret,
      ...(this.options.publicKeyPem
        ? { 'x-cf-signature': cashfreeSignature(clientId, this.options.publicKeyPem) }
        : {}),
    };
  }

  private mapFailure(
    error: unknown,
    timeout: AbortSignal,
    signal: AbortSignal | undefined,
  ): CashfreeNetworkError {
    if (timeout.aborted) return new CashfreeTimeoutError(this.options.timeoutMs, { cause: error });
    if (signal?.aborted)
      return new CashfreeNetworkError('aborted', 'The call was cancelled', true, { cause: error });
    const code = errorCodeOf(error);
    const sent = code === undefined || !NOT_SENT_CODES.has(code);
    return new CashfreeNetworkError(
      'network_error',
      `Cashfree could not be reached (${code ?? 'unknown'})`,
      sent,
      { cause: error },
    );
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function elapsed(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
