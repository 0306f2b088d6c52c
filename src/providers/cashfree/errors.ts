import { AppError, providerUnavailable } from '../../lib/errors.js';

interface CashfreeErrorOptions {
  status?: number;
  type?: string;
  /** Cashfree's `reference_id` when the error body carries one (BAV 422 answers do). */
  referenceId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A call to Cashfree that did not produce a result. Business outcomes (`INVALID`,
 * `FACE_NOT_DETECTED`, …) are results, never errors.
 *
 * - `retryable`: trying again later may succeed (429, 5xx, network failures, timeouts, and our
 *   own configuration once it is fixed).
 * - `outcomeUnknown`: the request may have reached Cashfree and been processed (charged), so it
 *   must not simply be sent again; the client reconciles or records it as indeterminate.
 */
export class CashfreeError extends Error {
  readonly code: string;
  readonly status?: number;
  readonly type?: string;
  readonly referenceId?: string;
  readonly retryAfterMs?: number;
  readonly retryable: boolean = false;
  readonly outcomeUnknown: boolean = false;

  constructor(code: string, message: string, options: CashfreeErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.type !== undefined) this.type = options.type;
    if (options.referenceId !== undefined) this.referenceId = options.referenceId;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Our configuration is wrong, not the applicant's data: 401/403 (credentials, signature, IP
 * whitelist) and a 400 about one of our headers (`x-client-secret_value_invalid`, a test secret on
 * the production host). Retryable: the same call succeeds once an operator fixes it.
 */
export class CashfreeAuthError extends CashfreeError {
  override readonly retryable = true;
}

/** Codes of 400 answers about the headers we send, e.g. `x-client-secret_value_invalid`. */
const HEADER_CODE = /^x-(client-id|client-secret|api-version|cf-signature)_/;

/** 400/404/413/422: Cashfree refused the request as sent; sending it again cannot help. */
export class CashfreeValidationError extends CashfreeError {}

/** 409: the verification id (or BAV user_id) was already used; Cashfree did not charge again. */
export class CashfreeDuplicateError extends CashfreeError {}

/** 429: Cashfree refused before processing, so the same request may be sent again later. */
export class CashfreeRateLimitError extends CashfreeError {
  override readonly retryable = true;
}

/** 5xx: Cashfree may or may not have processed the request. */
export class CashfreeServerError extends CashfreeError {
  override readonly retryable = true;
  override readonly outcomeUnknown = true;
}

/** No HTTP answer. `requestSent` says whether the request may have left this process. */
export class CashfreeNetworkError extends CashfreeError {
  override readonly retryable = true;
  override readonly outcomeUnknown: boolean;
  constructor(code: string, message: string, requestSent: boolean, options: CashfreeErrorOptions = {}) {
    super(code, message, options);
    this.outcomeUnknown = requestSent;
  }
}

/** No answer within the timeout; the request may have been processed. */
export class CashfreeTimeoutError extends CashfreeNetworkError {
  constructor(timeoutMs: number, options: CashfreeErrorOptions = {}) {
    super('timeout', `Cashfree did not answer within ${timeoutMs} ms`, true, options);
  }
}

/** A 2xx answer that does not match the documented schema: processed, result unreadable. */
export class CashfreeInvalidResponseError extends CashfreeError {
  override readonly outcomeUnknown = true;
}

/** The circuit breaker is open: nothing was sent. */
export class CashfreeCircuitOpenError extends CashfreeError {
  override readonly retryable = true;
  constructor(retryAfterMs: number) {
    super('circuit_open', 'Cashfree is failing; calls are suspended for a while', { retryAfterMs });
  }
}

/** The request may have been processed but its result could not be learnt, even after a retry. */
export class CashfreeIndeterminateError extends CashfreeError {
  /** Every verification id used, in attempt order; each is recorded as `indeterminate`. */
  readonly verificationIds: readonly string[];
  constructor(verificationIds: readonly string[], cause: CashfreeError) {
    super('indeterminate', `The verification outcome is unknown (${cause.code})`, { cause });
    this.verificationIds = verificationIds;
  }
}

/**
 * Secure-Share refused an auth code that an earlier, unanswered send may have spent: the token it
 * produced is lost and the code cannot be exchanged again, so the customer has to consent again.
 */
export class CashfreeConsentLostError extends CashfreeError {
  constructor(cause: CashfreeError) {
    super('consent_lost', 'The auth code was spent by a send whose answer was lost', {
      cause,
      ...(cause.status !== undefined ? { status: cause.status } : {}),
    });
  }
}

/** Maps a Cashfree HTTP error answer to its error class. */
export function errorForStatus(
  status: number,
  code: string,
  message: string,
  options: Omit<CashfreeErrorOptions, 'status'> = {},
): CashfreeError {
  const withStatus = { ...options, status };
  if (status === 401 || status === 403 || (status === 400 && HEADER_CODE.test(code)))
    return new CashfreeAuthError(code, message, withStatus);
  if (status === 409) return new CashfreeDuplicateError(code, message, withStatus);
  if (status === 429) return new CashfreeRateLimitError(code, message, withStatus);
  if (status >= 500) return new CashfreeServerError(code, message, withStatus);
  return new CashfreeValidationError(code, message, withStatus);
}

/**
 * What a request handler answers when a Cashfree call failed. Provider trouble (circuit open,
 * outages, timeouts, unknown outcomes, credentials refused until an operator fixes them) is 503
 * `provider_unavailable` with a Retry-After; a refusal of what we sent (validation, duplicate id)
 * is our fault, so 502.
 */
export function cashfreeErrorToAppError(error: CashfreeError): AppError {
  if (
    error.retryable ||
    error instanceof CashfreeIndeterminateError ||
    error instanceof CashfreeInvalidResponseError
  ) {
    const retryAfterSeconds = error.retryAfterMs !== undefined ? Math.ceil(error.retryAfterMs / 1000) : 30;
    return providerUnavailable(Math.max(1, retryAfterSeconds));
  }
  return new AppError('provider_error', 'The verification provider refused the request', {
    cause: error,
  });
}
