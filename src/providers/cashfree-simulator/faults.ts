import { Type, type Static } from 'typebox';

export const FaultSpec = Type.Object(
  {
    /**
     * Answer with this status and Cashfree's error body for it. 401 and 403 answer as Cashfree does
     * for refused credentials and an IP that is not whitelisted: a misconfiguration, not an outage.
     */
    status: Type.Optional(
      Type.Union([
        Type.Literal(401),
        Type.Literal(403),
        Type.Literal(429),
        Type.Literal(500),
        Type.Literal(502),
        Type.Literal(503),
        Type.Literal(504),
      ]),
    ),
    /** Destroy the socket without answering. */
    drop: Type.Optional(Type.Boolean()),
    /** Delay the answer by this much. */
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
    /** Affect only the next N matching calls; every call when absent. */
    times: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Chance (0–1) that a matching call is affected; 1 when absent. */
    probability: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /**
     * Process the request first (the verification happens and would be charged), then
     * misbehave: the caller cannot tell whether it was processed.
     */
    afterProcessing: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type FaultSpec = Static<typeof FaultSpec>;

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

/** Deterministic PRNG (mulberry32), so probabilistic faults replay the same way for a seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Faults per endpoint. A target is a path (`/pan`, any method), a method and path
 * (`GET /bank-account`), or `*` for every Cashfree endpoint; the most specific target wins.
 */
export class FaultInjector {
  private readonly faults = new Map<string, ActiveFault>();
  private readonly random: () => number;

  constructor(seed = 1) {
    this.random = mulberry32(seed);
  }

  set(target: string, spec: FaultSpec): void {
    this.faults.set(normalizeTarget(target), { spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(target?: string): void {
    if (target === undefined) this.faults.clear();
    else this.faults.delete(normalizeTarget(target));
  }

  list(): Record<string, FaultSpec & { remaining: number | null }> {
    const entries = [...this.faults].map(([target, fault]) => [
      target,
      { ...fault.spec, remaining: Number.isFinite(fault.remaining) ? fault.remaining : null },
    ]);
    return Object.fromEntries(entries) as Record<string, FaultSpec & { remaining: number | null }>;
  }

  /** The fault for this call, if any; consumes one of its `times`. */
  take(method: string, path: string): FaultSpec | undefined {
    const target = [`${method} ${path}`, path, '*'].find((key) => this.faults.has(key));
    if (target === undefined) return undefined;
    const fault = this.faults.get(target);
    if (!fault) return undefined;
    if (fault.spec.probability !== undefined && this.random() >= fault.spec.probability) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.delete(target);
    return fault.spec;
  }
}

function normalizeTarget(target: string): string {
  const trimmed = target.trim();
  const match = /^(GET|POST)\s+(\/\S*)$/i.exec(trimmed);
  return match ? `${match[1]?.toUpperCase()} ${match[2]}` : trimmed;
}

/** Cashfree's error bodies for the statuses a fault can answer with. */
export function faultBody(status: number): Record<string, string> {
  switch (status) {
    case 401:
      return {
        type: 'authentication_error',
        code: 'authentication_failed',
        message: 'Invalid clientId and clientSecret combination',
      };
    case 403:
      return {
        type: 'authentication_error',
        code: 'ip_validation_failed',
        message: 'IP not whitelisted',
      };
    case 429:
      return {
        type: 'rate_limit_error',
        code: 'too_many_requests_per_operation',
        message: 'Too many requests for this operation, rate limit reached',
      };
    case 502:
      return {
        type: 'internal_error',
        code: 'verification_failed',
        message: 'Authorised source is temporarily unavailable, please try again shortly',
      };
    default:
      return {
        type: 'internal_error',
        code: 'request_failed',
        message: 'Unable to process your request. Try again after some time',
      };
  }
}
