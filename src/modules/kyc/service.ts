import type { Database, Executor } from '../../db/client.js';
import { CHECK_TYPES } from '../../db/schema/index.js';
import type { CaseStatus, CheckOutcome, CheckType, UserRole } from '../../db/schema/index.js';
import { encryptField } from '../../lib/crypto/index.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { AppError, conflict } from '../../lib/errors.js';
import type { FieldError } from '../../lib/errors.js';
import type { ConsentService } from '../consents/service.js';
import type { UserKeyService } from '../keys/service.js';
import { SECTIONS } from '../profile/sections.js';
import type { ProfileService } from '../profile/service.js';
import { enqueueWebhook } from '../webhooks/outbox.js';
import type { KycCheckRunner } from './check-runner.js';
import type { CaseSnapshot } from './check-kit.js';
import type { LastDecision } from './schemas.js';
import { createKycRepository } from './repository.js';
import { sectionsDiffering } from './fixes.js';
import type { Fix } from './fixes.js';
import { CaseFixes } from './case-fixes.js';
import type { LastRequest } from './case-fixes.js';
import type { CaseRow, CheckRow, EventRow, NewEvent } from './repository.js';
import { readSnapshot, snapshotContext } from './snapshot.js';
import type { IpvService } from '../liveliness/ipv-service.js';
import type { OfficialIdentityService } from '../official-identity/service.js';
import type { LivelinessService } from '../liveliness/service.js';
import type { CaseTransitions } from './transitions.js';
import { APPROVED, EDITABLE } from './transitions.js';

/** An approved case whose account opening form the customer has not signed yet. */
const AWAITING_SIGNATURE: ReadonlySet<CaseStatus> = new Set(['esign_pending', 'esign_expired']);

export interface CaseStatusView {
  caseId: string | null;
  number: number | null;
  status: CaseStatus;
  checks: Array<{ type: CheckType; outcome: CheckOutcome | null; reason: string | null; updatedAt: string }>;
  reasons: string[];
  fixes: Fix[];
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

export const locked = (message: string) => conflict('kyc_locked', message);

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

/**
 * The KYC lifecycle seen by the customer: the case's status, submission (which freezes the profile
 * and starts the checks, check-runner.ts) and re-KYC. Reviewer decisions are in decisions.ts; the
 * allowed moves of a case in transitions.ts.
 */
export class KycService {
  private readonly fixes: CaseFixes;

  constructor(
    private readonly db: Database,
    private readonly deps: {
      keys: UserKeyService;
      keyRing: KeyRing;
      profiles: ProfileService;
      consents: ConsentService;
      checks: KycCheckRunner;
      ipv: IpvService;
      liveliness: LivelinessService;
      officialIdentities: OfficialIdentityService;
      transitions: CaseTransitions;
      /** Submission waits for a verified email and mobile number (KYC_REQUIRE_VERIFIED_CONTACTS). */
      requireVerifiedContacts: boolean;
    },
  ) {
    this.fixes = new CaseFixes(db, deps);
  }

  /** For the host application: the user's last final decision (CaseTransitions). */
  async lastDecisionOf(executor: Executor, userId: string): Promise<LastDecision> {
    return this.deps.transitions.lastDecisionOf(executor, userId);
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
        fixes: [],
        userMessage: null,
        updatedAt: null,
      };
    }
    return this.caseView(latest, await repository.checks(latest.id));
  }

  /** For the reviewer's case view: the case's latest request for changes (case-fixes.ts). */
  lastRequest(
    row: CaseRow,
    events: readonly EventRow[],
    snapshot: CaseSnapshot | null,
  ): Promise<LastRequest | null> {
    return this.fixes.lastRequest(row, events, snapshot);
  }

  async caseView(row: CaseRow, checks: CheckRow[]): Promise<CaseStatusView> {
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
      fixes: await this.fixes.of(row),
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
      const version = await this.deps.profiles.lockVersion(tx, userId);
      if (version !== profile.__v)
        throw conflict('version_conflict', 'The profile changed while submitting; try again');
      let open = await repository.openCase(userId, true);
      if (!open) {
        const latest = await repository.latestCase(userId);
        if (latest && APPROVED.has(latest.status))
          throw locked('KYC is already approved; use POST /v1/kyc/rekyc');
        if (latest?.status === 'rejected') throw locked('KYC was rejected; contact support to reopen it');
        open = await repository.insertCase(userId);
      }
      if (!EDITABLE.has(open.status)) throw locked(`KYC is already ${open.status}`);

      const selfie = await this.deps.liveliness.latestPassed(tx, userId);
      const missing = SECTIONS.filter((section) => {
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
          ipv: await this.deps.ipv.snapshotOf(tx, userId, selfie!.id),
        },
      };
      // A resubmission records which sections differ from the profile the request for changes was about,
      // since this snapshot replaces that one (the reviewer's lastRequest reads it).
      const resubmitted =
        open.status === 'action_required' && open.snapshot
          ? {
              changedSections: sectionsDiffering(
                (await readSnapshot(tx, this.deps.keys, open)).profile,
                frozen,
              ),
            }
          : {};
      const dataKey = await this.deps.keys.getOrCreate(tx, userId);
      await repository.updateCase(open.id, {
        snapshot: encryptField(dataKey, JSON.stringify(snapshot), snapshotContext(userId, open.id)),
        panBlindIndex: this.deps.keyRing.blindIndex('pan', profile.panDetails!.panNumber),
        submittedAt: new Date(),
        reasons: [],
        userMessage: null,
      });
      const actor = { id: userId, role: 'customer' as const };
      await this.deps.transitions.transition(tx, open, 'submitted', actor, resubmitted);
      await repository.resetChecks(open.id, userId, CHECK_TYPES);
      await this.deps.transitions.transition(tx, { ...open, status: 'submitted' }, 'verifying', actor);
      return open.id;
    });
    await this.deps.checks.enqueueChecks(caseId, CHECK_TYPES);
    await this.deps.transitions.announce();
    return this.status(userId);
  }

  /**
   * After approval: a new draft case; the approved one stays as it was (and stays the last decision).
   * Refused while the approved case's account opening form waits for the customer's signature.
   */
  async rekyc(userId: string): Promise<CaseStatusView> {
    await this.db.transaction(async (tx) => {
      await this.deps.profiles.lockVersion(tx, userId);
      const repository = createKycRepository(tx);
      const latest = await repository.latestCase(userId);
      if (!latest || !APPROVED.has(latest.status))
        throw conflict('kyc_not_approved', 'Re-KYC starts from an approved KYC');
      // The e-sign and its re-send follow the latest case: a draft in front would strand the unsigned form.
      if (AWAITING_SIGNATURE.has(latest.status))
        throw locked('Sign the account opening form first (GET /v1/kyc/esign), then start a re-KYC');
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
    await this.deps.transitions.announce();
    return this.status(userId);
  }

  /** A case by id; with `lock`, locked until `executor`'s transaction ends. For the modules acting on cases. */
  findCase(executor: Executor, caseId: string, lock = false): Promise<CaseRow | undefined> {
    return createKycRepository(executor).findCase(caseId, lock);
  }

  /** The user's newest case, whatever its status. */
  latestCase(userId: string): Promise<CaseRow | undefined> {
    return createKycRepository(this.db).latestCase(userId);
  }

  checksOf(caseId: string): Promise<CheckRow[]> {
    return createKycRepository(this.db).checks(caseId);
  }

  /** The case's history, oldest first. */
  eventsOf(caseId: string): Promise<EventRow[]> {
    return createKycRepository(this.db).events(caseId);
  }

  /** Adds to the case's history in `executor`'s transaction. */
  recordEvent(executor: Executor, event: NewEvent): Promise<void> {
    return createKycRepository(executor).appendEvent(event);
  }

  /** The profile frozen into a submitted case. */
  async readSnapshot(row: CaseRow): Promise<CaseSnapshot> {
    return readSnapshot(this.db, this.deps.keys, row);
  }
}
