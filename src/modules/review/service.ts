import type { Database } from '../../db/client.js';
import type { CaseStatus, UserRole } from '../../db/schema/index.js';
import { conflict, fieldError, forbidden, notFound } from '../../lib/errors.js';
import { assertNoIdentityNumbers } from '../../lib/identity-numbers.js';
import { isUuid } from '../../lib/ids.js';
import type { DigilockerService } from '../digilocker/service.js';
import type { AuditService } from '../audit/service.js';
import type { ActiveSession } from '../auth/repository.js';
import type { AuthService } from '../auth/service.js';
import { DOCUMENT_URL_TTL_SECONDS } from '../documents/service.js';
import type { DocumentService } from '../documents/service.js';
import type { ProposalRow } from '../kyc/proposal-repository.js';
import type { CaseRow } from '../kyc/repository.js';
import type { KycDecisionService } from '../kyc/decisions.js';
import type { Actor, KycService } from '../kyc/service.js';
import { ownerView } from '../official-identity/service.js';
import type { OfficialIdentityService } from '../official-identity/service.js';
import type { StaffService } from '../staff/service.js';
import { compareFields } from './identity-view.js';
import { maskSnapshot, revealValue } from './masking.js';
import type { RevealField } from './masking.js';
import { createNoteRepository } from './note-repository.js';
import type { NoteRow } from './note-repository.js';

/** The reviewer's desk: the full case view (audited), decisions; the queue is ReviewQueueService. */
export class ReviewService {
  constructor(
    private readonly db: Database,
    private readonly kyc: KycService,
    private readonly documents: DocumentService,
    private readonly officialIdentities: OfficialIdentityService,
    private readonly digilocker: DigilockerService,
    private readonly deps: {
      decisions: KycDecisionService;
      audit: AuditService;
      auth: AuthService;
      staff: StaffService;
      /** PUBLIC_URL: document links in the view are absolute. */
      publicUrl: string;
    },
  ) {}

  /**
   * The whole case for a reviewer, identity numbers masked (see `reveal`), documents as fresh
   * absolute links. Every view is recorded in the case history and the audit log.
   */
  async view(caseId: string, actor: Actor) {
    if (!isUuid(caseId)) throw notFound('Case');
    const row = await this.kyc.findCase(this.db, caseId);
    if (!row) throw notFound('Case');
    await this.db.transaction(async (tx) => {
      await this.kyc.recordEvent(tx, {
        caseId,
        userId: row.userId,
        type: 'view',
        actorId: actor.id,
        actorRole: actor.role,
      });
      await this.deps.audit.record(tx, actor, {
        action: 'case_viewed',
        targetType: 'case',
        targetId: caseId,
      });
    });
    const [checks, events, official, digilocker, notes, proposal] = await Promise.all([
      this.kyc.checksOf(caseId),
      this.kyc.eventsOf(caseId),
      this.officialIdentities.latest(this.db, row.userId),
      this.digilocker.latestRequest(row.userId),
      createNoteRepository(this.db).ofCase(caseId),
      this.deps.decisions.proposalOf(caseId),
    ]);
    const snapshot = row.snapshot ? await this.kyc.readSnapshot(row) : null;
    const lastRequest = await this.kyc.lastRequest(row, events, snapshot);
    const names = await this.deps.staff.displayNames([
      ...events.flatMap((event) => (event.actorId ? [event.actorId] : [])),
      ...notes.map((note) => note.authorId),
      ...(proposal ? [proposal.proposedBy] : []),
      ...(row.assignedTo ? [row.assignedTo] : []),
    ]);
    const person = (id: string) => {
      const known = names.get(id);
      return { id, name: known?.name ?? null };
    };

    const documents = await this.documentLinks(row.userId, [
      ...(snapshot?.selfie ? [{ kind: 'selfie' as const, id: snapshot.selfie.documentId }] : []),
      ...(official?.photoDocumentId
        ? [{ kind: 'official_photo' as const, id: official.photoDocumentId }]
        : []),
      ...(snapshot?.profile.dematDetails ?? []).flatMap((demat) =>
        demat.clientMasterCopy
          ? [{ kind: 'client_master_copy' as const, id: demat.clientMasterCopy._id }]
          : [],
      ),
      ...(snapshot?.profile.tradingPreferences?.incomeProof?.document
        ? [
            {
              kind: 'income_proof' as const,
              id: snapshot.profile.tradingPreferences.incomeProof.document._id,
            },
          ]
        : []),
    ]);
    const urlOf = (id: string | undefined) => documents.find((doc) => doc.documentId === id)?.url ?? null;
    const selfieUrl = urlOf(snapshot?.selfie?.documentId);
    const officialPhotoUrl = urlOf(official?.photoDocumentId);
    const faceMatch = checks.find((check) => check.type === 'face_match');
    const identityMatch = checks.find((check) => check.type === 'identity_match');
    return {
      case: await this.kyc.caseView(row, checks),
      userId: row.userId,
      readOnly: row.status !== 'needs_review',
      assignee: row.assignedTo ? person(row.assignedTo) : null,
      internalNote: row.internalNote,
      snapshot: snapshot ? maskSnapshot(snapshot, (id) => urlOf(id) ?? this.absoluteUrl(id)) : null,
      checks: checks.map((check) => ({
        type: check.type,
        outcome: check.outcome,
        reason: check.reason,
        verificationId: check.verificationId,
        referenceId: check.referenceId,
        score: check.score,
        details: check.details,
      })),
      documents: documents.map(({ documentId: _id, ...doc }) => doc),
      official: {
        identity: official
          ? {
              source: official.source,
              name: official.name ?? null,
              dateOfBirth: official.dateOfBirth ?? null,
              gender: official.gender ?? null,
              aadhaarLast4: official.aadhaarLast4 ?? null,
              addressDetails: ownerView(official).addressDetails,
              photoUrl: officialPhotoUrl,
              fetchedAt: official.fetchedAt.toISOString(),
            }
          : null,
        digilocker,
        fields: official && snapshot ? compareFields(snapshot, official, identityMatch) : [],
        face: {
          selfieUrl,
          officialPhotoUrl,
          score: faceMatch?.score ?? null,
          outcome: faceMatch?.outcome ?? null,
          reason: faceMatch?.reason ?? null,
        },
      },
      // The columns are plain text; the case service writes only case statuses and actor roles to them.
      history: events.map((event) => ({
        type: event.type,
        fromStatus: event.fromStatus as CaseStatus | null,
        toStatus: event.toStatus as CaseStatus | null,
        actorRole: event.actorRole as UserRole | 'system' | null,
        // The role the person had when acting, which may differ from their role today.
        actor: event.actorId ? { ...person(event.actorId), role: event.actorRole as UserRole } : null,
        data: event.data,
        at: event.createdAt.toISOString(),
      })),
      notes: notes.map((note) => noteView(note, person(note.authorId))),
      proposal: proposal ? proposalView(proposal, person) : null,
      lastRequest,
    };
  }

  /** What a decision answers: the case as the customer sees it, and the proposal it awaits (four-eyes). */
  async decisionView(row: CaseRow) {
    const [status, proposal] = await Promise.all([
      this.kyc.status(row.userId),
      this.deps.decisions.proposalOf(row.id),
    ]);
    if (!proposal) return { ...status, proposal: null };
    const names = await this.deps.staff.displayNames([proposal.proposedBy]);
    return {
      ...status,
      proposal: proposalView(proposal, (id) => ({ id, name: names.get(id)?.name ?? null })),
    };
  }

  /** An internal note on a case, for staff only; audited. */
  async addNote(caseId: string, actor: Actor, text: string) {
    if (!isUuid(caseId)) throw notFound('Case');
    if (text.trim() === '') throw fieldError('/text', 'required', 'must not be blank');
    assertNoIdentityNumbers({ '/text': text });
    const note = await this.db.transaction(async (tx) => {
      if (!(await this.kyc.findCase(tx, caseId))) throw notFound('Case');
      const row = await createNoteRepository(tx).insert({ caseId, authorId: actor.id, text: text.trim() });
      await this.deps.audit.record(tx, actor, {
        action: 'case_note_added',
        targetType: 'case',
        targetId: caseId,
        details: { noteId: row.id },
      });
      return row;
    });
    const names = await this.deps.staff.displayNames([actor.id]);
    return noteView(note, { id: actor.id, name: names.get(actor.id)?.name ?? null });
  }

  /**
   * One full identity number of a case, for a session whose second factor was checked in the last
   * few minutes (403 `second_factor_required` otherwise). A case not awaiting review is read-only:
   * only an admin may reveal its values (409 `case_read_only` for a reviewer). Audited with the reason.
   */
  async reveal(
    caseId: string,
    actor: Actor,
    session: ActiveSession,
    request: { field: RevealField; index?: number | undefined; reason: string },
  ) {
    if (!isUuid(caseId)) throw notFound('Case');
    const reason = request.reason.trim();
    if (reason.length < 10) throw fieldError('/reason', 'too_short', 'say why, in at least 10 characters');
    // The reason is kept in the audit log for good: the value revealed must not end up in it.
    assertNoIdentityNumbers({ '/reason': reason });
    if (!this.deps.auth.hasRecentSecondFactor(session))
      throw forbidden(
        'Revealing a full value needs a second-factor check in the last 5 minutes: POST /v1/auth/mfa/step-up',
        'second_factor_required',
      );
    const row = await this.kyc.findCase(this.db, caseId);
    if (!row) throw notFound('Case');
    if (row.status !== 'needs_review' && actor.role !== 'admin')
      throw conflict('case_read_only', `The case is ${row.status}: only an admin may reveal its values`);
    if (!row.snapshot) throw fieldError('/field', 'not_submitted', 'the case has nothing submitted yet');
    const value = revealValue(await this.kyc.readSnapshot(row), request.field, request.index);
    const index = request.field === 'panNumber' ? null : (request.index ?? 0);
    await this.db.transaction((tx) =>
      this.deps.audit.record(tx, actor, {
        action: 'case_revealed',
        targetType: 'case',
        targetId: caseId,
        details: { field: request.field, index, reason },
      }),
    );
    return { field: request.field, index, value };
  }

  /** Absolute, freshly signed links with each document's kind and content type. */
  private async documentLinks(
    userId: string,
    wanted: Array<{ kind: DocumentKind; id: string }>,
  ): Promise<
    Array<{ documentId: string; kind: DocumentKind; url: string; contentType: string; expiresAt: string }>
  > {
    const metadata = await this.documents.findOwned(
      this.db,
      userId,
      wanted.map((doc) => doc.id),
    );
    const expiresAt = new Date(Date.now() + DOCUMENT_URL_TTL_SECONDS * 1000).toISOString();
    return wanted.flatMap(({ kind, id }) => {
      const found = metadata.find((doc) => doc.id === id);
      return found
        ? [{ documentId: id, kind, url: this.absoluteUrl(id), contentType: found.contentType, expiresAt }]
        : [];
    });
  }

  private absoluteUrl(documentId: string): string {
    return `${this.deps.publicUrl}${this.documents.signedUrl(documentId)}`;
  }
}

type DocumentKind = 'selfie' | 'official_photo' | 'client_master_copy' | 'income_proof';

const proposalView = (
  proposal: ProposalRow,
  person: (id: string) => { id: string; name: string | null },
) => ({
  decision: proposal.decision,
  reasonCodes: proposal.reasonCodes,
  userMessage: proposal.userMessage,
  internalNote: proposal.internalNote,
  by: person(proposal.proposedBy),
  at: proposal.createdAt.toISOString(),
});

const noteView = (note: NoteRow, author: { id: string; name: string | null }) => ({
  id: note.id,
  text: note.text,
  author,
  at: note.createdAt.toISOString(),
});
