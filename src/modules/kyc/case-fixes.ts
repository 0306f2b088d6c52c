import type { Database } from '../../db/client.js';
import type { UserKeyService } from '../keys/service.js';
import type { LivelinessService } from '../liveliness/service.js';
import type { OfficialIdentityService } from '../official-identity/service.js';
import type { ProfileService } from '../profile/service.js';
import { fixesOf, requestIn, sectionsDiffering } from './fixes.js';
import type { Fix } from './fixes.js';
import type { CaseSnapshot } from './check-kit.js';
import { createKycRepository } from './repository.js';
import type { CaseRow, EventRow } from './repository.js';
import { readSnapshot } from './snapshot.js';

/** For the reviewer: what the case last asked the customer to change, and what they changed. */
export interface LastRequest {
  requestedAt: string;
  /** When the customer submitted again; null while the case still waits for them. */
  resubmittedAt: string | null;
  /** The request's reasons; `changed`: between the request and the resubmission (or now). */
  reasons: Fix[];
}

/**
 * What a case asked the customer to change and what they changed (fixes.ts has the rules): for the customer's
 * status while the case waits for them, and for the reviewer's case view. Asks the profile, liveliness and
 * official-identity services what changed when.
 */
export class CaseFixes {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      keys: UserKeyService;
      profiles: ProfileService;
      liveliness: LivelinessService;
      officialIdentities: OfficialIdentityService;
    },
  ) {}

  /**
   * While the case asks for changes: each reason with the part of the application that fixes it, and whether
   * the customer has changed that part since the case moved to action_required. Nothing in other statuses.
   */
  async of(row: CaseRow): Promise<Fix[]> {
    if (row.status !== 'action_required') return [];
    const since =
      (await createKycRepository(this.db).enteredAt(row.id, 'action_required')) ??
      row.decidedAt ??
      row.updatedAt;
    return this.fixesBetween(row, row.reasons, since, {
      judged: async () => (row.snapshot ? readSnapshot(this.db, this.deps.keys, row) : null),
    });
  }

  /**
   * The case's latest request for changes (null when it never asked), with each reason's part and whether
   * the customer changed it between the request and the resubmission (or now, while it still waits).
   * `events` is the case's history (`eventsOf`) and `snapshot` its frozen profile, which the caller has already read.
   */
  async lastRequest(
    row: CaseRow,
    events: readonly EventRow[],
    snapshot: CaseSnapshot | null,
  ): Promise<LastRequest | null> {
    const request = requestIn(events);
    if (!request) return null;
    const { requestedAt, resubmittedAt, reasons, changedSections } = request;
    return {
      requestedAt: requestedAt.toISOString(),
      resubmittedAt: resubmittedAt?.toISOString() ?? null,
      reasons: await this.fixesBetween(
        row,
        reasons,
        requestedAt,
        resubmittedAt ? { resubmittedAt, changedSections } : { judged: async () => snapshot },
      ),
    };
  }

  /**
   * Each reason with its part, and whether the customer changed that part after `since` (until the
   * resubmission, when there was one): a profile section saved with other content than the case was judged
   * on (one put back reads as unchanged), a selfie that passed, an Aadhaar fetched again (DigiLocker or
   * Secure-Share).
   */
  private async fixesBetween(
    row: CaseRow,
    reasons: string[],
    since: Date,
    /** The resubmission and its record, or (while the case waits) the profile the case was judged on. */
    window:
      | { resubmittedAt: Date; changedSections: string[] | null }
      | { judged: () => Promise<CaseSnapshot | null> },
  ): Promise<Fix[]> {
    const { userId } = row;
    const until = 'resubmittedAt' in window ? window.resubmittedAt : undefined;
    const [saved, selfie, identity] = await Promise.all([
      this.deps.profiles.sectionsChangedSince(userId, since, until),
      this.deps.liveliness.passedBetween(this.db, userId, since, until),
      this.deps.officialIdentities.fetchedBetween(this.db, userId, since, until),
    ]);
    const differing =
      'resubmittedAt' in window
        ? window.changedSections
        : saved.length > 0
          ? await this.sectionsChangedFrom(window.judged, userId)
          : [];
    // Sections saved in the window whose content differs; without the record (older resubmissions), saved ones.
    const changed = new Set<string>(
      differing ? saved.filter((section) => differing.includes(section)) : saved,
    );
    if (selfie) changed.add('selfie');
    if (identity) changed.add('aadhaar');
    return fixesOf(reasons, changed);
  }

  /** The profile sections whose content now differs from the profile frozen into the case (null without one). */
  private async sectionsChangedFrom(
    judged: () => Promise<CaseSnapshot | null>,
    userId: string,
  ): Promise<string[] | null> {
    const [snapshot, profile] = await Promise.all([judged(), this.deps.profiles.getDetails(userId)]);
    return snapshot ? sectionsDiffering(snapshot.profile, profile) : null;
  }
}
