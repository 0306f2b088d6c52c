import type { Database, Executor } from '../../db/client.js';
import type {
  VerificationFinish,
  VerificationRecorder,
  VerificationStart,
} from '../../providers/cashfree/index.js';
import { createVerificationRepository } from './repository.js';

/** Records every provider call in the `verifications` table: inserted before sending, settled after. */
export class DatabaseVerificationRecorder implements VerificationRecorder {
  constructor(private readonly db: Database) {}

  /**
   * A resumed check re-sends under its own id (Cashfree then answers 409 rather than charging
   * again), so a start for a known id reopens that row instead of failing.
   */
  async start(entry: VerificationStart): Promise<void> {
    await createVerificationRepository(this.db).upsertPending({
      verificationId: entry.verificationId,
      userId: entry.userId ?? null,
      kind: entry.kind,
      attempt: entry.attempt,
      request: entry.request,
    });
  }

  /** Settles the call's row; in `executor`'s transaction when given (a provider's webhook settles it too). */
  async finish(entry: VerificationFinish, executor: Executor = this.db): Promise<void> {
    await createVerificationRepository(executor).settle(entry.verificationId, {
      status: entry.status,
      outcome: entry.outcome ?? null,
      referenceId: entry.referenceId ?? null,
      score: entry.score ?? null,
      errorCode: entry.errorCode ?? null,
      response: entry.response,
    });
  }
}
