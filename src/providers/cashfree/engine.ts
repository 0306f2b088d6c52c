import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import {
  CashfreeAuthError,
  CashfreeCircuitOpenError,
  CashfreeDuplicateError,
  CashfreeError,
  CashfreeIndeterminateError,
  CashfreeInvalidResponseError,
  CashfreeNetworkError,
  CashfreeValidationError,
  errorForStatus,
} from './errors.js';
import {
  NO_OP_RECORDER,
  newVerificationId,
  retryVerificationId,
  type VerificationKind,
  type VerificationRecorder,
  type VerificationStatus,
} from './recorder.js';
import { redact } from './redact.js';
import { ErrorBody } from './schemas.js';
import {
  CashfreeTransport,
  type ClientCredentials,
  type CashfreeLogger,
  type CashfreeRequest,
  type CashfreeResponse,
} from './transport.js';

/*
 * The machinery every Cashfree endpoint shares: recording, retries, reconciliation of lost
 * answers, the circuit breaker and reading answers against their schemas. The endpoint families
 * (endpoints/*.ts) describe each call as a `VerificationSpec` or a plain read.
 */

/** Pinned so answers keep the shape the schemas expect (PAN needs > 2022-09-12 for seeding status). */
export const DEFAULT_API_VERSION = '2024-12-01';

export interface CashfreeClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The Secure-Share / 1-Click app's own pair, for `/user/data-availability` and `/oauth2/*`; default the main pair. */
  secureShare?: ClientCredentials;
  apiVersion?: string;
  /** Cashfree's 2FA public key (PEM); when set every request carries a fresh `x-cf-signature`. */
  publicKeyPem?: string;
  /** Total time for one HTTP exchange, body included. Default 15 s. */
  timeoutMs?: number;
  /** How many times a request that certainly was not processed (429, refused connection), or a read, is sent again. Default 2. */
  retries?: number;
  /** Exponential backoff with full jitter between tries. Defaults 250 ms base, 5 s cap. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Consecutive 5xx/network failures that open the circuit (default 5), and how long it stays open (default 30 s). */
  breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
  recorder?: VerificationRecorder;
  logger?: CashfreeLogger;
}

/** What `/health/ready` shows about Cashfree. */
export interface ProviderHealth {
  /** `unhealthy` while Cashfree refuses our configuration or the circuit is open. */
  status: 'healthy' | 'unhealthy';
  circuit: 'closed' | 'open' | 'half-open' | 'isolated';
  /** Cashfree refused our credentials or headers, and has accepted no call since. */
  refusal?: { code: string; httpStatus: number; since: string };
}

export interface CallContext {
  /** Our user the verification is for, passed to the recorder. */
  userId?: string;
  signal?: AbortSignal;
}

/** A verification Cashfree answered. `verificationId` is the id of the attempt that produced `data`. */
export interface Verified<T> {
  verificationId: string;
  attempt: number;
  data: T;
}

export interface Summary {
  referenceId?: string;
  score?: number;
  outcome?: string;
}

export interface Prepared {
  request: CashfreeRequest;
  /** What the recorder stores about the request, before redaction. */
  record: Record<string, unknown>;
}

export type Ambiguity<T> =
  /** No lookup by our id: at most one more attempt under a new id, recorded as attempt 2. */
  | { kind: 'new-id' }
  /** Cashfree can be asked about our id: `undefined` means it never got the request. */
  | { kind: 'reconcile'; lookup: (verificationId: string, signal?: AbortSignal) => Promise<T | undefined> };

export interface VerificationSpec<S extends TSchema, T = Static<S>> {
  kind: VerificationKind;
  idPrefix: string;
  verificationId?: string;
  schema: S;
  build: (verificationId: string) => Prepared;
  ambiguity: Ambiguity<T>;
  summarize: (data: T) => Summary;
}

type AttemptResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: CashfreeError; status: VerificationStatus; mayRetryWithNewId: boolean };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function referenceOf(value: unknown): string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
}

/** Scores arrive as 0–1 numbers or as "90.00"-style percentages; the recorder stores 0–1. */
export function normalizedScore(value: unknown): number | undefined {
  const score = typeof value === 'string' ? Number(value) : value;
  if (typeof score !== 'number' || !Number.isFinite(score)) return undefined;
  return score > 1 ? score / 100 : score;
}

function isNotFound(error: unknown): boolean {
  return error instanceof CashfreeValidationError && error.status === 404;
}

/** One per client configuration; it holds its own circuit breaker and nothing global. */
export class CashfreeEngine {
  private readonly transport: CashfreeTransport;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly recorder: VerificationRecorder;
  private readonly retries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly halfOpenAfterMs: number;
  private openedAt: number | undefined;
  private refusal: { code: string; httpStatus: number; since: string } | undefined;
  private readonly logger: CashfreeLogger | undefined;

  constructor(options: CashfreeClientOptions) {
    this.transport = new CashfreeTransport({
      baseUrl: options.baseUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      ...(options.secureShare ? { secureShare: options.secureShare } : {}),
      apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
      timeoutMs: options.timeoutMs ?? 15_000,
      ...(options.publicKeyPem ? { publicKeyPem: options.publicKeyPem } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.recorder = options.recorder ?? NO_OP_RECORDER;
    this.logger = options.logger;
    this.retries = options.retries ?? 2;
    this.backoffBaseMs = options.backoff?.baseMs ?? 250;
    this.backoffMaxMs = options.backoff?.maxMs ?? 5_000;
    this.halfOpenAfterMs = options.breaker?.halfOpenAfterMs ?? 30_000;
    const providerFailure = handleWhen(
      (error) => error instanceof CashfreeNetworkError && error.code !== 'aborted',
    ).orWhenResult((response) => (response as CashfreeResponse).status >= 500);
    this.breaker = circuitBreaker(providerFailure, {
      halfOpenAfter: this.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breaker?.consecutiveFailures ?? 5),
    });
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
    });
    this.breaker.onReset(() => {
      this.openedAt = undefined;
    });
  }

  /** `closed`, `open` (answering fast), `half-open` (one probe allowed) or `isolated`. */
  get circuitState(): 'closed' | 'open' | 'half-open' | 'isolated' {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Isolated:
        return 'isolated';
      default:
        return 'open';
    }
  }

  get health(): ProviderHealth {
    const circuit = this.circuitState;
    return {
      status: this.refusal || circuit === 'open' || circuit === 'isolated' ? 'unhealthy' : 'healthy',
      circuit,
      ...(this.refusal ? { refusal: { ...this.refusal } } : {}),
    };
  }

  json(path: string, body: Record<string, unknown>, auth?: CashfreeRequest['auth']): Prepared {
    const json = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    return { request: { method: 'POST', path, json, ...(auth ? { auth } : {}) }, record: json };
  }

  get(path: string, query: Record<string, string>, auth?: CashfreeRequest['auth']): CashfreeRequest {
    return { method: 'GET', path, query, ...(auth ? { auth } : {}) };
  }

  /**
   * Records, sends and settles one verification. Requests that certainly were not processed
   * are sent again under the same id; a request whose outcome is unknown is reconciled through
   * the lookup when there is one, otherwise retried once under a new id (attempt 2), otherwise
   * recorded as `indeterminate`. Every started record is finished before this returns.
   */
  async verify<S extends TSchema, T = Static<S>>(
    spec: VerificationSpec<S, T>,
    ctx: CallContext,
  ): Promise<Verified<T>> {
    this.assertCircuitAcceptsCalls();
    const usedIds: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const verificationId =
        attempt === 1
          ? spec.verificationId || newVerificationId(spec.idPrefix)
          : retryVerificationId(usedIds[0]!, attempt, spec.idPrefix);
      usedIds.push(verificationId);
      const prepared = spec.build(verificationId);
      await this.recorder.start({
        verificationId,
        userId: ctx.userId,
        kind: spec.kind,
        attempt,
        request: redact(prepared.record),
      });
      const result = await this.attempt(spec, verificationId, prepared.request, ctx.signal);
      if (result.ok) {
        await this.settle(
          verificationId,
          result.data as Record<string, unknown>,
          spec.summarize(result.data),
        );
        return { verificationId, attempt, data: result.data };
      }
      const { error, status } = result;
      await this.recorder.finish({
        verificationId,
        status,
        response: error.status !== undefined ? redact({ code: error.code, message: error.message }) : {},
        errorCode: error.code,
        ...(error.referenceId !== undefined ? { referenceId: error.referenceId } : {}),
      });
      if (status !== 'indeterminate') throw error;
      if (!result.mayRetryWithNewId || attempt >= 2 || ctx.signal?.aborted) {
        throw new CashfreeIndeterminateError(usedIds, error);
      }
      await sleep(this.backoffDelay(0, error.retryAfterMs), ctx.signal);
      this.assertCircuitAcceptsCalls();
    }
  }

  private async attempt<S extends TSchema, T>(
    spec: VerificationSpec<S, T>,
    verificationId: string,
    request: CashfreeRequest,
    signal: AbortSignal | undefined,
  ): Promise<AttemptResult<T>> {
    let resent = false;
    for (let resends = 0; ; resends++) {
      let error: unknown;
      try {
        return { ok: true, data: (await this.exchange(request, spec.schema, 'write', signal)) as T };
      } catch (caught) {
        error = caught;
      }
      if (!(error instanceof CashfreeError)) throw error;
      // A 409 on a resend means the earlier send was processed after all.
      const ambiguous = error.outcomeUnknown || (resent && error instanceof CashfreeDuplicateError);
      if (!ambiguous) {
        const refused = error.status !== undefined && error.status !== 429;
        return { ok: false, error, status: refused ? 'failed' : 'error', mayRetryWithNewId: false };
      }
      if (spec.ambiguity.kind === 'new-id') {
        return { ok: false, error, status: 'indeterminate', mayRetryWithNewId: error.retryable };
      }
      let found: T | undefined;
      try {
        found = await spec.ambiguity.lookup(verificationId, signal);
      } catch {
        return { ok: false, error, status: 'indeterminate', mayRetryWithNewId: false };
      }
      if (found !== undefined) return { ok: true, data: found };
      if (resends >= this.retries || signal?.aborted) {
        // The lookup says Cashfree never got it: nothing was processed.
        return { ok: false, error, status: 'error', mayRetryWithNewId: false };
      }
      // Safe to resend under the same id: Cashfree rejects a duplicate instead of charging twice.
      await sleep(this.backoffDelay(resends, error.retryAfterMs), signal);
      resent = true;
    }
  }

  async settle(verificationId: string, data: Record<string, unknown>, summary: Summary): Promise<void> {
    await this.recorder.finish({
      verificationId,
      status: 'success',
      response: redact(data),
      ...(summary.referenceId !== undefined ? { referenceId: summary.referenceId } : {}),
      ...(summary.score !== undefined ? { score: summary.score } : {}),
      ...(summary.outcome !== undefined ? { outcome: summary.outcome } : {}),
    });
  }

  /**
   * A read that may be repeated freely; fails fast while the circuit is open. `onResend` hears
   * of each resend after a lost answer, i.e. when an earlier send may have been processed.
   */
  read<S extends TSchema>(
    request: CashfreeRequest,
    schema: S,
    signal?: AbortSignal,
    onResend?: () => void,
  ): Promise<Static<S>> {
    this.assertCircuitAcceptsCalls();
    return this.exchange(request, schema, 'read', signal, onResend);
  }

  /** A status lookup by our id: `undefined` when Cashfree does not know it. */
  async lookup<S extends TSchema>(
    request: CashfreeRequest,
    schema: S,
    signal?: AbortSignal,
  ): Promise<Static<S> | undefined> {
    try {
      return await this.exchange(request, schema, 'read', signal);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Sends one request, repeating it only when that is safe: reads always, writes only when
   * Cashfree certainly did not process it (429, connection refused).
   */
  private async exchange<S extends TSchema>(
    request: CashfreeRequest,
    schema: S,
    mode: 'read' | 'write',
    signal?: AbortSignal,
    onResend?: () => void,
  ): Promise<Static<S>> {
    for (let retry = 0; ; retry++) {
      try {
        const data = this.interpret(await this.sendThroughBreaker(request, signal), schema);
        this.configurationAccepted();
        return data;
      } catch (error) {
        if (error instanceof CashfreeAuthError) {
          // Only an operator's fix helps: no resend now; the caller's job retries later.
          this.configurationRefused(error, request.path);
          throw error;
        }
        if (error instanceof CashfreeError && error.status !== undefined) {
          if (error.status < 500 && error.status !== 429) this.configurationAccepted();
        }
        if (
          !(error instanceof CashfreeError) ||
          !error.retryable ||
          error instanceof CashfreeCircuitOpenError
        )
          throw error;
        const safe = mode === 'read' || !error.outcomeUnknown;
        if (!safe || retry >= this.retries || signal?.aborted) throw error;
        await sleep(this.backoffDelay(retry, error.retryAfterMs), signal);
        if (error.outcomeUnknown) onResend?.();
      }
    }
  }

  private configurationRefused(error: CashfreeAuthError, path: string): void {
    if (this.refusal) return;
    this.refusal = { code: error.code, httpStatus: error.status ?? 0, since: new Date().toISOString() };
    this.logger?.error(
      { code: error.code, status: error.status, path },
      'Cashfree refuses our credentials or headers (CF_CLIENT_ID/CF_CLIENT_SECRET, the Secure-Share pair, CF_ENV, IP whitelist or signature key): KYC checks wait until it is fixed',
    );
  }

  private configurationAccepted(): void {
    if (!this.refusal) return;
    this.logger?.info({ refusedSince: this.refusal.since }, 'Cashfree accepts our credentials again');
    this.refusal = undefined;
  }

  private async sendThroughBreaker(
    request: CashfreeRequest,
    signal?: AbortSignal,
  ): Promise<CashfreeResponse> {
    try {
      return await this.breaker.execute(() => this.transport.send(request, signal));
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new CashfreeCircuitOpenError(this.circuitRemainingMs());
      throw error;
    }
  }

  private interpret<S extends TSchema>(response: CashfreeResponse, schema: S): Static<S> {
    const { status, body } = response;
    if (status === 200 || status === 201) {
      if (Value.Check(schema, body)) return body as Static<S>;
      throw new CashfreeInvalidResponseError(
        'invalid_response',
        'Cashfree answered with an unexpected body',
        {
          status,
        },
      );
    }
    const options = response.retryAfterMs !== undefined ? { retryAfterMs: response.retryAfterMs } : {};
    if (Value.Check(ErrorBody, body)) {
      const referenceId = referenceOf(body.error?.['reference_id'] ?? body.error?.['ref_id']);
      throw errorForStatus(status, body.code, body.message, {
        ...options,
        type: body.type,
        ...(referenceId !== undefined ? { referenceId } : {}),
      });
    }
    throw errorForStatus(status, `http_${status}`, `Cashfree answered HTTP ${status}`, options);
  }

  private assertCircuitAcceptsCalls(): void {
    const state = this.breaker.state;
    if (state === CircuitState.Isolated || (state === CircuitState.Open && this.circuitRemainingMs() > 0)) {
      throw new CashfreeCircuitOpenError(this.circuitRemainingMs());
    }
  }

  private circuitRemainingMs(): number {
    if (this.openedAt === undefined) return this.halfOpenAfterMs;
    return Math.max(0, this.openedAt + this.halfOpenAfterMs - Date.now());
  }

  /** Full jitter: uniformly random up to the exponential ceiling, but never sooner than Retry-After. */
  private backoffDelay(retry: number, retryAfterMs?: number): number {
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** retry);
    const jittered = Math.random() * ceiling;
    return retryAfterMs !== undefined
      ? Math.max(jittered, Math.min(retryAfterMs, this.backoffMaxMs))
      : jittered;
  }
}
