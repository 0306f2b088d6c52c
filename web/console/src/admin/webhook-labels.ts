import type { Delivery } from './types';

/** A delivery status's entry in webhookMessages. */
export const DELIVERY_STATUS_LABEL = {
  pending: 'status_pending',
  delivered: 'status_delivered',
  failed: 'status_failed',
} as const satisfies Record<Delivery['status'], string>;
