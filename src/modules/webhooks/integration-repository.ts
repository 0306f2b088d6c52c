import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { webhookEvents } from '../../db/schema/index.js';
import type { WebhookEventType } from './outbox.js';
import type { WebhookEventRow, WebhookEventStatus } from './repository.js';

/** The outbox filtered by status and event type, for the host application's delivery status view. */
export function createDeliveryStatusRepository(db: Executor) {
  return {
    /** Newest first; `cursor` is the id of the last event of the previous page (ids are time-ordered). */
    async list(options: {
      status?: WebhookEventStatus;
      eventType?: WebhookEventType;
      cursor?: string;
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
  };
}
