import type { Database } from '../../db/client.js';
import type { CaseStatus, UserRole } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import type { DigilockerService } from '../digilocker/service.js';
import type { DocumentService } from '../documents/service.js';
import { createKycRepository } from '../kyc/repository.js';
import type { Actor, KycService } from '../kyc/service.js';
import { ownerView } from '../official-identity/service.js';
import type { OfficialIdentityService } from '../official-identity/service.js';
import { compareFields } from './identity-view.js';

/** The reviewer's desk: the full case view (audited), decisions; the queue is ReviewQueueService. */
export class ReviewService {
  constructor(
    private readonly db: Database,
    private readonly kyc: KycService,
    private readonly documents: DocumentService,
    private readonly officialIdentities: OfficialIdentityService,
    private readonly digilocker: DigilockerService,
  ) {}

  /** The whole case for a reviewer; every view is recorded in the case history. */
  async view(caseId: string, actor: Actor) {
    if (!isUuid(caseId)) throw notFound('Case');
    const repository = createKycRepository(this.db);
    const row = await repository.findCase(caseId);
    if (!row) throw notFound('Case');
    await repository.appendEvent({
      caseId,
      userId: row.userId,
      type: 'view',
      actorId: actor.id,
      actorRole: actor.role,
    });
    const [checks, events, official, digilocker] = await Promise.all([
      repository.checks(caseId),
      repository.events(caseId),
      this.officialIdentities.latest(this.db, row.userId),
      this.digilocker.latestRequest(row.userId),
    ]);
    const snapshot = row.snapshot ? await this.kyc.readSnapshot(row) : null;
    const documents: Array<{ kind: 'selfie' | 'official_photo' | 'client_master_copy'; url: string }> = [];
    const selfieUrl = snapshot?.selfie ? this.documents.signedUrl(snapshot.selfie.documentId) : null;
    const officialPhotoUrl = official ? this.officialIdentities.photoUrl(official) : null;
    if (selfieUrl) documents.push({ kind: 'selfie', url: selfieUrl });
    if (officialPhotoUrl) documents.push({ kind: 'official_photo', url: officialPhotoUrl });
    const faceMatch = checks.find((check) => check.type === 'face_match');
    const identityMatch = checks.find((check) => check.type === 'identity_match');
    for (const demat of snapshot?.profile.dematDetails ?? []) {
      if (demat.clientMasterCopy)
        documents.push({
          kind: 'client_master_copy',
          url: this.documents.signedUrl(demat.clientMasterCopy._id),
        });
    }
    return {
      case: this.kyc.caseView(row, checks),
      userId: row.userId,
      internalNote: row.internalNote,
      snapshot,
      checks: checks.map((check) => ({
        type: check.type,
        outcome: check.outcome,
        reason: check.reason,
        verificationId: check.verificationId,
        referenceId: check.referenceId,
        score: check.score,
        details: check.details,
      })),
      documents,
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
        data: event.data,
        at: event.createdAt.toISOString(),
      })),
    };
  }
}
