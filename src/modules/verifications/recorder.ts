import type { Database } from '../../db/client.js';
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

  async finish(entry: VerificationFinish): Promise<void> {
    await createVerificationRepository(this.db).settle(entry.verificationId, {
      status: entry.status,
      outcome: entry.outcome ?? null,
      referenceId: entry.referenceId ?? null,
      score: entry.score ?? null,
      errorCode: entry.errorCode ?? null,
      response: entry.response,
    });
  }
}
