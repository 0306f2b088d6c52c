import type { Database, Executor } from '../../db/client.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import { assertNoIdentityNumbers } from '../../lib/identity-numbers.js';
import { isUuid } from '../../lib/ids.js';
import type { AuditRecord, AuditService } from '../audit/service.js';
import { enqueueWebhook } from '../webhooks/outbox.js';
import { assertDecisionComplete, needsSecondReviewer, STATUS_AFTER } from './decision-rules.js';
import type { FourEyesMode, ReviewDecisionInput } from './decision-rules.js';
import { createProposalRepository } from './proposal-repository.js';
import type { ProposalRow } from './proposal-repository.js';
import { createKycRepository } from './repository.js';
import type { CaseRow } from './repository.js';
import type { Actor, CaseStatusView, KycService } from './service.js';
import type { CaseTransitions } from './transitions.js';

const assertAwaitingReview = (row: CaseRow) => {
  if (row.status !== 'needs_review')
    throw conflict(
      'case_already_decided',
      `The case is ${row.status}; only a case in needs_review can be decided`,
    );
};

const auditEntry = (action: string, caseId: string, details: AuditRecord['details']): AuditRecord => ({
  action,
  targetType: 'case',
  targetId: caseId,
  details,
});

/** Human decisions on a case: a reviewer's decision, four-eyes proposals, an admin's reopening. */
export class KycDecisionService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      kyc: KycService;
      transitions: CaseTransitions;
      audit: AuditService;
      /** Which reviewer decisions wait for a second reviewer (REVIEW_FOUR_EYES). */
      fourEyes: FourEyesMode;
    },
  ) {}

  /**
   * A reviewer's decision on a case in `needs_review`; the second of two concurrent decisions gets 409.
   * Under four-eyes (REVIEW_FOUR_EYES) a covered decision is stored as a proposal and the case waits.
   */
  async reviewDecision(caseId: string, actor: Actor, decision: ReviewDecisionInput): Promise<CaseRow> {
    if (!isUuid(caseId)) throw notFound('Case');
    const decided = await this.db.transaction(async (tx) => {
      const repository = createKycRepository(tx);
      const row = await repository.findCase(caseId, true);
      if (!row) throw notFound('Case');
      // A claimed case is decided by its holder only (an admin assigns it first); an unclaimed one by anyone.
      if (row.assignedTo !== null && row.assignedTo !== actor.id)
        throw conflict(
          'case_claimed_by_other',
          'Another reviewer holds this case; an admin can assign it to you',
        );
      assertAwaitingReview(row);
      assertDecisionComplete(decision, await repository.checks(caseId));
      const proposals = createProposalRepository(tx);
      if (await proposals.find(caseId))
        throw conflict(
          'proposal_pending',
          'A proposed decision awaits a second reviewer: confirm or return it',
        );
      const details = { decision: decision.decision, reasonCodes: decision.reasonCodes.join(',') };
      if (needsSecondReviewer(this.deps.fourEyes, decision.decision)) {
        await proposals.insert({
          caseId,
          decision: decision.decision,
          reasonCodes: decision.reasonCodes,
          userMessage: decision.userMessage ?? null,
          internalNote: decision.internalNote ?? null,
          proposedBy: actor.id,
        });
        await this.recordDecisionEvent(tx, row, actor, { proposal: 'proposed', ...details });
        await this.deps.audit.record(tx, actor, auditEntry('case_decision_proposed', caseId, details));
        return row;
      }
      await this.applyDecision(tx, row, actor, decision, {});
      await this.deps.audit.record(tx, actor, auditEntry('case_decided', caseId, details));
      return (await repository.findCase(caseId))!;
    });
    await this.deps.transitions.announce();
    return decided;
  }

  /** Four-eyes: a second, different reviewer applies the proposed decision. */
  async confirmProposal(caseId: string, actor: Actor): Promise<CaseRow> {
    const decided = await this.withProposal(caseId, actor, 'another reviewer', async (tx, row, proposal) => {
      const decision = {
        decision: proposal.decision,
        reasonCodes: proposal.reasonCodes,
        userMessage: proposal.userMessage ?? undefined,
        internalNote: proposal.internalNote ?? undefined,
      };
      await this.applyDecision(tx, row, actor, decision, { proposedBy: proposal.proposedBy });
      await this.deps.audit.record(
        tx,
        actor,
        auditEntry('case_proposal_confirmed', caseId, {
          decision: proposal.decision,
          reasonCodes: proposal.reasonCodes.join(','),
          proposedBy: proposal.proposedBy,
        }),
      );
    });
    await this.deps.transitions.announce();
    return decided;
  }

  /** Four-eyes: a second, different reviewer discards the proposed decision, saying why. */
  async returnProposal(caseId: string, actor: Actor, note: string): Promise<CaseRow> {
    if (note.trim() === '') throw fieldError('/note', 'required', 'say why the proposal is returned');
    assertNoIdentityNumbers({ '/note': note });
    return this.withProposal(caseId, actor, 'another reviewer', async (tx, row, proposal) => {
      await this.recordDecisionEvent(tx, row, actor, {
        proposal: 'returned',
        decision: proposal.decision,
        proposedBy: proposal.proposedBy,
        note: note.trim(),
      });
      await this.deps.audit.record(
        tx,
        actor,
        auditEntry('case_proposal_returned', caseId, {
          decision: proposal.decision,
          proposedBy: proposal.proposedBy,
        }),
      );
    });
  }

  /** Four-eyes: the author takes back a proposal (a mistake, a second look) before anyone confirms it. */
  async withdrawProposal(caseId: string, actor: Actor): Promise<CaseRow> {
    return this.withProposal(caseId, actor, 'its author', async (tx, row, proposal) => {
      await this.recordDecisionEvent(tx, row, actor, { proposal: 'withdrawn', decision: proposal.decision });
      await this.deps.audit.record(
        tx,
        actor,
        auditEntry('case_proposal_withdrawn', caseId, { decision: proposal.decision }),
      );
    });
  }

  /** The pending proposal of a case (four-eyes), or undefined. */
  async proposalOf(caseId: string): Promise<ProposalRow | undefined> {
    return createProposalRepository(this.db).find(caseId);
  }

  /**
   * Runs `act` on a case's pending proposal, which it then removes: confirming and returning are for a reviewer
   * other than its author (and, when a third reviewer holds the case, for that holder only), withdrawing for
   * its author.
   */
  private async withProposal(
    caseId: string,
    actor: Actor,
    allowed: 'another reviewer' | 'its author',
    act: (tx: Executor, row: CaseRow, proposal: ProposalRow) => Promise<void>,
  ): Promise<CaseRow> {
    if (!isUuid(caseId)) throw notFound('Case');
    return this.db.transaction(async (tx) => {
      const repository = createKycRepository(tx);
      const row = await repository.findCase(caseId, true);
      if (!row) throw notFound('Case');
      assertAwaitingReview(row);
      const proposals = createProposalRepository(tx);
      const proposal = await proposals.find(caseId);
      if (!proposal) throw conflict('no_proposal', 'The case has no proposed decision');
      const isAuthor = proposal.proposedBy === actor.id;
      if (allowed === 'another reviewer' && isAuthor)
        throw conflict(
          'four_eyes_same_reviewer',
          'A different reviewer must confirm or return this proposal',
        );
      // The second look is a decision too: a third reviewer who claimed the case for it holds it. The
      // author's own claim (from proposing) does not keep the second reviewer out.
      if (
        allowed === 'another reviewer' &&
        row.assignedTo !== null &&
        row.assignedTo !== actor.id &&
        row.assignedTo !== proposal.proposedBy
      )
        throw conflict(
          'case_claimed_by_other',
          'Another reviewer holds this case; an admin can assign it to you',
        );
      if (allowed === 'its author' && !isAuthor)
        throw conflict('not_proposal_author', 'Only the reviewer who proposed this decision can withdraw it');
      await proposals.delete(caseId);
      await act(tx, row, proposal);
      return (await repository.findCase(caseId))!;
    });
  }

  private async applyDecision(
    tx: Executor,
    row: CaseRow,
    actor: Actor,
    decision: ReviewDecisionInput,
    data: Record<string, unknown>,
  ) {
    await createKycRepository(tx).updateCase(row.id, {
      reasons: decision.reasonCodes,
      userMessage: decision.userMessage ?? null,
      internalNote: decision.internalNote ?? null,
      decidedBy: actor.id,
      decidedAt: new Date(),
    });
    await this.deps.transitions.transition(
      tx,
      { ...row, reasons: decision.reasonCodes },
      STATUS_AFTER[decision.decision],
      actor,
      {
        decision: decision.decision,
        reasonCodes: decision.reasonCodes,
        ...data,
      },
    );
  }

  private async recordDecisionEvent(tx: Executor, row: CaseRow, actor: Actor, data: Record<string, unknown>) {
    await createKycRepository(tx).appendEvent({
      caseId: row.id,
      userId: row.userId,
      type: 'decision',
      actorId: actor.id,
      actorRole: actor.role,
      data,
    });
  }

  /** An admin reopens a rejected case for another review. */
  async reopen(caseId: string, actor: Actor): Promise<CaseStatusView> {
    if (!isUuid(caseId)) throw notFound('Case');
    const userId = await this.db.transaction(async (tx) => {
      const repository = createKycRepository(tx);
      const row = await repository.findCase(caseId, true);
      if (!row) throw notFound('Case');
      if (row.status !== 'rejected')
        throw conflict('case_not_rejected', 'Only a rejected case can be reopened');
      if (await repository.openCase(row.userId))
        throw conflict('kyc_locked', 'The user has another open case');
      await this.deps.transitions.transition(tx, row, 'needs_review', actor, { reopened: true });
      await this.deps.audit.record(tx, actor, auditEntry('case_reopened', caseId, {}));
      // Besides the status event (kyc.needs_review): the rejection no longer stands.
      await enqueueWebhook(tx, {
        type: 'kyc.case_reopened',
        userId: row.userId,
        caseId: row.id,
        status: 'needs_review',
        reasons: row.reasons,
        ...(await this.deps.transitions.lastDecisionOf(tx, row.userId)),
      });
      return row.userId;
    });
    await this.deps.transitions.announce();
    return this.deps.kyc.status(userId);
  }
}
