import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/client.js';
import { CHECK_TYPES } from '../../db/schema/index.js';
import type { CaseStatus, CheckOutcome, CheckType, UserRole } from '../../db/schema/index.js';
import { decryptFieldString, encryptField } from '../../lib/crypto/index.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { AppError, conflict, fieldError, notFound } from '../../lib/errors.js';
import type { FieldError } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import type { Jobs } from '../../jobs/index.js';
import type { CashfreeClient } from '../../providers/cashfree/index.js';
import type { AuditRecord, AuditService } from '../audit/service.js';
import type { ConsentService } from '../consents/service.js';
import type { DocumentService } from '../documents/service.js';
import type { UserKeyService } from '../keys/service.js';
import type { OfficialIdentityService } from '../official-identity/service.js';
import { createSelfieCheckRepository } from '../liveliness/repository.js';
import { createProfileRepository } from '../profile/repository.js';
import type { ProfileService } from '../profile/service.js';
import { enqueueWebhook } from '../webhooks/outbox.js';
import type { KycEventType } from '../webhooks/outbox.js';
import { CHECK_RUNNERS } from './checks.js';
import type { CaseSnapshot, CheckResult, CheckSettings, PendingResult } from './check-kit.js';
import { decide } from './decision.js';
import type { LastDecision } from './schemas.js';
import { assertDecisionComplete, needsSecondReviewer, STATUS_AFTER } from './decision-rules.js';
import type { FourEyesMode, ReviewDecisionInput } from './decision-rules.js';
import { createProposalRepository } from './proposal-repository.js';
import type { ProposalRow } from './proposal-repository.js';
import { createKycRepository } from './repository.js';
import type { CaseRow, CheckRow } from './repository.js';
import { assertTransition, EDITABLE, OPEN } from './transitions.js';

export const KYC_CHECK_JOB = 'kyc.check';
export const KYC_RESUME_JOB = 'kyc.resume';
/** How long to wait between status lookups of an asynchronous check (bank account). */
const POLL_DELAY_SECONDS = 5;
/** After this many lookups the bank still has not answered: a human takes over. */
const MAX_POLLS = 60;

const SECTION_NAMES = [
  'panDetails',
  'profileDetails',
  'addressDetails',
  'bankDetails',
  'dematDetails',
] as const;

export interface CaseStatusView {
  caseId: string | null;
  number: number | null;
  status: CaseStatus;
  checks: Array<{ type: CheckType; outcome: CheckOutcome | null; reason: string | null; updatedAt: string }>;
  reasons: string[];
  userMessage: string | null;
  updatedAt: string | null;
}

/** What the host application reads under `cases:read`: the current case and the last decision. */
export interface HostCaseView extends LastDecision {
  caseId: string | null;
  number: number | null;
  status: CaseStatus;
  reasons: string[];
  userMessage: string | null;
  checks: Array<{ type: CheckType; outcome: CheckOutcome | null }>;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string | null;
}

export interface Actor {
  id: string;
  role: UserRole;
  /** Where the staff member acts from, for the audit log. */
  ip?: string | undefined;
  userAgent?: string | undefined;
}

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

const snapshotContext = (userId: string, caseId: string) => ({
  table: 'kyc_cases',
  column: `snapshot:${caseId}`,
  userId,
});

const WEBHOOK_FOR: Partial<Record<CaseStatus, KycEventType>> = {
  submitted: 'kyc.submitted',
  approved: 'kyc.approved',
  rejected: 'kyc.rejected',
  needs_review: 'kyc.needs_review',
  action_required: 'kyc.action_required',
};

/** Transitions whose history event keeps the case's reasons. */
const REASONED: ReadonlySet<CaseStatus> = new Set(['needs_review', 'action_required']);

const locked = (message: string) => conflict('kyc_locked', message);

/**
 * The KYC lifecycle: cases, their transitions (one table, transitions.ts), the checks run as
 * background jobs against the frozen snapshot, and the automatic decision.
 */
function assertContactsVerified(profile: { emailVerified: boolean; mobileVerified: boolean }) {
  const unverified: FieldError[] = [];
  if (!profile.emailVerified)
    unverified.push({ field: '/email', code: 'unverified', message: 'Verify it through the emailed link' });
  if (!profile.mobileVerified)
    unverified.push({
      field: '/mobileNo',
      code: 'unverified',
      message: 'Verify it with the code sent by SMS',
    });
  if (unverified.length > 0)
    throw new AppError(
      'contacts_unverified',
      'Verify your email address and mobile number before submitting',
      {
        errors: unverified,
      },
    );
}

export class KycService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      keys: UserKeyService;
      keyRing: KeyRing;
      profiles: ProfileService;
      consents: ConsentService;
      documents: DocumentService;
      provider: CashfreeClient;
      jobs: Jobs | undefined;
      settings: CheckSettings;
      officialIdentities: OfficialIdentityService;
      audit: AuditService;
      /** Which reviewer decisions wait for a second reviewer (REVIEW_FOUR_EYES). */
      fourEyes: FourEyesMode;
      /** Submission waits for a verified email and mobile number (KYC_REQUIRE_VERIFIED_CONTACTS). */
      requireVerifiedContacts: boolean;
      /** Called after a transaction that wrote outbound webhooks has committed. */
      announce: () => Promise<void>;
      logger: FastifyBaseLogger;
    },
  ) {}

  /** For getDetails: the status of the latest case, `draft` before the first one. */
  async statusOf(executor: Executor, userId: string): Promise<CaseStatus> {
    return (await createKycRepository(executor).latestCase(userId))?.status ?? 'draft';
  }

  /**
   * The last final decision of any of the user's cases, apart from the case in progress: a customer
   * who started a re-KYC is still approved while the new case is a draft.
   */
  async lastDecisionOf(executor: Executor, userId: string): Promise<LastDecision> {
    const decided = await createKycRepository(executor).lastDecision(userId);
    return {
      verifiedStatus:
        decided?.status === 'approved' || decided?.status === 'rejected' ? decided.status : null,
      verifiedAt: decided?.decidedAt.toISOString() ?? null,
    };
  }

  /** For the host application: the latest case with its dates, and the last decision. */
  async hostView(userId: string): Promise<HostCaseView> {
    const repository = createKycRepository(this.db);
    const latest = await repository.latestCase(userId);
    const checks = latest ? await repository.checks(latest.id) : [];
    return {
      caseId: latest?.id ?? null,
      number: latest?.number ?? null,
      status: latest?.status ?? 'draft',
      reasons: latest?.reasons ?? [],
      userMessage: latest?.userMessage ?? null,
      checks: checks.map((check) => ({ type: check.type, outcome: check.outcome })),
      submittedAt: latest?.submittedAt?.toISOString() ?? null,
      decidedAt: latest?.decidedAt?.toISOString() ?? null,
      updatedAt: latest?.updatedAt.toISOString() ?? null,
      ...(await this.lastDecisionOf(this.db, userId)),
    };
  }

  /** The one place that decides whether the profile may change (called inside the update's transaction). */
  async assertProfileEditable(executor: Executor, userId: string): Promise<void> {
    const latest = await createKycRepository(executor).latestCase(userId);
    if (!latest || EDITABLE.has(latest.status)) return;
    if (latest.status === 'approved')
      throw locked('KYC is approved; start a re-KYC (POST /v1/kyc/rekyc) to change the profile');
    if (latest.status === 'rejected')
      throw locked('KYC was rejected; the profile cannot change unless the case is reopened');
    throw locked(`KYC is ${latest.status}; the profile cannot change until it is decided`);
  }

  async status(userId: string): Promise<CaseStatusView> {
    const repository = createKycRepository(this.db);
    const latest = await repository.latestCase(userId);
    if (!latest) {
      return {
        caseId: null,
        number: null,
        status: 'draft',
        checks: [],
        reasons: [],
        userMessage: null,
        updatedAt: null,
      };
    }
    return this.caseView(latest, await repository.checks(latest.id));
  }

  caseView(row: CaseRow, checks: CheckRow[]): CaseStatusView {
    return {
      caseId: row.id,
      number: row.number,
      status: row.status,
      checks: checks.map((check) => ({
        type: check.type,
        outcome: check.outcome,
        reason: check.reason,
        updatedAt: check.updatedAt.toISOString(),
      })),
      reasons: row.reasons,
      userMessage: row.userMessage,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /**
   * Freezes the profile into the open case and starts its checks. Refused with 409 `kyc_incomplete`
   * (listing what is missing) without all sections, a passed selfie and `kyc_verification` consent.
   */
  async submit(userId: string): Promise<CaseStatusView> {
    const profile = await this.deps.profiles.getDetails(userId);
    if (this.deps.requireVerifiedContacts) assertContactsVerified(profile);
    const caseId = await this.db.transaction(async (tx) => {
      const repository = createKycRepository(tx);
      const version = await this.lockProfileVersion(tx, userId);
      if (version !== profile.__v)
        throw conflict('version_conflict', 'The profile changed while submitting; try again');
      let open = await repository.openCase(userId, true);
      if (!open) {
        const latest = await repository.latestCase(userId);
        if (latest?.status === 'approved') throw locked('KYC is already approved; use POST /v1/kyc/rekyc');
        if (latest?.status === 'rejected') throw locked('KYC was rejected; contact support to reopen it');
        open = await repository.insertCase(userId);
      }
      if (!EDITABLE.has(open.status)) throw locked(`KYC is already ${open.status}`);

      const selfie = await createSelfieCheckRepository(tx).latestPassed(userId);
      const missing = SECTION_NAMES.filter((section) => {
        const value = profile[section];
        return value === null || (Array.isArray(value) && value.length === 0);
      }).map((section) => ({ field: `/${section}`, code: 'missing', message: 'This section is required' }));
      if (!selfie)
        missing.push({
          field: '/selfie',
          code: 'missing',
          message: 'A selfie must pass the liveliness check',
        });
      try {
        await this.deps.consents.require(userId, 'kyc_verification', tx);
      } catch (error) {
        // Only a missing consent is "incomplete"; anything else (the database away) stays what it is.
        if (!(error instanceof AppError && error.code === 'consent_required')) throw error;
        missing.push({
          field: '/consents/kyc_verification',
          code: 'missing',
          message: 'Consent is required',
        });
      }
      if (missing.length > 0) {
        throw new AppError('kyc_incomplete', 'The profile is not complete enough to submit', {
          errors: missing,
        });
      }

      const {
        userImage: _image,
        kycStatus: _status,
        verifiedStatus: _verified,
        verifiedAt: _verifiedAt,
        ...frozen
      } = profile;
      const snapshot: CaseSnapshot = {
        profile: frozen,
        selfie: {
          documentId: selfie!.documentId,
          score: selfie!.score,
          verificationId: selfie!.verificationId ?? null,
        },
      };
      const dataKey = await this.deps.keys.getOrCreate(tx, userId);
      await repository.updateCase(open.id, {
        snapshot: encryptField(dataKey, JSON.stringify(snapshot), snapshotContext(userId, open.id)),
        panBlindIndex: this.deps.keyRing.blindIndex('pan', profile.panDetails!.panNumber),
        submittedAt: new Date(),
        reasons: [],
        userMessage: null,
      });
      const actor = { id: userId, role: 'customer' as const };
      await this.transition(tx, open, 'submitted', actor);
      await repository.resetChecks(open.id, userId, CHECK_TYPES);
      await this.transition(tx, { ...open, status: 'submitted' }, 'verifying', actor);
      return open.id;
    });
    await this.enqueueChecks(caseId, CHECK_TYPES);
    await this.announce();
    return this.status(userId);
  }

  /** After approval: a new draft case; the approved one stays as it was (and stays the last decision). */
  async rekyc(userId: string): Promise<CaseStatusView> {
    await this.db.transaction(async (tx) => {
      await this.lockProfileVersion(tx, userId);
      const repository = createKycRepository(tx);
      const latest = await repository.latestCase(userId);
      if (latest?.status !== 'approved')
        throw conflict('kyc_not_approved', 'Re-KYC starts from an approved KYC');
      const created = await repository.insertCase(userId);
      await repository.appendEvent({
        caseId: created.id,
        userId,
        type: 'transition',
        fromStatus: null,
        toStatus: 'draft',
        actorId: userId,
        actorRole: 'customer',
        data: { rekycOf: latest.id },
      });
      await enqueueWebhook(tx, {
        type: 'kyc.rekyc_started',
        userId,
        caseId: created.id,
        status: 'draft',
        previousCaseId: latest.id,
        ...(await this.lastDecisionOf(tx, userId)),
      });
    });
    await this.announce();
    return this.status(userId);
  }

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
    await this.announce();
    return decided;
  }

  /** Four-eyes: a second, different reviewer applies the proposed decision. */
  async confirmProposal(caseId: string, actor: Actor): Promise<CaseRow> {
    const decided = await this.withProposal(caseId, actor, async (tx, row, proposal) => {
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
    await this.announce();
    return decided;
  }

  /** Four-eyes: a second, different reviewer discards the proposed decision, saying why. */
  async returnProposal(caseId: string, actor: Actor, note: string): Promise<CaseRow> {
    if (note.trim() === '') throw fieldError('/note', 'required', 'say why the proposal is returned');
    return this.withProposal(caseId, actor, async (tx, row, proposal) => {
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

  /** The pending proposal of a case (four-eyes), or undefined. */
  async proposalOf(caseId: string): Promise<ProposalRow | undefined> {
    return createProposalRepository(this.db).find(caseId);
  }

  /** Runs `act` on a case's pending proposal, which it then removes; only a reviewer other than its author. */
  private async withProposal(
    caseId: string,
    actor: Actor,
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
      if (proposal.proposedBy === actor.id)
        throw conflict(
          'four_eyes_same_reviewer',
          'A different reviewer must confirm or return this proposal',
        );
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
    await this.transition(
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
      await this.transition(tx, row, 'needs_review', actor, { reopened: true });
      // Besides the status event (kyc.needs_review): the rejection no longer stands.
      await enqueueWebhook(tx, {
        type: 'kyc.case_reopened',
        userId: row.userId,
        caseId: row.id,
        status: 'needs_review',
        reasons: row.reasons,
        ...(await this.lastDecisionOf(tx, row.userId)),
      });
      return row.userId;
    });
    await this.announce();
    return this.status(userId);
  }

  /** Background job: runs one check of a case; idempotent, and a no-op once the check is done. */
  async runCheck(caseId: string, type: CheckType): Promise<void> {
    const repository = createKycRepository(this.db);
    const row = await repository.findCase(caseId);
    const check = await repository.findCheck(caseId, type);
    if (!row || row.status !== 'verifying' || !check || check.state === 'done') return;
    const snapshot = await this.readSnapshot(row);
    const outcome = await CHECK_RUNNERS[type]({
      caseId,
      userId: row.userId,
      snapshot,
      previousVerificationId: check.verificationId,
      provider: this.deps.provider,
      settings: this.deps.settings,
      otherCasesWithSamePan: () =>
        repository.casesWithPanOfOthers(
          row.userId,
          this.deps.keyRing.blindIndexCandidates('pan', snapshot.profile.panDetails!.panNumber),
        ),
      officialIdentity: () => this.deps.officialIdentities.latest(this.db, row.userId),
      readDocument: async (documentId) =>
        (await this.deps.documents.read(documentId, { userId: row.userId })).bytes,
      rememberVerificationId: (verificationId) => repository.updateCheck(caseId, type, { verificationId }),
    });
    if ('pending' in outcome) return this.scheduleNextLook(check, outcome);
    await this.recordCheck(row, type, outcome);
  }

  /** Re-sends the jobs of checks that stalled (a crash between commit and enqueue, a lost job). */
  async resumeStalled(): Promise<number> {
    const stalled = await createKycRepository(this.db).stalledChecks(60);
    for (const { caseId, type } of stalled) await this.enqueueChecks(caseId, [type]);
    return stalled.length;
  }

  private async scheduleNextLook(check: CheckRow, pending: PendingResult) {
    const repository = createKycRepository(this.db);
    const attempts = check.attempts + 1;
    if (attempts > MAX_POLLS) {
      const row = (await repository.findCase(check.caseId))!;
      return this.recordCheck(row, check.type, {
        outcome: 'indeterminate',
        reason: 'provider_no_final_answer',
        verificationId: pending.verificationId,
      });
    }
    await repository.updateCheck(check.caseId, check.type, {
      attempts,
      verificationId: pending.verificationId,
    });
    await this.deps.jobs?.send(
      KYC_CHECK_JOB,
      { caseId: check.caseId, type: check.type },
      { singletonKey: `${check.caseId}:${check.type}:${attempts}`, startAfterSeconds: POLL_DELAY_SECONDS },
    );
  }

  private async recordCheck(row: CaseRow, type: CheckType, outcome: CheckResult) {
    await this.db.transaction(async (tx) => {
      const repository = createKycRepository(tx);
      const current = await repository.findCase(row.id, true);
      const check = await repository.findCheck(row.id, type);
      if (current?.status !== 'verifying' || !check || check.state === 'done') return;
      await repository.updateCheck(row.id, type, {
        state: 'done',
        outcome: outcome.outcome,
        reason: outcome.reason,
        verificationId: outcome.verificationId ?? check.verificationId,
        referenceId: outcome.referenceId ?? null,
        score: outcome.score ?? null,
        details: {
          ...(outcome.details ?? {}),
          ...(outcome.fixableSection ? { fixableSection: outcome.fixableSection } : {}),
        },
        attempts: check.attempts + 1,
      });
      await repository.appendEvent({
        caseId: row.id,
        userId: row.userId,
        type: 'check',
        data: { check: type, outcome: outcome.outcome, reason: outcome.reason },
      });
      await enqueueWebhook(tx, {
        type: 'kyc.check.completed',
        userId: row.userId,
        caseId: row.id,
        status: current.status,
        check: { type, outcome: outcome.outcome },
        ...(await this.lastDecisionOf(tx, row.userId)),
      });
      const checks = await repository.checks(row.id);
      if (checks.some((each) => each.state !== 'done')) return;
      const official = await this.deps.officialIdentities.latest(tx, row.userId);
      const decision = decide(checks, { hasAddress: official?.address !== undefined });
      await repository.updateCase(row.id, {
        reasons: decision.reasons,
        ...(decision.status === 'approved' ? { decidedAt: new Date() } : {}),
      });
      await this.transition(tx, { ...current, reasons: decision.reasons }, decision.status, {
        id: null,
        role: 'system',
      });
    });
    this.deps.logger.info({ caseId: row.id, check: type, outcome: outcome.outcome }, 'kyc check finished');
    await this.announce();
  }

  /** Delivery is best effort here: the every-minute delivery job picks up whatever this misses. */
  private async announce() {
    await this.deps
      .announce()
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not request webhook delivery'));
  }

  private async transition(
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

  private async enqueueChecks(caseId: string, types: readonly CheckType[]) {
    if (!this.deps.jobs) {
      this.deps.logger.warn(
        { caseId },
        'background jobs are disabled: KYC checks will not run in this process',
      );
      return;
    }
    for (const type of types) {
      await this.deps.jobs.send(KYC_CHECK_JOB, { caseId, type }, { singletonKey: `${caseId}:${type}` });
    }
  }

  async readSnapshot(row: CaseRow): Promise<CaseSnapshot> {
    const dataKey = await this.deps.keys.find(this.db, row.userId);
    if (!row.snapshot || !dataKey) throw new AppError('internal_error', 'The case snapshot cannot be read');
    return JSON.parse(
      decryptFieldString(dataKey, row.snapshot, snapshotContext(row.userId, row.id)),
    ) as CaseSnapshot;
  }

  private async lockProfileVersion(executor: Executor, userId: string): Promise<number> {
    const version = await createProfileRepository(executor).lockUser(userId);
    if (version === undefined) throw notFound('User');
    return version;
  }
}
