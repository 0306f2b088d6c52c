/** One field-level problem inside a 400 answer: `field` is a JSON pointer such as `/bankDetails/1/ifscCode`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

/**
 * The only error type services throw for expected failures. The error handler turns it into
 * RFC 9457 problem+json with the stable `code`; anything else becomes a 500 with no details.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    if (options.errors) this.errors = options.errors;
    if (options.headers) this.headers = options.headers;
  }
}

export const validationFailed = (errors: FieldError[], message = 'One or more fields are invalid.') =>
  new AppError(400, 'validation_failed', message, { errors });

export const fieldError = (field: string, code: string, message: string) =>
  validationFailed([{ field, code, message }]);

export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);

export const conflict = (code: string, message: string) => new AppError(409, code, message);

export const forbidden = (message = 'Forbidden', code = 'forbidden') => new AppError(403, code, message);

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'Too many requests, try again later', {
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });

export const serviceUnavailable = (message = 'Service temporarily unavailable', retryAfterSeconds = 5) =>
  new AppError(503, 'service_unavailable', message, {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });

export const providerUnavailable = (retryAfterSeconds = 30) =>
  new AppError(503, 'provider_unavailable', 'The verification provider is unavailable, try again later', {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
