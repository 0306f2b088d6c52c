import { createHash } from 'node:crypto';
import { Value } from 'typebox/value';
import type { Database } from '../../db/client.js';
import { decryptFieldString, encryptField } from '../../lib/crypto/index.js';
import { AppError, conflict, fieldError, notFound, validationFailed } from '../../lib/errors.js';
import type { FieldError } from '../../lib/errors.js';
import {
  CashfreeConsentLostError,
  CashfreeError,
  CashfreeValidationError,
  cashfreeErrorToAppError,
} from '../../providers/cashfree/index.js';
import type { CashfreeClient, SecureShareUserDetailsResponse } from '../../providers/cashfree/index.js';
import type { ConsentService } from '../consents/service.js';
import type { UserKeyService } from '../keys/service.js';
import type { OfficialIdentityService } from '../official-identity/service.js';
import { ajvToFieldErrors } from '../../plugins/errors.js';
import { UpdateDataBody } from '../profile/schemas.js';
import type { ProfileService } from '../profile/service.js';
import { AADHAAR_FIELD, aadhaarIdentityFrom, maskedDrafts, maskedField, proposalFrom } from './proposal.js';
import type { Proposal, ProposedField } from './proposal.js';
import { createSecureShareRepository } from './repository.js';
import type { PrefillProposalRow, SecureShareSessionRow } from './repository.js';
import type { ApplyBody, ApplyResult, PrefillView } from './schemas.js';

/** Cashfree's sessions last an hour; used when its answer gives no expiry. */
const SESSION_TTL_MS = 60 * 60 * 1000;

/** The sections a proposal can write, with every field update_data requires in each. */
const REQUIRED = {
  panDetails: ['panNumber', 'name', 'dateOfBirth', 'mobileNo', 'email', 'iAm'],
  profileDetails: [
    'gender',
    'placeOfBirth',
    'occupation',
    'annualIncome',
    'citizenship',
    'informationConfirmation',
  ],
  addressDetails: [
    'permanentAddress',
    'permanentCity',
    'permanentPincode',
    'permanentState',
    'permanentCountry',
  ],
} as const;
type WritableSection = keyof typeof REQUIRED;

const proposalContext = (userId: string) => ({ table: 'prefill_proposals', column: 'proposal', userId });

const sessionNotFound = () => notFound('Secure-Share session');
const sessionCompleted = () =>
  conflict('session_completed', 'This Secure-Share session was already completed; start a new one');
const sessionExpired = () =>
  conflict('session_expired', 'This Secure-Share session has expired; start a new one');
/** The code was spent by an exchange whose answer was lost: only a new consent yields the details. */
const consentAgain = () =>
  conflict(
    'consent_again',
    'The consent could not be completed: ask the customer to consent again in a new Secure-Share session',
  );

function providerFailure(error: unknown): unknown {
  return error instanceof CashfreeError ? cashfreeErrorToAppError(error) : error;
}

/** `/panDetails/name` → ['panDetails', 'name'] for the writable sections; undefined for any other field. */
function splitField(field: string): [WritableSection, string] | undefined {
  const [, section, name, extra] = field.split('/');
  if (extra !== undefined || !name || !section || !(section in REQUIRED)) return undefined;
  return [section as WritableSection, name];
}

/**
 * Secure-Share (1-Click) prefill: a session for the front end's SDK, the auth code exchanged once for
 * the user's details, kept as an encrypted proposal until the user applies the fields they accept.
 */
export class SecureShareService {
  constructor(
    private readonly db: Database,
    private readonly provider: CashfreeClient,
    private readonly consents: ConsentService,
    private readonly keys: UserKeyService,
    private readonly officialIdentities: OfficialIdentityService,
    private readonly profiles: ProfileService,
    /** Only a verified mobile number is used (KYC_REQUIRE_VERIFIED_CONTACTS). */
    private readonly requireVerifiedMobile: boolean,
  ) {}

  async createSession(userId: string): Promise<{ sessionId: string; expiresAt: string }> {
    await this.consents.require(userId, 'secure_share_prefill');
    const repository = createSecureShareRepository(this.db);
    const account = await repository.userMobile(userId);
    if (!account) throw notFound('User');
    if (this.requireVerifiedMobile && !account.verified)
      throw conflict('contacts_unverified', 'Verify your mobile number first (POST /v1/auth/mobile/otp)');
    const mobile = account.mobileNo;
    let session;
    try {
      // Cashfree's flow asks about the mobile number first; with nothing to share there is no point in a session.
      const availability = await this.provider.checkSecureShareDataAvailability({ mobile }, { userId });
      session =
        availability.data.available_scopes.length > 0
          ? await this.provider.createSecureShareSession({ mobile }, { userId })
          : undefined;
    } catch (error) {
      throw providerFailure(error);
    }
    if (!session) throw conflict('prefill_unavailable', 'Secure-Share holds no data for your mobile number');
    const now = Date.now();
    const expiry = session.data.expiry ? Date.parse(session.data.expiry) : Number.NaN;
    const expiresAt = new Date(Number.isFinite(expiry) && expiry > now ? expiry : now + SESSION_TTL_MS);
    await repository.insertSession({
      userId,
      providerSessionId: session.data.session_id,
      verificationId: session.verificationId,
      expiresAt,
    });
    return { sessionId: session.data.session_id, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Exchanges the auth code for the user's details and keeps them as a proposal. Each session completes
   * once; the code that completed it gets the same answer again.
   */
  async complete(userId: string, authCode: string): Promise<PrefillView> {
    await this.consents.require(userId, 'secure_share_prefill');
    const repository = createSecureShareRepository(this.db);
    await repository.expireSessions(userId, new Date());
    const authCodeSha256 = createHash('sha256').update(authCode).digest('hex');
    const answered = await repository.sessionByAuthCode(userId, authCodeSha256);
    if (answered) return this.completedView(userId, answered);
    // Refused before the code is spent when no session of the user's can take it.
    const sessions = await repository.sessions(userId);
    if (!sessions.some((session) => session.state === 'created')) {
      const latest = sessions[0];
      if (!latest) throw sessionNotFound();
      throw latest.state === 'completed' ? sessionCompleted() : sessionExpired();
    }

    let details;
    try {
      const token = await this.provider.generateSecureShareToken({ authCode }, { userId });
      details = await this.provider.getSecureShareUserDetails(
        { accessToken: token.access_token },
        { userId },
      );
    } catch (error) {
      if (error instanceof CashfreeConsentLostError) throw consentAgain();
      if (error instanceof CashfreeValidationError && error.code === 'auth_code_value_invalid') {
        throw fieldError(
          '/authCode',
          'invalid_auth_code',
          'The auth code is unknown, expired or already used',
        );
      }
      throw providerFailure(error);
    }
    // Only the exchange tells which session a code was issued for; another user's session is not found.
    const owned = await repository.sessionByVerificationId(details.verification_id);
    if (!owned) throw sessionNotFound();
    if (owned.userId !== userId) {
      // The code is spent now: its result is kept for the session's owner, whose own attempt with it
      // then gets it, rather than failing because someone else presented the code first.
      await this.keepForOwner(owned, details, authCodeSha256);
      throw sessionNotFound();
    }
    const outcome = await this.store(owned, details, authCodeSha256);
    if (outcome === 'completed') throw sessionCompleted();
    if (outcome === 'expired') throw sessionExpired();
    return this.view(userId, outcome.row, outcome.proposal);
  }

  private async keepForOwner(
    session: SecureShareSessionRow,
    details: SecureShareUserDetailsResponse,
    authCodeSha256: string,
  ): Promise<void> {
    try {
      await this.consents.require(session.userId, 'secure_share_prefill');
    } catch (error) {
      if (error instanceof AppError && error.code === 'consent_required') return;
      throw error;
    }
    await this.store(session, details, authCodeSha256);
  }

  /** Stores the details for the session's owner and completes the session, unless it is over already. */
  private async store(
    owned: SecureShareSessionRow,
    details: SecureShareUserDetailsResponse,
    authCodeSha256: string,
  ): Promise<'completed' | 'expired' | { row: PrefillProposalRow; proposal: Proposal }> {
    const { userId } = owned;
    const proposal = proposalFrom(details);
    const identity = await aadhaarIdentityFrom(details);
    const now = new Date();
    return this.db.transaction(async (tx) => {
      const sessionsTx = createSecureShareRepository(tx);
      const session = await sessionsTx.lockSession(owned.id);
      if (!session || session.state === 'completed') return 'completed' as const;
      if (session.state === 'expired' || session.expiresAt <= now) {
        await sessionsTx.expireSessions(userId, now);
        return 'expired' as const;
      }
      const dataKey = await this.keys.getOrCreate(tx, userId);
      const row = await sessionsTx.insertProposal({
        userId,
        sessionId: session.id,
        proposal: encryptField(dataKey, JSON.stringify(proposal), proposalContext(userId)),
      });
      if (identity) {
        await this.officialIdentities.store(
          tx,
          dataKey,
          userId,
          'secure_share',
          session.verificationId,
          identity,
        );
      }
      await sessionsTx.completeSession(session.id, now, authCodeSha256);
      return { row, proposal };
    });
  }

  /** What completing the session answered, for the same code presented again. */
  private async completedView(userId: string, session: SecureShareSessionRow): Promise<PrefillView> {
    const row = await createSecureShareRepository(this.db).proposalOfSession(session.id);
    if (!row) throw sessionCompleted();
    return this.view(userId, row, await this.readProposal(userId, row));
  }

  /** The latest proposal, with identity numbers masked. */
  async prefill(userId: string): Promise<PrefillView> {
    const { row, proposal } = await this.latestProposal(userId);
    return this.view(userId, row, proposal);
  }

  /**
   * Writes the accepted fields through update_data's validation. A section is written only when,
   * with the fields the user already saved (and the account's email and mobile number for the PAN
   * section), every required field is present; the rest are reported. A field whose candidates
   * disagree is written only with the scope the user chose.
   */
  async apply(userId: string, request: ApplyBody, actorId: string): Promise<ApplyResult> {
    await this.consents.require(userId, 'secure_share_prefill');
    const { row, proposal } = await this.latestProposal(userId);
    const proposed = new Map(proposal.fields.map((entry) => [entry.field, entry]));
    const errors: FieldError[] = [];
    request.fields.forEach((field, index) => {
      if (!proposed.has(field)) {
        errors.push({
          field: `/fields/${index}`,
          code: 'not_proposed',
          message: `${field} is not in the proposal`,
        });
      }
    });
    const chosen = new Map<string, string>();
    (request.choices ?? []).forEach(({ field, scope }, index) => {
      const candidates = proposed.get(field)?.candidates ?? [];
      if (!candidates.some((candidate) => candidate.scope === scope)) {
        errors.push({
          field: `/choices/${index}/scope`,
          code: 'not_proposed',
          message: `${field} has no candidate from ${scope}`,
        });
      } else chosen.set(field, scope);
    });
    if (errors.length > 0) throw validationFailed(errors);

    const accepted: ProposedField[] = [];
    const skipped: ApplyResult['skipped'] = [];
    for (const field of new Set(request.fields)) {
      const entry = proposed.get(field)!;
      if (!entry.conflict) {
        accepted.push(entry);
        continue;
      }
      const choice = entry.candidates!.find((candidate) => candidate.scope === chosen.get(field));
      if (choice) accepted.push({ field, ...choice });
      else skipped.push(inConflict(entry));
    }

    const profile = await this.profiles.getDetails(userId);
    const body: UpdateDataBody = { __v: profile.__v };
    const applied: string[] = [];
    const drafted: string[] = [];
    const drafts = { ...proposal.drafts };
    const filledFromAccount: string[] = [];
    const bySection = new Map<WritableSection, ProposedField[]>();
    for (const entry of accepted) {
      const target = splitField(entry.field);
      if (target) bySection.set(target[0], [...(bySection.get(target[0]) ?? []), entry]);
      else skipped.push(notApplicable(entry.field));
    }
    const account = bySection.has('panDetails')
      ? await createSecureShareRepository(this.db).userContact(userId)
      : undefined;
    for (const [section, entries] of bySection) {
      // getDetails shows an optional field left empty as null; update_data takes it left out.
      const saved = Object.entries(profile[section] ?? {}).filter(([, value]) => value !== null);
      // What the user saved, then what they accepted before (the section's draft), then what they accept now.
      const merged: Record<string, unknown> = { ...Object.fromEntries(saved), ...drafts[section] };
      for (const entry of entries) merged[splitField(entry.field)![1]] = entry.value;
      const filled: string[] = [];
      if (section === 'panDetails' && account) {
        // The account's own contact details, rather than nothing, where Secure-Share gave none.
        for (const [name, value] of [
          ['email', account.email],
          ['mobileNo', account.mobileNo],
        ] as const) {
          if (merged[name] === undefined && value) {
            merged[name] = value;
            filled.push(`/panDetails/${name}`);
          }
        }
      }
      const missing = REQUIRED[section].filter((name) => merged[name] === undefined);
      if (missing.length > 0) {
        const paths = missing.map((name) => `/${section}/${name}`);
        for (const entry of entries) {
          skipped.push({
            field: entry.field,
            reason: 'section_incomplete',
            message: `${section} needs ${paths.join(', ')}: kept as a draft; save them in update_data, or apply again`,
            missing: paths,
          });
        }
        drafts[section] = {
          ...drafts[section],
          ...Object.fromEntries(entries.map((entry) => [splitField(entry.field)![1], entry.value])),
        };
        drafted.push(...entries.map((entry) => entry.field));
        continue;
      }
      delete drafts[section];
      (body as Record<string, unknown>)[section] = merged;
      applied.push(...entries.map((entry) => entry.field));
      filledFromAccount.push(...filled);
    }

    let version = profile.__v;
    if (applied.length > 0) {
      // The shape update_data's route would check; the service checks the rest.
      const shapeErrors = Value.Errors(UpdateDataBody, body);
      if (shapeErrors.length > 0) throw validationFailed(ajvToFieldErrors(shapeErrors));
      version = (await this.profiles.update(userId, body, { actorId })).__v;
      await createSecureShareRepository(this.db).markApplied(row.id, new Date());
    }
    if (drafted.length > 0 || applied.length > 0) await this.saveDrafts(userId, row, { ...proposal, drafts });
    return { applied, drafted, skipped, filledFromAccount, __v: version };
  }

  private async saveDrafts(userId: string, row: PrefillProposalRow, proposal: Proposal): Promise<void> {
    const dataKey = await this.keys.getOrCreate(this.db, userId);
    await createSecureShareRepository(this.db).replaceProposal(
      row.id,
      encryptField(dataKey, JSON.stringify(proposal), proposalContext(userId)),
    );
  }

  private async latestProposal(userId: string): Promise<{ row: PrefillProposalRow; proposal: Proposal }> {
    const row = await createSecureShareRepository(this.db).latestProposal(userId);
    if (!row) throw notFound('Prefill proposal');
    return { row, proposal: await this.readProposal(userId, row) };
  }

  private async readProposal(userId: string, row: PrefillProposalRow): Promise<Proposal> {
    const dataKey = await this.keys.find(this.db, userId);
    if (!dataKey) throw notFound('Prefill proposal');
    return JSON.parse(decryptFieldString(dataKey, row.proposal, proposalContext(userId))) as Proposal;
  }

  private async view(userId: string, row: PrefillProposalRow, proposal: Proposal): Promise<PrefillView> {
    const identity = await this.officialIdentities.viewOf(this.db, userId, proposal.verificationId);
    return {
      proposalId: row.id,
      createdAt: row.createdAt.toISOString(),
      appliedAt: row.appliedAt?.toISOString() ?? null,
      fields: proposal.fields.map(maskedField),
      drafts: maskedDrafts(proposal.drafts ?? {}),
      identity,
    };
  }
}

function inConflict(entry: ProposedField): ApplyResult['skipped'][number] {
  const scopes = entry.candidates!.map((candidate) => candidate.scope).join(', ');
  return {
    field: entry.field,
    reason: 'conflict',
    message: `${scopes} disagree: choose one in choices, or enter the value in update_data`,
    missing: [],
  };
}

/** The account and the Aadhaar number are proposals to complete or to recognise, not profile fields. */
function notApplicable(field: string): ApplyResult['skipped'][number] {
  if (field === AADHAAR_FIELD) {
    return {
      field,
      reason: 'not_applicable',
      message: 'The Aadhaar number is not a profile field; the Aadhaar identity is kept for verification',
      missing: [],
    };
  }
  return {
    field,
    reason: 'needs_completion',
    message:
      'Secure-Share gives the account without its type (and often without its IFSC): add it in bankDetails with the missing fields',
    missing: ['/bankDetails/-/ifscCode', '/bankDetails/-/accountType'],
  };
}
