import type { Executor } from '../../db/client.js';
import { inboundWebhooks } from '../../db/schema/index.js';

export function createInboundWebhookRepository(db: Executor) {
  return {
    /** Records a delivery; false when the same body was processed before. */
    async recordOnce(values: typeof inboundWebhooks.$inferInsert): Promise<boolean> {
      const rows = await db
        .insert(inboundWebhooks)
        .values(values)
        .onConflictDoNothing()
        .returning({ id: inboundWebhooks.id });
      return rows.length === 1;
    },
  };
}
