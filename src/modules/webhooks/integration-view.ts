import type { Database } from '../../db/client.js';
import type { WebhookEventType } from './outbox.js';
import { createDeliveryStatusRepository } from './integration-repository.js';
import type { WebhookEventStatus } from './repository.js';
import { deliveryView } from './service.js';
import type { DeliveryView } from './service.js';

/**
 * What the host application's backend may read of the outbox (API key scope `webhooks:read`): each
 * event's type and delivery status, so it can tell what it missed. Never the payload; it learns that
 * from the event itself or the lookup routes.
 */
export class DeliveryStatusService {
  constructor(private readonly db: Database) {}

  async list(options: {
    status?: WebhookEventStatus;
    eventType?: WebhookEventType;
    cursor?: string;
    limit: number;
  }): Promise<{ data: DeliveryView[]; nextCursor: string | null }> {
    const rows = await createDeliveryStatusRepository(this.db).list({ ...options, limit: options.limit + 1 });
    const page = rows.slice(0, options.limit);
    return {
      data: page.map(deliveryView),
      nextCursor: rows.length > options.limit ? page.at(-1)!.id : null,
    };
  }
}
