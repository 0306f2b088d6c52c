import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/client.js';
import type { ErasureSource, ErasureStatus } from '../../db/schema/index.js';
import { forbidden } from '../../lib/errors.js';
import type { AuthService, ClientContext } from '../auth/service.js';
import type { UserKeyService } from '../keys/service.js';
import { enqueuePrivacyWebhook } from '../webhooks/outbox.js';
import { createPrivacyRepository } from './repository.js';
import { PERSONAL_TABLES } from './tables.js';

/** No password hash has this form: the tombstoned account can never sign in. */
const UNUSABLE_PASSWORD = '!erased';
const BATCH = 100;

export interface ErasureOutcome {
  requestId: string;
  status: 'held' | 'completed';
  /** When the held KYC record is erased (null: nothing held). */
  holdUntil: string | null;
}

const addYears = (from: Date, years: number) => {
  const until = new Date(from);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
};

/**
 * The right to erasure (DPDP Act s.12(3)) and retention: what the law requires is kept under a legal
 * hold (PMLA s.12(4), SEBI 8 years), the rest is erased at once; the data key goes with the last of it.
 */
export class ErasureService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      keys: UserKeyService;
      auth: AuthService;
      /** Called after a transaction that wrote outbound webhooks has committed. */
      announce: () => Promise<void>;
      logger: FastifyBaseLogger;
      retentionYears: number;
      draftRetentionDays: number;
    },
  ) {}

  /** The customer's own request: recorded, the account closed and erased except what a hold keeps. */
  async request(userId: string, client: ClientContext): Promise<ErasureOutcome> {
    if (!(await createPrivacyRepository(this.db).isCustomer(userId))) {
      throw forbidden('Staff accounts are closed by an admin, not erased by their holder');
    }
    await this.deps.auth.recordAccountEvent(userId, 'erasure_requested', client);
    // Only the retention job's erasures are ever skipped.
    return (await this.erase(userId, 'customer'))!;
  }

  /**
   * The retention job: erases what ended holds kept, and never-approved drafts idle for longer than
   * DRAFT_RETENTION_DAYS; finishes an erasure or a key destruction a crash interrupted. Returns the
   * users erased.
   */
  async sweep(now = new Date()): Promise<{ holdsEnded: number; draftsErased: number }> {
    const repository = createPrivacyRepository(this.db);
    let holdsEnded = 0;
    for (const hold of await repository.endedHolds(now, BATCH)) {
      if (await this.finishHeld(hold.userId, now)) holdsEnded++;
    }
    for (const userId of await repository.heldWithoutHold(BATCH)) {
      if (await this.finishHeld(userId, now)) holdsEnded++;
    }
    const idleSince = new Date(now.getTime() - this.deps.draftRetentionDays * 24 * 60 * 60 * 1000);
    let draftsErased = 0;
    for (const userId of await repository.staleDrafts(idleSince, BATCH)) {
      if (await this.erase(userId, 'draft_retention')) draftsErased++;
    }
    for (const userId of await repository.erasedUsersWithKeys(BATCH)) await this.deps.keys.erase(userId);
    return { holdsEnded, draftsErased };
  }

  /**
   * Records the erasure and erases what no hold keeps. Undefined when the retention job's draft got an
   * investigation hold after the job listed it: the draft stays.
   */
  private async erase(userId: string, source: ErasureSource): Promise<ErasureOutcome | undefined> {
    const now = new Date();
    const recorded = await this.db.transaction(async (tx) => {
      const repository = createPrivacyRepository(tx);
      // Serialised with an investigation hold being placed and with the retention job.
      await repository.lockUser(userId);
      const investigating = await repository.hasActiveInvestigation(userId);
      if (source === 'draft_retention' && investigating) return undefined;
      const approved = await repository.hasApprovedCase(userId);
      const holdUntil = approved ? addYears(now, this.deps.retentionYears) : null;
      if (holdUntil) {
        await repository.insertHold({ userId, reason: 'kyc_record', relationshipEndedAt: now, holdUntil });
      }
      const keptByLaw = approved || (await repository.activeHolds(userId)).length > 0;
      const status: ErasureStatus = keptByLaw || investigating ? 'held' : 'completed';
      const request = await repository.insertRequest({
        userId,
        source,
        status,
        completedAt: status === 'completed' ? now : null,
      });
      // The host, the reporting entity, hears the truth: it must keep its own copy as well.
      const event = { userId, requestId: request.id, status, holdUntil: holdUntil?.toISOString() ?? null };
      await enqueuePrivacyWebhook(tx, { type: 'user.erasure_requested', ...event });
      if (status === 'completed')
        await enqueuePrivacyWebhook(tx, { type: 'user.erasure_completed', ...event });
      await this.deleteRows(tx, userId, status === 'held');
      await repository.tombstoneUser(userId, UNUSABLE_PASSWORD);
      return { requestId: request.id, status, holdUntil: event.holdUntil, keptByLaw };
    });
    if (!recorded) return undefined;
    // After commit: the key service works outside this transaction (the sweep retries a crash here).
    if (recorded.status === 'completed') await this.deps.keys.erase(userId);
    await this.announce();
    // No tipping off (PMLA s.12(2)): the customer is answered as if no investigation hold ran.
    return {
      requestId: recorded.requestId,
      status: recorded.keptByLaw ? 'held' : 'completed',
      holdUntil: recorded.holdUntil,
    };
  }

  /**
   * Releases the user's legal holds that ended and, once neither a legal hold nor an investigation
   * hold runs, erases what they kept for a held erasure request. Whether an erasure completed.
   */
  async finishHeld(userId: string, now = new Date()): Promise<boolean> {
    const completed = await this.db.transaction(async (tx) => {
      const repository = createPrivacyRepository(tx);
      await repository.lockUser(userId);
      // Legal holds stay listed as active while an investigation keeps the record past their end.
      if (await repository.hasActiveInvestigation(userId)) return false;
      const holds = await repository.activeHolds(userId);
      const ended = holds.filter((hold) => hold.holdUntil <= now);
      await repository.releaseHolds(ended.map((hold) => hold.id));
      if (ended.length < holds.length) return false;
      // Nobody asked for an erasure (an investigation hold on an open account): nothing is erased.
      const requests = await repository.completeHeldRequests(userId);
      if (requests.length === 0) return false;
      await this.deleteRows(tx, userId, false);
      for (const request of requests) {
        await enqueuePrivacyWebhook(tx, {
          type: 'user.erasure_completed',
          userId,
          requestId: request.id,
          status: 'completed',
          holdUntil: null,
        });
      }
      return true;
    });
    if (completed) {
      await this.deps.keys.erase(userId);
      await this.announce();
    }
    return completed;
  }

  /** Deletes the user's rows of every `delete` table, and of the `held` ones unless a hold keeps them. */
  private async deleteRows(executor: Executor, userId: string, keepHeld: boolean) {
    const repository = createPrivacyRepository(executor);
    for (const entry of PERSONAL_TABLES) {
      if (entry.erasure === 'delete' || (entry.erasure === 'held' && !keepHeld)) {
        await repository.deleteRows(entry, userId);
      }
    }
  }

  private async announce() {
    // Best effort: the every-minute delivery job picks up whatever this misses.
    await this.deps
      .announce()
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not request webhook delivery'));
  }
}
