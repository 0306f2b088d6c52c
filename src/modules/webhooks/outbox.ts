import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users, webhookEvents } from '../../db/schema/index.js';
import { uuidv7 } from '../../lib/ids.js';

export const WEBHOOK_EVENT_TYPES = [
  'kyc.submitted',
  'kyc.approved',
  'kyc.rejected',
  'kyc.needs_review',
  'kyc.action_required',
  'kyc.check.completed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface KycWebhookEvent {
  type: WebhookEventType;
  userId: string;
  caseId: string;
  status: string;
  reasons?: string[];
  check?: { type: string; outcome: string | null };
}

/**
 * Writes an outbound webhook into the outbox, inside the caller's transaction, so an event exists
 * exactly when the change it announces was committed. The payload carries ids and statuses only:
 * no personal data ever leaves in a webhook.
 */
export async function enqueueWebhook(executor: Executor, event: KycWebhookEvent): Promise<string> {
  const [user] = await executor
    .select({ externalId: users.externalId })
    .from(users)
    .where(eq(users.id, event.userId))
    .limit(1);
  const id = `msg_${uuidv7().replaceAll('-', '')}`;
  const payload = {
    type: event.type,
    timestamp: new Date().toISOString(),
    data: {
      userId: event.userId,
      externalId: user?.externalId ?? null,
      caseId: event.caseId,
      status: event.status,
      reasons: event.reasons ?? [],
      ...(event.check ? { check: event.check } : {}),
    },
  };
  await executor.insert(webhookEvents).values({
    id,
    type: event.type,
    payload,
    userId: event.userId,
    caseId: event.caseId,
    // The dispatcher compares due times with the application's clock; the database's now() can be
    // a few microseconds ahead of it, which would make a fresh event look not yet due.
    nextAttemptAt: new Date(),
  });
  return id;
}
