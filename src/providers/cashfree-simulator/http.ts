import type { FastifyRequest } from 'fastify';
import type { CallRecord, SimulatorState } from './state.js';
import type { SimulatorWebhooks } from './webhooks.js';

/** What route modules share. */
export interface SimulatorContext {
  state: SimulatorState;
  /** How long an async bank verification stays `RECEIVED` before its result shows. */
  bankAsyncSettleMs: number;
  /** How long a DigiLocker consent link stays usable. */
  digilockerLinkTtlMs: number;
  /** Cashfree's webhooks about asynchronous verifications (e-sign). */
  webhooks: SimulatorWebhooks;
}

/** An answer in Cashfree's error format: `{type, code, message, error?}`. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }

  toBody(): Record<string, unknown> {
    return {
      type: this.type,
      code: this.code,
      message: this.message,
      ...(this.extra ? { error: this.extra } : {}),
    };
  }
}

export const validationError = (code: string, message: string, status = 400) =>
  new SimError(status, 'validation_error', code, message);

export const missing = (field: string) =>
  validationError(`${field}_missing`, `${field} is missing in the request.`);

export const duplicateVerificationId = () =>
  new SimError(409, 'validation_error', 'verification_id_already_exists', 'verification id already exists');

export interface SimAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

export type RouteHandler = (request: FastifyRequest, call: CallRecord) => Promise<SimAnswer>;

export type DefineRoute = (method: 'GET' | 'POST', path: string, handler: RouteHandler) => void;

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  return (request.query ?? {}) as Record<string, string | undefined>;
}

/** A string field, or `undefined` when absent; other types count as invalid strings. */
export function stringField(source: Record<string, unknown>, field: string): string | undefined {
  const value = source[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function requiredString(source: Record<string, unknown>, field: string): string {
  const value = stringField(source, field);
  if (value === undefined || value === '') throw missing(field);
  return value;
}

const VERIFICATION_ID = /^[A-Za-z0-9._-]+$/;

/** Cashfree's checks on a caller-chosen `verification_id`, in its own words. */
export function verificationIdOf(source: Record<string, unknown>): string {
  const id = requiredString(source, 'verification_id');
  if (id.length > 50) {
    throw validationError(
      'verification_id_length_exceeded',
      'verification_id can include a maximum of 50 characters.',
    );
  }
  if (!VERIFICATION_ID.test(id)) {
    throw validationError(
      'verification_id_value_invalid',
      'verification_id can include only alphanum, dot, hyphen and underscores.',
    );
  }
  return id;
}

/** `2024-12-31T23:59:59Z`, the timestamp format Cashfree uses for expiries. */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
