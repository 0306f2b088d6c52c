/**
 * Retry-After (RFC 9110 §10.2.3) as whole seconds from `now`: delta-seconds or an HTTP date; undefined when
 * the answer had none or it cannot be read.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // Date.parse reads almost anything ("-5" is a year); an HTTP date always ends in GMT.
  const at = value.endsWith('GMT') ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The problem codes whose answers say when to try again, with the sentence each starts with. */
export const WAITING_CODES = {
  service_unavailable: 'service_busy',
  provider_unavailable: 'provider_busy',
  rate_limited: 'too_many_attempts',
} as const;

export type Wait =
  | { key: 'retry_in_seconds' }
  | { key: 'retry_in_a_minute' }
  | { key: 'retry_in_minutes'; minutes: number }
  | { key: 'retry_in_hours'; hours: number };

/** How long to tell a person to wait, rounded up to what they can act on: never "in 0 minutes" or "in 1,440". */
export function waitFor(seconds: number): Wait {
  if (seconds <= 10) return { key: 'retry_in_seconds' };
  if (seconds <= 60) return { key: 'retry_in_a_minute' };
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return { key: 'retry_in_minutes', minutes };
  return { key: 'retry_in_hours', hours: Math.ceil(minutes / 60) };
}
