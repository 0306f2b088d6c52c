/** One field-level problem inside a 400 answer: `field` is a JSON pointer such as `/bankDetails/1/ifscCode`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * Every error code the API answers with, the status it always has and its problem title. AppError, the OpenAPI
 * `Problem` component's `code` enum and the README's list of codes all come from here; call sites name a code.
 */
export const ERROR_CODES = {
  bad_request: { status: 400, title: 'Bad request' },
  invalid_json: { status: 400, title: 'Request body is not valid JSON' },
  validation_failed: { status: 400, title: 'One or more fields are invalid' },
  invalid_credentials: { status: 401, title: 'Wrong email or password' },
  invalid_token: { status: 401, title: 'Authentication required' },
  token_expired: { status: 401, title: 'Token expired' },
  invalid_signature: { status: 401, title: 'Webhook signature invalid' },
  stale_webhook: { status: 401, title: 'Webhook timestamp too old' },
  invalid_mfa_token: { status: 401, title: 'Sign-in step expired or invalid' },
  invalid_mfa_code: { status: 401, title: 'Second-factor code wrong, expired or used' },
  forbidden: { status: 403, title: 'Forbidden' },
  consent_required: { status: 403, title: 'Consent required' },
  mfa_required: { status: 403, title: 'Second factor required' },
  second_factor_required: { status: 403, title: 'Recent second-factor check required' },
  not_found: { status: 404, title: 'Not Found' },
  ifsc_not_found: { status: 404, title: 'IFSC not found' },
  link_not_found: { status: 404, title: 'KYC link not found' },
  request_timeout: { status: 408, title: 'Request timeout' },
  email_taken: { status: 409, title: 'Email already registered' },
  pan_already_registered: { status: 409, title: 'PAN already registered' },
  external_id_taken: { status: 409, title: 'External id already used' },
  version_conflict: { status: 409, title: 'Profile changed' },
  kyc_locked: { status: 409, title: 'KYC locked' },
  kyc_incomplete: { status: 409, title: 'KYC profile incomplete' },
  kyc_not_approved: { status: 409, title: 'KYC not approved' },
  case_already_decided: { status: 409, title: 'Case already decided' },
  case_not_rejected: { status: 409, title: 'Case not rejected' },
  case_read_only: { status: 409, title: 'Case is read-only' },
  proposal_pending: { status: 409, title: 'A proposed decision awaits confirmation' },
  no_proposal: { status: 409, title: 'No proposed decision' },
  four_eyes_same_reviewer: { status: 409, title: 'A different reviewer must confirm' },
  not_proposal_author: { status: 409, title: 'Not the author of the proposal' },
  template_name_taken: { status: 409, title: 'Template name already used' },
  case_not_awaiting_review: { status: 409, title: 'Case not awaiting review' },
  case_claimed: { status: 409, title: 'Case already claimed by another reviewer' },
  case_claimed_by_other: { status: 409, title: 'Case held by another reviewer' },
  session_completed: { status: 409, title: 'Session already completed' },
  session_expired: { status: 409, title: 'Session expired' },
  consent_again: { status: 409, title: 'Ask the customer to consent again' },
  prefill_unavailable: { status: 409, title: 'No prefill data' },
  request_in_progress: { status: 409, title: 'Request in progress' },
  mfa_already_enrolled: { status: 409, title: 'Second factor already enrolled' },
  contacts_unverified: { status: 409, title: 'Email or mobile not verified' },
  already_verified: { status: 409, title: 'Already verified' },
  export_not_ready: { status: 409, title: 'Export not ready' },
  investigation_hold_active: { status: 409, title: 'An investigation hold already runs' },
  hold_already_released: { status: 409, title: 'Hold already released' },
  own_account: { status: 409, title: 'Admins cannot change their own account' },
  mfa_enrollment_missing: { status: 409, title: 'Second factor not enrolled' },
  not_link_session: { status: 409, title: 'Session did not come from a KYC link' },
  links_not_configured: { status: 409, title: 'KYC links not configured' },
  link_used: { status: 410, title: 'KYC link already used' },
  link_expired: { status: 410, title: 'KYC link expired' },
  link_revoked: { status: 410, title: 'KYC link revoked' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  export_too_large: { status: 413, title: 'Export too large for one download' },
  uri_too_long: { status: 414, title: 'URI too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  idempotency_key_mismatch: { status: 422, title: 'Idempotency key reused with another request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  headers_too_large: { status: 431, title: 'Request headers too large' },
  internal_error: { status: 500, title: 'Internal server error' },
  provider_error: { status: 502, title: 'Verification provider refused the request' },
  provider_unavailable: { status: 503, title: 'Verification provider unavailable' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
type CodeWithStatus<S extends number> = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]['status'] extends S ? C : never;
}[ErrorCode];

/** The generic code for a status that only the framework raises (e.g. 404 for an unknown route). */
export function codeForStatus(status: number): ErrorCode {
  const generic: Record<number, ErrorCode> = {
    404: 'not_found',
    408: 'request_timeout',
    413: 'payload_too_large',
    414: 'uri_too_long',
    415: 'unsupported_media_type',
    431: 'headers_too_large',
  };
  return generic[status] ?? 'bad_request';
}

/**
 * The only error type services throw for expected failures. The error handler turns it into
 * RFC 9457 problem+json with the stable `code`; anything else becomes a 500 with no details.
 */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.title = ERROR_CODES[code].title;
    if (options.errors) this.errors = options.errors;
    if (options.headers) this.headers = options.headers;
  }
}

export const validationFailed = (errors: FieldError[], message = 'One or more fields are invalid.') =>
  new AppError('validation_failed', message, { errors });

export const fieldError = (field: string, code: string, message: string) =>
  validationFailed([{ field, code, message }]);

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);

export const conflict = (code: CodeWithStatus<409>, message: string) => new AppError(code, message);

export const forbidden = (message = 'Forbidden', code: CodeWithStatus<403> = 'forbidden') =>
  new AppError(code, message);

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 'Too many requests, try again later', {
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });

export const serviceUnavailable = (message = 'Service temporarily unavailable', retryAfterSeconds = 5) =>
  new AppError('service_unavailable', message, {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });

export const providerUnavailable = (retryAfterSeconds = 30) =>
  new AppError('provider_unavailable', 'The verification provider is unavailable, try again later', {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
