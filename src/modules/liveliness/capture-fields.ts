import type { FieldError } from '../../lib/errors.js';
import { validationFailed } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import type { CaptureLocation } from './ipv-service.js';

/** The text fields a selfie upload may carry besides `image` (all optional: v1 clients send none). */
export const CAPTURE_FIELDS = ['challengeId', 'latitude', 'longitude', 'accuracy', 'capturedAt'] as const;
export type CaptureField = (typeof CAPTURE_FIELDS)[number];

const DECIMAL = /^-?\d{1,3}(\.\d{1,12})?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface CaptureFields {
  challengeId?: string;
  location?: CaptureLocation;
  capturedAt?: Date;
}

/** Validates the capture fields; every bad one is named in one 400. */
export function parseCaptureFields(fields: Partial<Record<CaptureField, string>>): CaptureFields {
  const errors: FieldError[] = [];
  const invalid = (field: CaptureField, message: string) =>
    errors.push({ field: `/${field}`, code: 'invalid', message });
  const coordinate = (field: 'latitude' | 'longitude', limit: number) => {
    const raw = fields[field]?.trim();
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!DECIMAL.test(raw) || Math.abs(value) > limit) {
      invalid(field, `must be a decimal number from -${limit} to ${limit}`);
      return undefined;
    }
    return value;
  };
  const parsed: CaptureFields = {};

  if (fields.challengeId !== undefined) {
    if (isUuid(fields.challengeId)) parsed.challengeId = fields.challengeId;
    else invalid('challengeId', 'must be the challengeId of POST /v1/ipv/challenge');
  }
  const latitude = coordinate('latitude', 90);
  const longitude = coordinate('longitude', 180);
  for (const [field, other] of [
    ['latitude', 'longitude'],
    ['longitude', 'latitude'],
  ] as const) {
    if (fields[field] === undefined && fields[other] !== undefined)
      errors.push({ field: `/${field}`, code: 'required', message: `is required with ${other}` });
  }
  let accuracy: number | null = null;
  if (fields.accuracy !== undefined) {
    accuracy = Number(fields.accuracy.trim());
    if (fields.accuracy.trim() === '' || !Number.isFinite(accuracy) || accuracy < 0 || accuracy > 1_000_000)
      invalid('accuracy', 'must be a distance in metres from 0 to 1000000');
    if (fields.latitude === undefined)
      errors.push({ field: '/latitude', code: 'required', message: 'is required with accuracy' });
  }
  if (latitude !== undefined && longitude !== undefined) parsed.location = { latitude, longitude, accuracy };
  if (fields.capturedAt !== undefined) {
    const at = new Date(fields.capturedAt);
    if (!ISO_DATE_TIME.test(fields.capturedAt) || Number.isNaN(at.getTime()))
      invalid('capturedAt', 'must be an RFC 3339 date-time with an offset, e.g. 2026-12-03T10:15:00Z');
    else parsed.capturedAt = at;
  }
  if (errors.length > 0) throw validationFailed(errors);
  return parsed;
}
