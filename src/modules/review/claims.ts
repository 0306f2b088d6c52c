import type { Database, Executor } from '../../db/client.js';
import type { UserRole } from '../../db/schema/index.js';
import { AppError, conflict, fieldError, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import type { AuditActor, AuditService } from '../audit/service.js';
import type { StaffService } from '../staff/service.js';
import { findStaff } from './assignees.js';
import type { Assignee } from './assignees.js';
import { createQueueRepository } from './queue-repository.js';
import type { CaseHold } from './queue-repository.js';

export interface ClaimActor extends AuditActor {
  role: UserRole;
}

export interface ClaimView {
  caseId: string;
  assignee: Assignee | null;
  assignedAt: string | null;
}

const notAwaitingReview = (status: string) =>
  conflict('case_not_awaiting_review', `The case is ${status}; only a case in needs_review can be claimed`);

/**
 * Who works a case awaiting review. A reviewer claims an unclaimed case (claiming it again changes
 * nothing), releases their own, and an admin releases or assigns any. Deciding a case someone else
 * holds is refused (KycDecisionService.reviewDecision); a claim ends when the case leaves needs_review.
 * Each change is audited in the transaction that makes it; calls that change nothing are not.
 */
export class CaseClaimService {
  constructor(
    private readonly db: Database,
    private readonly deps: { audit: AuditService; staff: StaffService },
  ) {}

  async claim(caseId: string, actor: ClaimActor): Promise<ClaimView> {
    const held = await this.change(caseId, async (tx, row) => {
      if (row.status !== 'needs_review') throw notAwaitingReview(row.status);
      if (row.assignedTo === actor.id) return row;
      if (row.assignedTo !== null)
        throw conflict('case_claimed', 'Another reviewer holds this case; an admin can assign it to you');
      const assigned = await createQueueRepository(tx).assign(caseId, actor.id);
      await this.deps.audit.record(tx, actor, {
        action: 'case_claimed',
        targetType: 'case',
        targetId: caseId,
      });
      return assigned;
    });
    return this.view(caseId, held);
  }

  /** The holder, or an admin, gives the case back to the queue. */
  async release(caseId: string, actor: ClaimActor): Promise<ClaimView> {
    const held = await this.change(caseId, async (tx, row) => {
      if (row.assignedTo === null) return row;
      if (row.assignedTo !== actor.id && actor.role !== 'admin')
        throw conflict(
          'case_claimed',
          'Another reviewer holds this case; only they or an admin can release it',
        );
      const released = await createQueueRepository(tx).assign(caseId, null);
      await this.deps.audit.record(tx, actor, {
        action: 'case_released',
        targetType: 'case',
        targetId: caseId,
        details: { previousAssigneeId: row.assignedTo },
      });
      return released;
    });
    return this.view(caseId, held);
  }

  /** An admin hands the case to an active reviewer or admin, over anyone's claim. */
  async assign(caseId: string, actor: ClaimActor, reviewerId: string): Promise<ClaimView> {
    if (actor.role !== 'admin') throw new AppError('forbidden', 'Only an admin can assign a case');
    const reviewer = await findStaff(this.deps.staff, reviewerId);
    if (!reviewer)
      throw new AppError('not_found', 'No reviewer or admin has this id', {
        errors: [{ field: '/reviewerId', code: 'not_found', message: 'is not a reviewer or admin' }],
      });
    if (reviewer.status !== 'active')
      throw fieldError(
        '/reviewerId',
        'staff_not_active',
        `belongs to a staff member who is ${reviewer.status}`,
      );
    const held = await this.change(caseId, async (tx, row) => {
      if (row.status !== 'needs_review') throw notAwaitingReview(row.status);
      if (row.assignedTo === reviewerId) return row;
      const assigned = await createQueueRepository(tx).assign(caseId, reviewerId);
      await this.deps.audit.record(tx, actor, {
        action: 'case_assigned',
        targetType: 'case',
        targetId: caseId,
        details: { assigneeId: reviewerId, previousAssigneeId: row.assignedTo },
      });
      return assigned;
    });
    return this.view(caseId, held);
  }

  /** Runs `apply` on the case locked, so two claims of one case happen one after the other. */
  private async change(
    caseId: string,
    apply: (tx: Executor, row: CaseHold) => Promise<Omit<CaseHold, 'status'>>,
  ) {
    if (!isUuid(caseId)) throw notFound('Case');
    return this.db.transaction(async (tx) => {
      const row = await createQueueRepository(tx).lockCase(caseId);
      if (!row) throw notFound('Case');
      return apply(tx, row);
    });
  }

  private async view(caseId: string, held: Omit<CaseHold, 'status'>): Promise<ClaimView> {
    const staff = held.assignedTo ? await findStaff(this.deps.staff, held.assignedTo) : undefined;
    return {
      caseId,
      assignee: held.assignedTo ? { id: held.assignedTo, name: staff?.name ?? null } : null,
      assignedAt: held.assignedAt?.toISOString() ?? null,
    };
  }
}
