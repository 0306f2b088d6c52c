import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { CaseStatus } from '../../db/schema/index.js';
import { decryptFieldString, encryptField } from '../../lib/crypto/index.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import type { Jobs } from '../../jobs/index.js';
import { CashfreeError, cashfreeErrorToAppError } from '../../providers/cashfree/index.js';
import type { CashfreeClient } from '../../providers/cashfree/index.js';
import type { AuditActor, AuditService } from '../audit/service.js';
import type { DocumentService } from '../documents/service.js';
import type { UserKeyService } from '../keys/service.js';
import type { CaseRow } from '../kyc/repository.js';
import type { Actor, KycService } from '../kyc/service.js';
import type { CaseTransitions } from '../kyc/transitions.js';
import { buildAccountOpeningForm, SIGNATURE_BOX } from './form.js';
import type { EsignView } from './schemas.js';
import { createEsignRepository } from './repository.js';
import { isFetchableSignedDocumentUrl } from './signed-document-url.js';
import type { EsignRequestRow } from './repository.js';

export const ESIGN_SEND_JOB = 'esign.send';
export const ESIGN_SWEEP_JOB = 'esign.sweep';
/** Approved cases older than this are not sent by the sweep (a deployment must not e-mail old customers). */
const SWEEP_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;
const SWEEP_BATCH = 50;
/** Cashfree takes PDFs up to 10 MB; a signed copy is the same document with a signature. */
const MAX_SIGNED_BYTES = 10 * 1024 * 1024;
const MAX_DOWNLOAD_REDIRECTS = 3;

export interface EsignSettings {
  enabled: boolean;
  /** Days the signing link lives (Cashfree allows 1 to 15). */
  expiryDays: number;
  /** Where Cashfree sends the customer after signing: the onboarding app's status page. */
  redirectUrl: string;
  downloadTimeoutMs: number;
  /** Cashfree's origin (or the simulator's): its links are fetched even over plain http in development. */
  providerOrigin: string;
}

export interface FormFile {
  bytes: Buffer;
  caseId: string;
  signed: boolean;
}

const linkContext = (userId: string, caseId: string) => ({
  table: 'esign_requests',
  column: `signing_link:${caseId}`,
  userId,
});

const asPdf = (bytes: Buffer) => ({
  bytes,
  contentType: 'application/pdf',
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

/** Cashfree's final states of a signing request, and the status of ours they become. */
const ENDED: Record<string, EsignRequestRow['status']> = { EXPIRED: 'expired', FAILURE: 'failed' };

/**
 * After approval the customer signs the account opening form with Aadhaar e-sign: the form is built
 * from the case snapshot and stored encrypted, sent to Cashfree, and the signed copy is kept when
 * the customer has signed. A provider failure leaves the case approved; the job retries the send.
 */
export class EsignService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      keys: UserKeyService;
      documents: DocumentService;
      kyc: KycService;
      transitions: CaseTransitions;
      audit: AuditService;
      provider: CashfreeClient;
      jobs: Jobs | undefined;
      settings: EsignSettings;
      logger: FastifyBaseLogger;
    },
  ) {}

  /** Whether approved cases are sent for e-sign: it is turned on and the background jobs that send it run. */
  private get required(): boolean {
    return this.deps.settings.enabled && this.deps.jobs !== undefined;
  }

  /** After a decision has committed: the sweep sends the forms of newly approved cases. */
  async requestSweep(): Promise<void> {
    const { jobs } = this.deps;
    if (!this.required || !jobs) return;
    await jobs
      .send(ESIGN_SWEEP_JOB, {}, { singletonKey: ESIGN_SWEEP_JOB })
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not request the e-sign sweep'));
  }

  /** Background job: sends newly approved cases' forms and settles the pending ones. */
  async sweep(): Promise<{ sent: number; settled: number }> {
    const repository = createEsignRepository(this.db);
    const approved = await repository.approvedWithoutRequest(
      new Date(Date.now() - SWEEP_LOOKBACK_MS),
      SWEEP_BATCH,
    );
    for (const caseId of approved)
      await this.deps.jobs?.send(ESIGN_SEND_JOB, { caseId }, { singletonKey: `esign:${caseId}` });
    let settled = 0;
    for (const caseId of await repository.pendingCases(SWEEP_BATCH)) {
      // One request Cashfree cannot answer now must not hold up the others: the next sweep looks again.
      const status = await this.refresh(caseId).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, caseId }, 'could not look up an e-sign request');
        return 'esign_pending' as const;
      });
      if (status !== 'esign_pending') settled++;
    }
    return { sent: approved.length, settled };
  }

  /** Background job: the first send after approval; a no-op once the case has moved on. */
  async sendAfterApproval(caseId: string): Promise<void> {
    const row = await this.deps.kyc.findCase(this.db, caseId);
    if (row?.status === 'approved') await this.send(caseId, 'system');
  }

  /**
   * Builds the form and asks Cashfree for the customer's signature; the case becomes `esign_pending`.
   * From `approved` (the first time, or after a failed send) or `esign_expired` (a re-send).
   */
  async send(caseId: string, requestedBy: Actor | 'system'): Promise<EsignView> {
    const row = await this.deps.kyc.findCase(this.db, caseId);
    if (!row) throw notFound('Case');
    if (row.status === 'esign_pending') return this.viewOf(row);
    assertSendable(row);
    const { pdf, pages } = await this.buildForm(row);
    const snapshot = await this.deps.kyc.readSnapshot(row);
    const { profile } = snapshot;
    let created;
    try {
      const upload = await this.deps.provider.uploadEsignDocument(
        { pdf, fileName: `account-opening-form-${row.number}.pdf` },
        { userId: row.userId },
      );
      created = await this.deps.provider.createEsignRequest(
        {
          documentId: String(upload.data.document_id),
          signer: {
            name: profile.name,
            email: profile.email,
            phone: profile.mobileNo,
            positions: [
              {
                page: pages,
                topLeftX: SIGNATURE_BOX.x1,
                topLeftY: SIGNATURE_BOX.y1,
                bottomRightX: SIGNATURE_BOX.x2,
                bottomRightY: SIGNATURE_BOX.y2,
              },
            ],
          },
          expiryInDays: this.deps.settings.expiryDays,
          redirectUrl: this.deps.settings.redirectUrl,
        },
        { userId: row.userId },
      );
    } catch (error) {
      throw error instanceof CashfreeError ? cashfreeErrorToAppError(error) : error;
    }
    const expiresAt = new Date(Date.now() + this.deps.settings.expiryDays * 24 * 60 * 60 * 1000);
    await this.db.transaction(async (tx) => {
      const current = await this.deps.kyc.findCase(tx, caseId, true);
      if (!current) throw notFound('Case');
      // Another send won the race: its request stands, this one is left to expire at Cashfree.
      if (current.status === 'esign_pending') return;
      assertSendable(current);
      const dataKey = await this.deps.keys.getOrCreate(tx, row.userId);
      const form = await this.deps.documents.store(
        tx,
        row.userId,
        dataKey,
        'account_opening_form',
        asPdf(pdf),
      );
      const request = await createEsignRepository(tx).insert({
        caseId,
        userId: row.userId,
        verificationId: created.verificationId,
        referenceId: String(created.data.reference_id),
        signingLink: encryptField(dataKey, created.data.signing_link, linkContext(row.userId, caseId)),
        expiresAt,
        formDocumentId: form.id,
        requestedBy: requestedBy === 'system' ? 'system' : requestedBy.role,
      });
      const actor = requestedBy === 'system' ? { id: null, role: 'system' as const } : requestedBy;
      await this.deps.transitions.transition(tx, current, 'esign_pending', actor, {
        esignRequestId: request.id,
        resent: current.status === 'esign_expired',
      });
      if (requestedBy !== 'system' && requestedBy.role !== 'customer')
        await this.deps.audit.record(tx, requestedBy, {
          action: 'case_esign_resent',
          targetType: 'case',
          targetId: caseId,
        });
    });
    await this.deps.transitions.announce();
    return this.viewOf((await this.deps.kyc.findCase(this.db, caseId))!);
  }

  /**
   * Asks Cashfree about the case's pending request: signed → the signed copy is stored and the case
   * is `completed`; expired or failed → `esign_expired`. Returns the case's status.
   */
  async refresh(caseId: string): Promise<CaseStatus> {
    const row = await this.deps.kyc.findCase(this.db, caseId);
    if (!row || row.status !== 'esign_pending') return row?.status ?? 'draft';
    const request = await createEsignRepository(this.db).latestOfCase(caseId);
    if (!request || request.status !== 'pending') return row.status;
    let answer;
    try {
      answer = await this.deps.provider.getEsignStatus(request.verificationId, { userId: row.userId });
    } catch (error) {
      throw error instanceof CashfreeError ? cashfreeErrorToAppError(error) : error;
    }
    const ended = ENDED[answer.status];
    if (answer.status !== 'SUCCESS' && !ended) {
      await createEsignRepository(this.db).update(request.id, {});
      return row.status;
    }
    const signed = answer.status === 'SUCCESS' ? await this.download(answer.signed_doc_url) : undefined;
    await this.db.transaction(async (tx) => {
      const current = await this.deps.kyc.findCase(tx, caseId, true);
      if (current?.status !== 'esign_pending') return;
      const repository = createEsignRepository(tx);
      const system = { id: null, role: 'system' as const };
      if (signed) {
        const dataKey = await this.deps.keys.getOrCreate(tx, row.userId);
        const document = await this.deps.documents.store(
          tx,
          row.userId,
          dataKey,
          'signed_account_opening_form',
          asPdf(signed),
        );
        await repository.update(request.id, { status: 'signed', signedDocumentId: document.id });
        await this.deps.transitions.transition(tx, current, 'completed', system, {
          esignRequestId: request.id,
        });
      } else {
        await repository.update(request.id, { status: ended! });
        await this.deps.transitions.transition(tx, current, 'esign_expired', system, {
          esignRequestId: request.id,
          outcome: answer.status,
        });
      }
    });
    await this.deps.transitions.announce();
    return (await this.deps.kyc.findCase(this.db, caseId))!.status;
  }

  /**
   * Cashfree's E_SIGN_VERIFICATION_* webhook names a signing request: its status is looked up now
   * rather than at the next sweep. A lookup that fails is logged and left to the sweep, which
   * polls every pending request; the webhook itself is not trusted for the outcome.
   */
  async settleFromWebhook(verificationId: string): Promise<void> {
    try {
      const request = await createEsignRepository(this.db).findByVerificationId(verificationId);
      if (request?.status === 'pending') await this.refresh(request.caseId);
    } catch (error) {
      // The delivery is stored already: answering 500 would only make Cashfree send a duplicate.
      this.deps.logger.warn(
        { err: error, verificationId },
        'could not settle an e-sign request from its webhook; the sweep looks again',
      );
    }
  }

  /** The customer's e-sign: a pending request is looked up first (they may be back from signing). */
  async customerView(userId: string): Promise<EsignView> {
    const latest = await this.latestCase(userId);
    if (latest.status === 'esign_pending') await this.refresh(latest.id);
    return this.viewOf((await this.deps.kyc.findCase(this.db, latest.id))!);
  }

  /** The customer asks for a new signing link (after expiry, or when the first send failed). */
  async resendForCustomer(userId: string): Promise<EsignView> {
    const latest = await this.latestCase(userId);
    return this.send(latest.id, { id: userId, role: 'customer' });
  }

  /** A reviewer re-sends the form of a case (audited). */
  async resendForStaff(caseId: string, actor: Actor): Promise<EsignView> {
    if (!isUuid(caseId)) throw notFound('Case');
    return this.send(caseId, actor);
  }

  /** The customer's (or the host's) latest signed form. */
  async signedFormOf(userId: string): Promise<FormFile> {
    if (!isUuid(userId)) throw notFound('Signed account opening form');
    const request = await createEsignRepository(this.db).latestSignedOfUser(userId);
    if (!request?.signedDocumentId) throw notFound('Signed account opening form');
    const document = await this.deps.documents.read(request.signedDocumentId, { userId });
    return { bytes: document.bytes, caseId: request.caseId, signed: true };
  }

  /** For a reviewer: the signed form, or the form as sent while it is unsigned; audited. */
  async formForStaff(caseId: string, actor: AuditActor): Promise<FormFile> {
    if (!isUuid(caseId)) throw notFound('Case');
    const request = await createEsignRepository(this.db).latestOfCase(caseId);
    if (!request) throw notFound('Account opening form');
    const documentId = request.signedDocumentId ?? request.formDocumentId;
    const document = await this.deps.documents.read(documentId, { userId: request.userId });
    const signed = request.signedDocumentId !== null;
    await this.db.transaction((tx) =>
      this.deps.audit.record(tx, actor, {
        action: 'case_form_downloaded',
        targetType: 'case',
        targetId: caseId,
        details: { signed },
      }),
    );
    return { bytes: document.bytes, caseId, signed };
  }

  private async latestCase(userId: string): Promise<CaseRow> {
    const latest = await this.deps.kyc.latestCase(userId);
    if (!latest) throw conflict('kyc_not_approved', 'KYC is not approved yet');
    return latest;
  }

  private async viewOf(row: CaseRow): Promise<EsignView> {
    const request = await createEsignRepository(this.db).latestOfCase(row.id);
    const pending = row.status === 'esign_pending' && request?.status === 'pending';
    const dataKey = pending ? await this.deps.keys.find(this.db, row.userId) : undefined;
    return {
      caseId: row.id,
      status: row.status,
      required: this.required,
      signingLink:
        pending && dataKey
          ? decryptFieldString(dataKey, request.signingLink, linkContext(row.userId, row.id))
          : null,
      expiresAt: request?.expiresAt.toISOString() ?? null,
      signedAt: request?.status === 'signed' ? request.updatedAt.toISOString() : null,
      signingFailed: row.status === 'esign_expired' && request?.status === 'failed',
    };
  }

  private async buildForm(row: CaseRow) {
    const snapshot = await this.deps.kyc.readSnapshot(row);
    const selfie = snapshot.selfie
      ? await this.deps.documents.read(snapshot.selfie.documentId, { userId: row.userId })
      : undefined;
    return buildAccountOpeningForm({
      caseNumber: row.number,
      caseId: row.id,
      approvedAt: row.decidedAt,
      profile: snapshot.profile as unknown as Record<string, unknown>,
      selfie: selfie ? { bytes: selfie.bytes, contentType: selfie.contentType } : null,
      checks: (await this.deps.kyc.checksOf(row.id)).map((check) => ({
        type: check.type,
        outcome: check.outcome,
        reason: check.reason,
        verificationId: check.verificationId,
        referenceId: check.referenceId,
      })),
      events: (await this.deps.kyc.eventsOf(row.id)).map((event) => ({
        at: event.createdAt,
        type: event.type,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        actorRole: event.actorRole,
      })),
      generatedAt: new Date(),
    });
  }

  /** The signed copy from Cashfree's pre-signed link: a PDF of bounded size, or an error to retry. */
  private async download(url: string | null | undefined): Promise<Buffer> {
    if (!url)
      throw new AppError('provider_unavailable', 'Cashfree reported a signature without the signed document');
    const response = await this.fetchSignedDocument(url);
    const length = Number(response.headers.get('content-length') ?? 0);
    if (!response.ok || length > MAX_SIGNED_BYTES)
      throw new AppError(
        'provider_unavailable',
        `The signed document could not be fetched (${response.status})`,
      );
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_SIGNED_BYTES || bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw new AppError('provider_unavailable', 'The signed document is not a PDF');
    return bytes;
  }

  /** Follows a few redirects by hand, so every hop passes the same check as the link itself. */
  private async fetchSignedDocument(link: string): Promise<Response> {
    const signal = AbortSignal.timeout(this.deps.settings.downloadTimeoutMs);
    let url = link;
    for (let hop = 0; hop <= MAX_DOWNLOAD_REDIRECTS; hop++) {
      if (!isFetchableSignedDocumentUrl(url, this.deps.settings.providerOrigin)) {
        this.deps.logger.warn(
          { host: URL.canParse(url) ? new URL(url).host : null },
          'signed form link refused',
        );
        throw new AppError(
          'provider_unavailable',
          'Cashfree reported a signed document link that is not a public https address',
        );
      }
      const response = await fetch(url, { signal, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      url = new URL(location, url).toString();
    }
    throw new AppError('provider_unavailable', 'The signed document link redirected too many times');
  }
}

function assertSendable(row: CaseRow) {
  if (row.status !== 'approved' && row.status !== 'esign_expired')
    throw conflict(
      row.status === 'completed' ? 'case_already_decided' : 'kyc_not_approved',
      row.status === 'completed'
        ? 'The account opening form is already signed'
        : `The case is ${row.status}: the form is sent for e-sign once it is approved`,
    );
}
