import { randomBytes } from 'node:crypto';

/*
 * Every verification sent to Cashfree is recorded before it is sent and settled afterwards, so
 * a crash or an unanswered call leaves a trace (and a charge can be matched to a row). The
 * client calls `start` then `finish` once per verification id; asynchronous checks (bank
 * account async, DigiLocker) get another `finish` when a status lookup learns a later outcome.
 * Implementations must not throw for a `finish` whose id is unknown (a lookup by an id created
 * elsewhere); the database recorder can simply update zero rows.
 */

export type VerificationKind =
  | 'pan'
  | 'pan_advance'
  | 'pan_lite'
  | 'bank_account_sync'
  | 'bank_account_async'
  | 'ifsc'
  | 'name_match'
  | 'face_match'
  | 'liveliness'
  | 'digilocker'
  | 'secure_share_data_availability'
  | 'secure_share_session'
  | 'reverse_geocoding'
  | 'esign_document'
  | 'esign';

/**
 * - `success`: Cashfree answered with a result; `outcome` holds the business outcome.
 * - `failed`: Cashfree refused the request (4xx other than 429); no result will come.
 * - `indeterminate`: the request may have been processed but its result is unknown.
 * - `error`: the request certainly was not processed (not sent, rate-limited, circuit open).
 */
export type VerificationStatus = 'success' | 'failed' | 'indeterminate' | 'error';

export interface VerificationStart {
  /** Our id, sent to Cashfree as `verification_id` (or BAV `user_id`); ≤ 50 chars, unique. */
  verificationId: string;
  /** Our user the verification is for. */
  userId?: string;
  kind: VerificationKind;
  /** 1 for the first try; 2 when the first one's outcome was unknown and it was retried under a new id. */
  attempt: number;
  /** The request as sent, passed through `redact`. */
  request: Record<string, unknown>;
}

export interface VerificationFinish {
  verificationId: string;
  status: VerificationStatus;
  /** Cashfree's `reference_id` / `ref_id`, as a string. */
  referenceId?: string;
  /** The provider's score normalised to 0–1 (liveliness, face match, name match). */
  score?: number;
  /** The business outcome, e.g. `VALID`, `FACE_NOT_DETECTED`, `ACCOUNT_IS_VALID`, `PENDING`. */
  outcome?: string;
  /** The answer (or error body), passed through `redact`. */
  response: Record<string, unknown>;
  /** Cashfree's error code, or ours (`timeout`, `network_error`, `circuit_open`). */
  errorCode?: string;
}

export interface VerificationRecorder {
  start(entry: VerificationStart): Promise<void>;
  finish(entry: VerificationFinish): Promise<void>;
}

export interface RecordedVerification extends VerificationStart {
  /** Every `finish` received for this id, oldest first. */
  finishes: VerificationFinish[];
}

/** Keeps verifications in memory, for tests and for the simulator-backed development mode. */
export class InMemoryVerificationRecorder implements VerificationRecorder {
  readonly verifications = new Map<string, RecordedVerification>();

  async start(entry: VerificationStart): Promise<void> {
    if (this.verifications.has(entry.verificationId)) {
      throw new Error(`verification ${entry.verificationId} was already started`);
    }
    this.verifications.set(entry.verificationId, { ...entry, finishes: [] });
  }

  async finish(entry: VerificationFinish): Promise<void> {
    this.verifications.get(entry.verificationId)?.finishes.push(entry);
  }

  /** The latest status of each verification, `pending` when it was started but never finished. */
  statuses(): Map<string, VerificationStatus | 'pending'> {
    const statuses = new Map<string, VerificationStatus | 'pending'>();
    for (const [id, verification] of this.verifications) {
      statuses.set(id, verification.finishes.at(-1)?.status ?? 'pending');
    }
    return statuses;
  }

  /** Verifications that were started and never settled; a correct client leaves none. */
  pending(): RecordedVerification[] {
    return [...this.verifications.values()].filter((verification) => verification.finishes.length === 0);
  }

  list(): RecordedVerification[] {
    return [...this.verifications.values()];
  }
}

export const NO_OP_RECORDER: VerificationRecorder = {
  start: async () => undefined,
  finish: async () => undefined,
};

const PREFIX = /^[A-Za-z0-9]{1,15}$/;

/**
 * A fresh id such as `lv_5f0c9a1e2b3d4c5e6f708192`: 1–15 alphanumerics, `_`, 24 hex digits, so at
 * most 40 characters of `[A-Za-z0-9_]`. That satisfies both `verification_id` (≤ 50,
 * `[A-Za-z0-9._-]`) and the stricter BAV `user_id` (≤ 40, `[A-Za-z0-9_]`).
 */
export function newVerificationId(prefix: string): string {
  if (!PREFIX.test(prefix)) throw new Error(`verification id prefix must match ${PREFIX}`);
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** Cashfree's limit for a caller-chosen `verification_id`. */
const MAX_VERIFICATION_ID_LENGTH = 50;

/**
 * The id of a further attempt of the same verification: the first id with `_<attempt>`, so the
 * ledger (and Cashfree's dashboard) shows which attempts, and charges, belong together. A first id
 * too long to extend gets a fresh id instead.
 */
export function retryVerificationId(firstId: string, attempt: number, prefix: string): string {
  const derived = `${firstId}_${attempt}`;
  return derived.length <= MAX_VERIFICATION_ID_LENGTH ? derived : newVerificationId(prefix);
}
