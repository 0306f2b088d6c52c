import type { Database } from '../../db/client.js';
import type { CaseStatus } from '../../db/schema/index.js';
import type { KeyRing } from '../../lib/crypto/index.js';
import { fieldError } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { maskPan } from '../../providers/cashfree/index.js';
import type { KycService } from '../kyc/service.js';
import { validateEmail, validateMobile, validatePan } from '../profile/validators.js';
import type { StaffService } from '../staff/service.js';
import { assigneesOf } from './assignees.js';
import { createQueueRepository } from './queue-repository.js';
import type { QueueFilter, QueuePosition, QueueSearch } from './queue-repository.js';
import type { ListCasesQuery, SLA_BADGES } from './queue-schemas.js';

const HOUR_MS = 3_600_000;
/** The last quarter of the SLA is `due_soon`. */
const DUE_SOON_FRACTION = 0.75;
const POSITION_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The SLA badge of a case: only a case awaiting review has one, counted from its (latest) submission.
 * Exported for the tests of its edges.
 */
export function slaBadge(
  status: CaseStatus,
  submittedAt: Date | null,
  now: number,
  slaHours: number,
): (typeof SLA_BADGES)[number] | null {
  if (status !== 'needs_review' || !submittedAt) return null;
  const elapsed = now - submittedAt.getTime();
  const sla = slaHours * HOUR_MS;
  if (elapsed > sla) return 'breached';
  return elapsed >= sla * DUE_SOON_FRACTION ? 'due_soon' : 'ok';
}

/** The cursor is opaque to clients: the last case's place in the order, base64url JSON. */
export function encodeCursor(position: QueuePosition): string {
  return Buffer.from(JSON.stringify({ at: position.at, id: position.id })).toString('base64url');
}

export function decodeCursor(cursor: string): QueuePosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { at, id } = (typeof decoded === 'object' && decoded !== null ? decoded : {}) as Record<
    string,
    unknown
  >;
  // The time must be a real one: the database would refuse 2026-13-45 with an error, not an empty page.
  const real =
    typeof at === 'string' &&
    POSITION_TIME.test(at) &&
    new Date(`${at.slice(0, 23)}Z`).toISOString().slice(0, 23) === at.slice(0, 23);
  if (!real || !isUuid(id))
    throw fieldError('/cursor', 'invalid_cursor', 'is not a cursor this list answered with');
  return { at, id };
}

function parseTime(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  // JSON Schema's date-time allows a leap second (23:59:60), which JavaScript cannot represent.
  if (Number.isNaN(time.getTime())) throw fieldError(field, 'invalid_date_time', 'is not a usable time');
  return time;
}

/** What `q` can mean, each read the way the value is stored (normalised as at registration, PAN upper-cased). */
function searchFor(q: string, keyRing: KeyRing): QueueSearch {
  const text = q.trim();
  const search: QueueSearch = { externalId: text };
  const caseNumber = /^#?(\d{1,15})$/.exec(text)?.[1];
  if (caseNumber !== undefined) search.caseNumber = Number(caseNumber);
  const email = validateEmail(text);
  if (email.ok) search.email = email.value;
  const mobile = validateMobile(text);
  if (mobile.ok) search.mobileNo = mobile.value;
  const pan = validatePan(text);
  // Exact only: a PAN is found through its blind index (an HMAC), never by comparing text.
  if (pan.ok) search.panBlindIndexes = keyRing.blindIndexCandidates('pan', pan.value);
  return search;
}

/** The reviewers' queue: cases filtered, searched and paged in a stable order, with age, SLA badge and holder. */
export class ReviewQueueService {
  constructor(
    private readonly db: Database,
    private readonly deps: {
      kyc: KycService;
      staff: StaffService;
      keyRing: KeyRing;
      /** REVIEW_SLA_HOURS */
      slaHours: number;
    },
  ) {}

  async list(query: ListCasesQuery, actorId: string) {
    const limit = query.limit ?? 20;
    const order = query.order ?? 'oldest';
    const position = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const submittedFrom = parseTime(query.submittedFrom, '/submittedFrom');
    const submittedTo = parseTime(query.submittedTo, '/submittedTo');
    if (submittedFrom && submittedTo && submittedFrom > submittedTo)
      throw fieldError('/submittedTo', 'before_submitted_from', 'must not be before submittedFrom');
    const assigned = query.assigned ?? 'any';
    const filter: QueueFilter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.reason ? { reason: query.reason } : {}),
      ...(submittedFrom ? { submittedFrom } : {}),
      ...(submittedTo ? { submittedTo } : {}),
      ...(assigned === 'any' ? {} : { assignedTo: assigned === 'me' ? actorId : null }),
      ...(query.q === undefined ? {} : { search: searchFor(query.q, this.deps.keyRing) }),
    };

    const repository = createQueueRepository(this.db);
    const [rows, counts] = await Promise.all([
      repository.page(filter, order, limit, position),
      repository.countsByStatus(),
    ]);
    const page = rows.slice(0, limit);
    const assignees = await assigneesOf(
      this.deps.staff,
      page.map((row) => row.case.assignedTo),
    );
    const now = Date.now();
    const data = await Promise.all(
      page.map(async ({ case: row, externalId }) => {
        const snapshot = row.snapshot ? await this.deps.kyc.readSnapshot(row) : undefined;
        const pan = snapshot?.profile.panDetails;
        return {
          caseId: row.id,
          number: row.number,
          userId: row.userId,
          externalId,
          status: row.status,
          name: pan?.name ?? null,
          panMasked: pan ? maskPan(pan.panNumber) : null,
          reasons: row.reasons,
          submittedAt: row.submittedAt?.toISOString() ?? null,
          updatedAt: row.updatedAt.toISOString(),
          ageHours: row.submittedAt
            ? Math.max(0, Math.floor((now - row.submittedAt.getTime()) / HOUR_MS))
            : null,
          sla: slaBadge(row.status, row.submittedAt, now, this.deps.slaHours),
          assignee: row.assignedTo ? assignees.get(row.assignedTo)! : null,
        };
      }),
    );
    const last = page.at(-1);
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ at: last.position, id: last.case.id }) : null;
    return { data, counts, nextCursor };
  }
}
