import { and, asc, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { webhookAttempts, webhookEvents } from '../../db/schema/index.js';

export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
export type WebhookEventStatus = WebhookEventRow['status'];

export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  attemptedAt: Date;
}

export function createWebhookRepository(db: Executor) {
  return {
    /**
     * Claims due events by moving their next attempt to `leaseUntil` in one statement: rows another
     * dispatcher is claiming are skipped, and once committed a claimed row is no longer due, so no
     * two dispatchers send the same event. A dispatcher that dies mid-send loses its lease, and the
     * event becomes due again (at-least-once; receivers dedupe on `webhook-id`).
     */
    async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<WebhookEventRow[]> {
      const due = db
        .select({ id: webhookEvents.id })
        .from(webhookEvents)
        .where(and(eq(webhookEvents.status, 'pending'), lte(webhookEvents.nextAttemptAt, now)))
        .orderBy(asc(webhookEvents.nextAttemptAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      return db
        .update(webhookEvents)
        .set({ nextAttemptAt: leaseUntil })
        .where(inArray(webhookEvents.id, due))
        .returning();
    },

    async insertAttempt(eventId: string, result: AttemptResult): Promise<void> {
      await db.insert(webhookAttempts).values({ eventId, ...result });
    },

    /** Settles an attempt on the event: delivered, failed for good, or pending until `nextAttemptAt`. */
    async settle(
      eventId: string,
      outcome:
        | { status: 'delivered'; at: Date }
        | { status: 'failed'; error: string }
        | { status: 'pending'; error: string; nextAttemptAt: Date },
    ): Promise<void> {
      await db
        .update(webhookEvents)
        .set({
          status: outcome.status,
          attempts: sql`${webhookEvents.attempts} + 1`,
          ...(outcome.status === 'delivered'
            ? { deliveredAt: outcome.at, lastError: null }
            : { lastError: outcome.error }),
          ...(outcome.status === 'pending' ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
        })
        .where(eq(webhookEvents.id, eventId));
    },

    /** Newest first; `cursor` is the id of the last event of the previous page (ids are time-ordered). */
    async list(options: {
      status?: WebhookEventStatus | undefined;
      eventType?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    }): Promise<WebhookEventRow[]> {
      return db
        .select()
        .from(webhookEvents)
        .where(
          and(
            options.status ? eq(webhookEvents.status, options.status) : undefined,
            options.eventType ? eq(webhookEvents.type, options.eventType) : undefined,
            options.cursor ? lt(webhookEvents.id, options.cursor) : undefined,
          ),
        )
        .orderBy(desc(webhookEvents.id))
        .limit(options.limit);
    },

    async find(eventId: string): Promise<WebhookEventRow | undefined> {
      const rows = await db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId)).limit(1);
      return rows[0];
    },

    async attemptsOf(eventId: string): Promise<WebhookAttemptRow[]> {
      return db
        .select()
        .from(webhookAttempts)
        .where(eq(webhookAttempts.eventId, eventId))
        .orderBy(asc(webhookAttempts.attemptedAt), asc(webhookAttempts.id));
    },

    async requeue(eventId: string, now: Date): Promise<WebhookEventRow | undefined> {
      const rows = await db
        .update(webhookEvents)
        .set({ status: 'pending', nextAttemptAt: now, deliveredAt: null })
        .where(eq(webhookEvents.id, eventId))
        .returning();
      return rows[0];
    },
  };
}
