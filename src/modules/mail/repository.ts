import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { outboundMessages } from '../../db/schema/index.js';
import type { MessageChannel, MessageStatus } from '../../db/schema/index.js';
import type { Envelope } from '../../lib/crypto/index.js';
import { uuidv7 } from '../../lib/ids.js';

export type MessageRow = typeof outboundMessages.$inferSelect;

export function createMessageRepository(db: Executor) {
  return {
    async insert(values: {
      userId: string;
      channel: MessageChannel;
      template: string;
      status: MessageStatus;
      content: (id: string) => Envelope;
    }): Promise<string> {
      const id = uuidv7();
      await db.insert(outboundMessages).values({ ...values, id, content: values.content(id) });
      return id;
    },

    /**
     * Takes a pending message for one delivery attempt, counting it; undefined when it is sent,
     * failed, or another process is delivering it right now.
     */
    async claim(id: string, leaseSeconds: number): Promise<MessageRow | undefined> {
      const rows = await db
        .update(outboundMessages)
        .set({
          attempts: sql`${outboundMessages.attempts} + 1`,
          leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
        })
        .where(
          and(
            eq(outboundMessages.id, id),
            eq(outboundMessages.status, 'pending'),
            or(isNull(outboundMessages.leaseUntil), lt(outboundMessages.leaseUntil, sql`now()`)),
          ),
        )
        .returning();
      return rows[0];
    },

    async markSent(id: string) {
      await db
        .update(outboundMessages)
        .set({ status: 'sent', sentAt: new Date(), leaseUntil: null, lastError: null })
        .where(eq(outboundMessages.id, id));
    },

    async markFailed(id: string, error: string) {
      await db
        .update(outboundMessages)
        .set({ status: 'failed', leaseUntil: null, lastError: error })
        .where(eq(outboundMessages.id, id));
    },

    async release(id: string, error: string, nextAttemptAt: Date) {
      await db
        .update(outboundMessages)
        .set({ leaseUntil: null, lastError: error, nextAttemptAt })
        .where(eq(outboundMessages.id, id));
    },

    /** Pending messages overdue by `graceSeconds`: their delivery job was lost (a crash before it was queued). */
    async overdue(graceSeconds: number, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: outboundMessages.id })
        .from(outboundMessages)
        .where(
          and(
            eq(outboundMessages.status, 'pending'),
            lt(outboundMessages.nextAttemptAt, sql`now() - make_interval(secs => ${graceSeconds})`),
            or(isNull(outboundMessages.leaseUntil), lt(outboundMessages.leaseUntil, sql`now()`)),
          ),
        )
        .limit(limit);
      return rows.map((row) => row.id);
    },

    async outbox(limit: number): Promise<MessageRow[]> {
      return db
        .select()
        .from(outboundMessages)
        .where(eq(outboundMessages.status, 'outbox'))
        .orderBy(desc(outboundMessages.createdAt), desc(outboundMessages.id))
        .limit(limit);
    },
  };
}
