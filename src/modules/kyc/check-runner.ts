import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { CheckType } from '../../db/schema/index.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import type { Jobs } from '../../jobs/index.js';
import type { CashfreeClient } from '../../providers/cashfree/index.js';
import type { DocumentService } from '../documents/service.js';
import type { ConsentService } from '../consents/service.js';
import type { UserKeyService } from '../keys/service.js';
import type { OfficialIdentityService } from '../official-identity/service.js';
import { enqueueWebhook } from '../webhooks/outbox.js';
import { CHECK_RUNNERS } from './checks.js';
import type { CheckResult, CheckSettings, PendingResult } from './check-kit.js';
import { decide } from './decision.js';
import { createKycRepository } from './repository.js';
import type { CaseRow, CheckRow } from './repository.js';
import { readSnapshot } from './snapshot.js';
import type { CaseTransitions } from './transitions.js';

export const KYC_CHECK_JOB = 'kyc.check';
export const KYC_RESUME_JOB = 'kyc.resume';
/** How long to wait between status lookups of an asynchronous check (bank account). */
const POLL_DELAY_SECONDS = 5;
/** After this many lookups the bank still has not answered: a human takes over. */
const MAX_POLLS = 60;

/**
 * The checks of a submitted case, run as background jobs against its frozen snapshot, and the
 * automatic decision once the last one is done.
 */
export class KycCheckRunner {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      keys: UserKeyService;
      keyRing: KeyRing;
      documents: DocumentService;
      provider: CashfreeClient;
      jobs: Jobs | undefined;
      settings: CheckSettings;
      officialIdentities: OfficialIdentityService;
      transitions: CaseTransitions;
      consents: ConsentService;
      logger: FastifyBaseLogger;
    },
  ) {}

  /** Background job: runs one check of a case; idempotent, and a no-op once the check is done. */
  async runCheck(caseId: string, type: CheckType): Promise<void> {
    const repository = createKycRepository(this.db);
    const row = await repository.findCase(caseId);
    const check = await repository.findCheck(caseId, type);
    if (!row || row.status !== 'verifying' || !check || check.state === 'done') return;
    // A withdrawn consent stops the checks still pending: nothing more is sent to the verifier.
    if (!(await this.deps.consents.isActive(row.userId, 'kyc_verification'))) {
      return this.recordCheck(row, type, { outcome: 'indeterminate', reason: 'consent_withdrawn' });
    }
    const snapshot = await readSnapshot(this.db, this.deps.keys, row);
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
        ...(await this.deps.transitions.lastDecisionOf(tx, row.userId)),
      });
      const checks = await repository.checks(row.id);
      if (checks.some((each) => each.state !== 'done')) return;
      const official = await this.deps.officialIdentities.latest(tx, row.userId);
      const { pepDetails: pep } = (await readSnapshot(tx, this.deps.keys, current)).profile;
      const decision = decide(checks, {
        hasOfficialAddress: official?.address !== undefined,
        // Cases submitted before the declarations existed have none in their snapshot.
        pepDeclared: Boolean(pep?.politicallyExposed || pep?.relatedToPoliticallyExposed),
      });
      await repository.updateCase(row.id, {
        reasons: decision.reasons,
        ...(decision.status === 'approved' ? { decidedAt: new Date() } : {}),
      });
      await this.deps.transitions.transition(tx, { ...current, reasons: decision.reasons }, decision.status, {
        id: null,
        role: 'system',
      });
    });
    this.deps.logger.info({ caseId: row.id, check: type, outcome: outcome.outcome }, 'kyc check finished');
    await this.deps.transitions.announce();
  }

  async enqueueChecks(caseId: string, types: readonly CheckType[]) {
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
}
