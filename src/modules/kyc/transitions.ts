import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/client.js';
import { APPROVED_STATUSES } from '../../db/schema/index.js';
import type { CaseStatus, UserRole } from '../../db/schema/index.js';
import { conflict } from '../../lib/errors.js';
import { enqueueWebhook } from '../webhooks/outbox.js';
import type { KycEventType } from '../webhooks/outbox.js';
import { createKycRepository } from './repository.js';
import type { CaseRow } from './repository.js';
import type { LastDecision } from './schemas.js';

/**
 * Every allowed move of a KYC case, in one place. `draft` and `action_required` are the customer's
 * to edit; from `submitted` until a decision, and after `approved`, the profile is locked. An
 * approved case then waits for the customer's e-sign of the account opening form (`esign_pending`),
 * ending `completed`, or `esign_expired` until the form is sent again.
 */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  draft: ['submitted'],
  submitted: ['verifying'],
  verifying: ['approved', 'needs_review', 'action_required'],
  needs_review: ['approved', 'rejected', 'action_required'],
  action_required: ['submitted'],
  approved: ['esign_pending'],
  // Final for the customer; an admin may reopen it for another review.
  rejected: ['needs_review'],
  esign_pending: ['completed', 'esign_expired'],
  esign_expired: ['esign_pending'],
  completed: [],
};

/** An approved case, whatever became of its e-sign: the decision stands. */
export const APPROVED: ReadonlySet<CaseStatus> = new Set(APPROVED_STATUSES);

/** Statuses in which the customer may change the profile. */
export const EDITABLE: ReadonlySet<CaseStatus> = new Set(['draft', 'action_required']);
/** Statuses of a case that is still open (at most one per user). */
export const OPEN: ReadonlySet<CaseStatus> = new Set([
  'draft',
  'submitted',
  'verifying',
  'needs_review',
  'action_required',
]);

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) {
    throw conflict(
      APPROVED.has(from) || from === 'rejected' ? 'case_already_decided' : 'kyc_locked',
      `A case that is ${from} cannot become ${to}`,
    );
  }
}

const WEBHOOK_FOR: Partial<Record<CaseStatus, KycEventType>> = {
  submitted: 'kyc.submitted',
  approved: 'kyc.approved',
  rejected: 'kyc.rejected',
  needs_review: 'kyc.needs_review',
  action_required: 'kyc.action_required',
  esign_pending: 'kyc.esign_pending',
  esign_expired: 'kyc.esign_expired',
  completed: 'kyc.completed',
};

/** Transitions whose history event keeps the case's reasons. */
const REASONED: ReadonlySet<CaseStatus> = new Set(['needs_review', 'action_required']);

/**
 * What every part of the KYC lifecycle (submission, reviewer decisions, background checks) shares:
 * moving a case with its history event and webhook, the last decision those webhooks carry, and the
 * request for delivery after commit.
 */
export class CaseTransitions {
  constructor(
    private readonly deps: {
      /** Called after a transaction that wrote outbound webhooks has committed. */
      announce: () => Promise<void>;
      logger: FastifyBaseLogger;
    },
  ) {}

  /**
   * The last final decision of any of the user's cases, apart from the case in progress: a customer
   * who started a re-KYC is still approved while the new case is a draft.
   */
  async lastDecisionOf(executor: Executor, userId: string): Promise<LastDecision> {
    const decided = await createKycRepository(executor).lastDecision(userId);
    return {
      verifiedStatus: decided
        ? APPROVED.has(decided.status)
          ? 'approved'
          : decided.status === 'rejected'
            ? 'rejected'
            : null
        : null,
      verifiedAt: decided?.decidedAt.toISOString() ?? null,
    };
  }

  /** Delivery is best effort here: the every-minute delivery job picks up whatever this misses. */
  async announce() {
    await this.deps
      .announce()
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not request webhook delivery'));
  }

  async transition(
    executor: Executor,
    row: CaseRow,
    to: CaseStatus,
    actor: { id: string | null; role: UserRole | 'system' },
    data: Record<string, unknown> = {},
  ) {
    assertTransition(row.status, to);
    const repository = createKycRepository(executor);
    // A claim is for one review: whatever the move, it ends (the audit log keeps who held the case).
    await repository.updateCase(row.id, { status: to, assignedTo: null, assignedAt: null });
    await repository.appendEvent({
      caseId: row.id,
      userId: row.userId,
      type: 'transition',
      fromStatus: row.status,
      toStatus: to,
      actorId: actor.id,
      actorRole: actor.role,
      // The reasons a case went to a reviewer or back to the customer: the case's own are overwritten
      // by the next decision, and the dashboard counts them.
      data: REASONED.has(to) ? { ...data, reasons: row.reasons } : data,
    });
    const webhook = WEBHOOK_FOR[to];
    if (webhook) {
      await enqueueWebhook(executor, {
        type: webhook,
        userId: row.userId,
        caseId: row.id,
        status: to,
        reasons: row.reasons,
        ...(await this.lastDecisionOf(executor, row.userId)),
      });
    }
    if (!OPEN.has(to)) this.deps.logger.info({ caseId: row.id, status: to }, 'kyc case decided');
  }
}
