import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { kycCases, users } from '../../db/schema/index.js';
import type { CaseStatus } from '../../db/schema/index.js';

/** Where the queue stands: a case's place in the order (sort time to the microsecond, then id). */
export interface QueuePosition {
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, the database's full precision (a JavaScript Date keeps milliseconds only). */
  at: string;
  id: string;
}

/** What a case matches for a search: any of these, each exact. */
export interface QueueSearch {
  caseNumber?: number;
  /** Blind indexes of the PAN (current and, during a key rotation, previous secret). */
  panBlindIndexes?: string[];
  email?: string;
  mobileNo?: string;
  externalId: string;
}

/** A case as far as claims are concerned. */
export interface CaseHold {
  status: CaseStatus;
  assignedTo: string | null;
  assignedAt: Date | null;
}

export interface QueueFilter {
  status?: CaseStatus;
  reason?: string;
  submittedFrom?: Date;
  submittedTo?: Date;
  /** A staff id: cases held by them; null: cases nobody holds. */
  assignedTo?: string | null;
  search?: QueueSearch;
}

// Submission time, or creation time for a case never submitted; the index kyc_cases_queue_idx has it.
const queuedAt = sql`coalesce(${kycCases.submittedAt}, ${kycCases.createdAt})`;

function searchCondition(search: QueueSearch): SQL {
  const userConditions = [eq(users.externalId, search.externalId)];
  if (search.email) userConditions.push(eq(users.email, search.email));
  if (search.mobileNo) userConditions.push(eq(users.mobileNo, search.mobileNo));
  const matching = [
    inArray(kycCases.userId, sql`(select ${users.id} from ${users} where ${or(...userConditions)})`),
  ];
  if (search.caseNumber !== undefined) matching.push(eq(kycCases.number, search.caseNumber));
  if (search.panBlindIndexes?.length) matching.push(inArray(kycCases.panBlindIndex, search.panBlindIndexes));
  return or(...matching)!;
}

export function createQueueRepository(db: Executor) {
  return {
    /** One page of the queue in `order`, after `position`; one row more than `limit` tells whether more follow. */
    async page(
      filter: QueueFilter,
      order: 'oldest' | 'newest',
      limit: number,
      position: QueuePosition | undefined,
    ) {
      const after = position
        ? (order === 'oldest' ? gt : lt)(
            sql`(${queuedAt}, ${kycCases.id})`,
            sql`(${position.at}::timestamptz, ${position.id}::uuid)`,
          )
        : undefined;
      const direction = order === 'oldest' ? asc : desc;
      return db
        .select({
          case: kycCases,
          externalId: users.externalId,
          position: sql<string>`to_char(${queuedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        })
        .from(kycCases)
        .innerJoin(users, eq(users.id, kycCases.userId))
        .where(
          and(
            filter.status ? eq(kycCases.status, filter.status) : undefined,
            filter.reason ? sql`${kycCases.reasons} @> ${JSON.stringify([filter.reason])}::jsonb` : undefined,
            filter.submittedFrom ? gte(kycCases.submittedAt, filter.submittedFrom) : undefined,
            filter.submittedTo ? lt(kycCases.submittedAt, filter.submittedTo) : undefined,
            filter.assignedTo === null
              ? isNull(kycCases.assignedTo)
              : filter.assignedTo !== undefined
                ? eq(kycCases.assignedTo, filter.assignedTo)
                : undefined,
            filter.search ? searchCondition(filter.search) : undefined,
            after,
          ),
        )
        .orderBy(direction(queuedAt), direction(kycCases.id))
        .limit(limit + 1);
    },

    async countsByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .select({ status: kycCases.status, count: sql<number>`count(*)::int` })
        .from(kycCases)
        .groupBy(kycCases.status);
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    },

    /** The case, locked until the transaction ends, so claims on it happen one after another. */
    async lockCase(caseId: string): Promise<CaseHold | undefined> {
      const rows = await db
        .select({ status: kycCases.status, assignedTo: kycCases.assignedTo, assignedAt: kycCases.assignedAt })
        .from(kycCases)
        .where(eq(kycCases.id, caseId))
        .limit(1)
        .for('update');
      return rows[0];
    },

    async assign(caseId: string, assignedTo: string | null): Promise<Omit<CaseHold, 'status'>> {
      const rows = await db
        .update(kycCases)
        .set({ assignedTo, assignedAt: assignedTo ? new Date() : null })
        .where(eq(kycCases.id, caseId))
        .returning({ assignedTo: kycCases.assignedTo, assignedAt: kycCases.assignedAt });
      return rows[0]!;
    },
  };
}
