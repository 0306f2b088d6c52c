import type { Database } from '../../db/client.js';
import { CASE_STATUSES } from '../../db/schema/index.js';
import type { CaseStatus } from '../../db/schema/index.js';
import { fieldError } from '../../lib/errors.js';
import { createDashboardRepository } from './repository.js';
import type { Window } from './repository.js';

const DAY_MS = 86_400_000;
/** The range when none is asked for: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;
const TOP_REASONS = 10;

type DecisionCounts = { approved: number; rejected: number; action_required: number; total: number };

export interface DashboardView {
  from: string;
  to: string;
  casesPerDay: Array<{ day: string; counts: Record<CaseStatus, number> }>;
  decisions: { automatic: DecisionCounts; human: DecisionCounts };
  turnaround: { cases: number; p50Hours: number | null; p90Hours: number | null };
  topReviewReasons: Array<{ reason: string; cases: number }>;
  topActionRequiredReasons: Array<{ reason: string; cases: number }>;
  providerErrors: Array<{
    endpoint: string;
    calls: number;
    errors: number;
    failed: number;
    error: number;
    indeterminate: number;
  }>;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);
const noDecisions = (): DecisionCounts => ({ approved: 0, rejected: 0, action_required: 0, total: 0 });
const roundHours = (hours: number | null) =>
  hours === null || Number.isNaN(hours) ? null : Math.round(hours * 100) / 100;

/** What admins see of the KYC operation over a range of UTC days. */
export class DashboardService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `from` and `to` are UTC days, both included; by default the last 30 days up to today. */
  async summary(range: { from?: string; to?: string }): Promise<DashboardView> {
    const to = range.to ?? isoDay(this.now());
    const from = range.from ?? isoDay(new Date(startOfDay(to).getTime() - (DEFAULT_RANGE_DAYS - 1) * DAY_MS));
    const days = (startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS + 1;
    if (days < 1) throw fieldError('/from', 'after_to', 'from must not be after to');
    if (days > MAX_RANGE_DAYS)
      throw fieldError('/to', 'range_too_long', `The range spans at most ${MAX_RANGE_DAYS} days`);
    const window: Window = { from: startOfDay(from), until: new Date(startOfDay(to).getTime() + DAY_MS) };

    const repository = createDashboardRepository(this.db);
    // Sequential: cheap aggregates, and the executor may be a single connection (PGlite).
    const transitions = await repository.transitionsPerDay(window);
    const decisions = await repository.decisions(window);
    const turnaround = await repository.turnaround(window);
    const review = await repository.topReasons(window, 'needs_review', TOP_REASONS);
    const actionRequired = await repository.topReasons(window, 'action_required', TOP_REASONS);
    const providerCalls = await repository.providerCalls(window);

    const perDay = new Map<string, Record<CaseStatus, number>>();
    for (let day = 0; day < days; day++) {
      const counts = Object.fromEntries(CASE_STATUSES.map((status) => [status, 0])) as Record<
        CaseStatus,
        number
      >;
      perDay.set(isoDay(new Date(window.from.getTime() + day * DAY_MS)), counts);
    }
    for (const row of transitions) {
      const counts = perDay.get(row.day);
      if (counts) counts[row.status] = Number(row.cases);
    }

    const byActor = { automatic: noDecisions(), human: noDecisions() };
    for (const row of decisions) {
      const counts = byActor[row.automatic ? 'automatic' : 'human'];
      const status = row.status as keyof Omit<DecisionCounts, 'total'>;
      counts[status] += Number(row.decisions);
      counts.total += Number(row.decisions);
    }

    return {
      from,
      to,
      casesPerDay: [...perDay].map(([day, counts]) => ({ day, counts })),
      decisions: byActor,
      turnaround: {
        cases: Number(turnaround.cases),
        p50Hours: roundHours(turnaround.p50),
        p90Hours: roundHours(turnaround.p90),
      },
      topReviewReasons: review.map((row) => ({ reason: row.reason, cases: Number(row.cases) })),
      topActionRequiredReasons: actionRequired.map((row) => ({
        reason: row.reason,
        cases: Number(row.cases),
      })),
      providerErrors: providerCalls
        .map((row) => {
          const failed = Number(row.failed);
          const error = Number(row.error);
          const indeterminate = Number(row.indeterminate);
          return {
            endpoint: row.endpoint,
            calls: Number(row.calls),
            errors: failed + error + indeterminate,
            failed,
            error,
            indeterminate,
          };
        })
        .sort((a, b) => b.errors - a.errors || a.endpoint.localeCompare(b.endpoint)),
    };
  }
}
