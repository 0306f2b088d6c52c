import { and, count, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { CLOSED_STATUSES, kycCases, kycEvents, verifications } from '../../db/schema/index.js';
import type { CaseStatus } from '../../db/schema/index.js';

/** A half-open window of time: `from` included, `until` excluded. */
export interface Window {
  from: Date;
  until: Date;
}

const DECISIONS: CaseStatus[] = ['approved', 'rejected', 'action_required'];

const inWindow = (column: typeof kycEvents.createdAt, window: Window) =>
  and(gte(column, window.from), lt(column, window.until));

/**
 * The dashboard's aggregates, read-only over the KYC history (kyc_events, append-only), the cases and
 * the provider call ledger (verifications). Days are UTC days.
 */
export function createDashboardRepository(db: Executor) {
  const transitions = (window: Window) =>
    and(
      eq(kycEvents.type, 'transition'),
      isNotNull(kycEvents.toStatus),
      inWindow(kycEvents.createdAt, window),
    );

  return {
    /** How many cases entered each status on each day. */
    async transitionsPerDay(window: Window) {
      const day = sql<string>`to_char(${kycEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
      return db
        .select({
          day,
          status: sql<CaseStatus>`${kycEvents.toStatus}`,
          cases: sql<number>`count(distinct ${kycEvents.caseId})::int`,
        })
        .from(kycEvents)
        .where(transitions(window))
        .groupBy(day, kycEvents.toStatus);
    },

    /** Decisions (approved, rejected, action_required) by who made them: the system or a person. */
    async decisions(window: Window) {
      const automatic = sql<boolean>`${kycEvents.actorId} is null`;
      return db
        .select({ automatic, status: sql<CaseStatus>`${kycEvents.toStatus}`, decisions: count() })
        .from(kycEvents)
        .where(and(transitions(window), inArray(kycEvents.toStatus, DECISIONS)))
        .groupBy(automatic, kycEvents.toStatus);
    },

    /** Hours from the (last) submission to the final decision of cases decided in the window. */
    async turnaround(window: Window) {
      const hours = sql`extract(epoch from (${kycCases.decidedAt} - ${kycCases.submittedAt})) / 3600`;
      const [row] = await db
        .select({
          cases: count(),
          p50: sql<number | null>`percentile_cont(0.5) within group (order by ${hours})`.mapWith(Number),
          p90: sql<number | null>`percentile_cont(0.9) within group (order by ${hours})`.mapWith(Number),
        })
        .from(kycCases)
        .where(
          and(
            // An approved case stays decided through its e-sign (esign_pending, completed, ...).
            inArray(kycCases.status, [...CLOSED_STATUSES]),
            gte(kycCases.decidedAt, window.from),
            lt(kycCases.decidedAt, window.until),
            sql`${kycCases.submittedAt} <= ${kycCases.decidedAt}`,
          ),
        );
      return row!;
    },

    /**
     * The most frequent reasons of the cases that entered `status` in the window. The transition
     * event keeps the reasons; events written before it did fall back to the case's current ones.
     */
    async topReasons(window: Window, status: 'needs_review' | 'action_required', limit: number) {
      const reasons = sql`jsonb_array_elements_text(coalesce(${kycEvents.data} -> 'reasons', ${kycEvents.data} -> 'reasonCodes', ${kycCases.reasons}))`;
      const reason = sql<string>`reason`;
      return db
        .select({ reason, cases: sql<number>`count(distinct ${kycEvents.caseId})::int` })
        .from(kycEvents)
        .innerJoin(kycCases, eq(kycCases.id, kycEvents.caseId))
        .crossJoinLateral(sql`${reasons} as reason`)
        .where(
          and(
            transitions(window),
            eq(kycEvents.toStatus, status),
            // A reopened case is back for what rejected it, not for what the checks found.
            sql`${kycEvents.data} ->> 'reopened' is null`,
          ),
        )
        .groupBy(reason)
        .orderBy(sql`2 desc`, reason)
        .limit(limit);
    },

    /** Calls to each provider endpoint (the ledger's `kind`) and how many of them went wrong. */
    async providerCalls(window: Window) {
      const countOf = (status: 'failed' | 'error' | 'indeterminate') =>
        sql<number>`(count(*) filter (where ${verifications.status} = ${status}))::int`;
      return db
        .select({
          endpoint: verifications.kind,
          calls: count(),
          failed: countOf('failed'),
          error: countOf('error'),
          indeterminate: countOf('indeterminate'),
        })
        .from(verifications)
        .where(and(gte(verifications.createdAt, window.from), lt(verifications.createdAt, window.until)))
        .groupBy(verifications.kind);
    },
  };
}
