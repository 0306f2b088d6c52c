import type { FastifyBaseLogger } from 'fastify';
import { isUniqueViolation } from '../../db/client.js';
import type { Database, Executor } from '../../db/client.js';
import type { ConsentPurpose } from '../../db/schema/index.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { enqueueConsentWebhook } from '../webhooks/outbox.js';
import { createConsentRepository } from './repository.js';
import type { ConsentRow } from './repository.js';

export interface ConsentView {
  _id: string;
  purpose: ConsentPurpose;
  noticeVersion: string;
  grantedAt: string;
  withdrawnAt: string | null;
}

const view = (row: ConsentRow): ConsentView => ({
  _id: row.id,
  purpose: row.purpose,
  noticeVersion: row.noticeVersion,
  grantedAt: row.grantedAt.toISOString(),
  withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
});

/** What withdrawing each consent means for the account, as the withdrawal answers it. */
const WITHDRAWAL_EFFECTS: Record<ConsentPurpose, string> = {
  kyc_verification:
    'No more verification checks are sent. Checks still pending are stopped, and a case being verified goes to a reviewer without them. To submit again, give this consent again. An approved KYC stays on record as the law requires; POST /v1/me/erasure asks for the rest to be erased.',
  digilocker_fetch:
    'No more documents are fetched from DigiLocker. What was fetched stays in your profile until you change it or ask for erasure (POST /v1/me/erasure).',
  secure_share_prefill:
    'No more details are fetched through Secure-Share. What you already accepted stays in your profile until you change it or ask for erasure.',
};

/**
 * Express, purpose-bound consent (SEBI online KYC, DPDP): each grant is a new record with the notice
 * version, time, IP and user agent; a withdrawal closes it; nothing is ever overwritten.
 */
export class ConsentService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      /** Called after a transaction that wrote outbound webhooks has committed. */
      announce: () => Promise<void>;
      logger: FastifyBaseLogger;
    },
  ) {}

  async grant(
    userId: string,
    purpose: ConsentPurpose,
    noticeVersion: string,
    client: { ip: string; userAgent?: string },
  ): Promise<ConsentView> {
    const attempt = () =>
      this.db.transaction(async (tx) => {
        const repository = createConsentRepository(tx);
        const active = await repository.active(userId, purpose);
        if (active?.noticeVersion === noticeVersion) return view(active);
        if (active) await repository.withdraw(userId, purpose);
        return view(
          await repository.insert({
            userId,
            purpose,
            noticeVersion,
            ip: client.ip,
            userAgent: client.userAgent?.slice(0, 300),
          }),
        );
      });
    // Two grants at once: the one-active index lets one in; the other runs again and sees it.
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (tries >= 3 || !isUniqueViolation(error, 'consents_one_active')) throw error;
      }
    }
  }

  async list(userId: string): Promise<ConsentView[]> {
    return (await createConsentRepository(this.db).list(userId)).map(view);
  }

  /** Closes the active consent and tells the host application (`consent.withdrawn`) in the same transaction. */
  async withdraw(userId: string, purpose: ConsentPurpose): Promise<ConsentView & { effect: string }> {
    const row = await this.db.transaction(async (tx) => {
      const withdrawn = await createConsentRepository(tx).withdraw(userId, purpose);
      if (!withdrawn) throw notFound('Active consent');
      await enqueueConsentWebhook(tx, {
        type: 'consent.withdrawn',
        userId,
        consentId: withdrawn.id,
        purpose,
        withdrawnAt: withdrawn.withdrawnAt!.toISOString(),
      });
      return withdrawn;
    });
    // Best effort: the every-minute delivery job picks up whatever this misses.
    await this.deps
      .announce()
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not request webhook delivery'));
    return { ...view(row), effect: WITHDRAWAL_EFFECTS[purpose] };
  }

  async isActive(userId: string, purpose: ConsentPurpose, executor: Executor = this.db): Promise<boolean> {
    return (await createConsentRepository(executor).active(userId, purpose)) !== undefined;
  }

  /** Throws 403 `consent_required` unless the user has an active consent for the purpose. */
  async require(userId: string, purpose: ConsentPurpose, executor: Executor = this.db): Promise<void> {
    if (!(await createConsentRepository(executor).active(userId, purpose))) {
      throw forbidden(`Consent for ${purpose} is required first (POST /v1/consents)`, 'consent_required');
    }
  }
}
