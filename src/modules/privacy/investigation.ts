import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { InvestigationHoldKind } from '../../db/schema/index.js';
import { conflict, notFound } from '../../lib/errors.js';
import { isUuid, uuidv7 } from '../../lib/ids.js';
import type { AuditActor, AuditService } from '../audit/service.js';
import type { ErasureService } from './erasure.js';
import { createPrivacyRepository } from './repository.js';
import type { InvestigationHoldRow } from './repository.js';

const LIST_LIMIT = 500;

export interface InvestigationHoldView {
  id: string;
  userId: string;
  kind: InvestigationHoldKind;
  placedBy: string;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
}

const viewOf = (row: InvestigationHoldRow): InvestigationHoldView => ({
  id: row.id,
  userId: row.userId,
  kind: row.kind,
  placedBy: row.placedBy,
  placedAt: row.placedAt.toISOString(),
  releasedBy: row.releasedBy,
  releasedAt: row.releasedAt?.toISOString() ?? null,
});

/**
 * Holds an admin places while a suspicious transaction report or an enforcement request runs: until
 * released, an erasure request keeps the KYC record and the retention job leaves the customer alone.
 * The customer never sees one, not even in the answer to their erasure request; the host hears a
 * `held` erasure. Every placement, release and listing is in the staff audit log.
 */
export class InvestigationHoldService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      audit: AuditService;
      erasure: Pick<ErasureService, 'finishHeld'>;
      logger: FastifyBaseLogger;
    },
  ) {}

  async place(
    actor: AuditActor,
    userId: string,
    kind: InvestigationHoldKind,
  ): Promise<InvestigationHoldView> {
    if (!isUuid(userId)) throw notFound('Customer');
    const hold = await this.db.transaction(async (tx) => {
      const repository = createPrivacyRepository(tx);
      if (!(await repository.isCustomer(userId))) throw notFound('Customer');
      // Waits for an erasure of this customer under way, which then sees the hold or has finished.
      await repository.lockUser(userId);
      const placed = await repository.insertInvestigationHold({ userId, kind, placedBy: actor.id });
      if (!placed)
        throw conflict(
          'investigation_hold_active',
          'An investigation hold already runs for this customer; release it first to change its kind',
        );
      await this.deps.audit.record(tx, actor, {
        action: 'investigation_hold_placed',
        targetType: 'privacy',
        targetId: placed.id,
        details: { userId, kind },
      });
      return placed;
    });
    return viewOf(hold);
  }

  /** Ends the hold; an erasure it kept from completing completes now, unless a legal hold still runs. */
  async release(actor: AuditActor, holdId: string): Promise<InvestigationHoldView> {
    if (!isUuid(holdId)) throw notFound('Investigation hold');
    const hold = await this.db.transaction(async (tx) => {
      const repository = createPrivacyRepository(tx);
      const released = await repository.releaseInvestigationHold(holdId, actor.id);
      if (!released) {
        if (!(await repository.findInvestigationHold(holdId))) throw notFound('Investigation hold');
        throw conflict('hold_already_released', 'This investigation hold was released already');
      }
      await this.deps.audit.record(tx, actor, {
        action: 'investigation_hold_released',
        targetType: 'privacy',
        targetId: holdId,
        details: { userId: released.userId, kind: released.kind },
      });
      return released;
    });
    // The release stands even if this fails: the retention job finishes what no hold keeps any more.
    await this.deps.erasure
      .finishHeld(hold.userId)
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, userId: hold.userId }, 'could not finish a held erasure'),
      );
    return viewOf(hold);
  }

  async list(actor: AuditActor, filter: { state?: 'active' | 'released' | undefined }) {
    const rows = await this.db.transaction(async (tx) => {
      await this.deps.audit.record(tx, actor, {
        action: 'investigation_holds_listed',
        targetType: 'privacy',
        // A listing has no id of its own: each one is its own target.
        targetId: uuidv7(),
        details: filter.state ? { state: filter.state } : {},
      });
      return createPrivacyRepository(tx).listInvestigationHolds(filter, LIST_LIMIT);
    });
    return rows.map(viewOf);
  }
}
