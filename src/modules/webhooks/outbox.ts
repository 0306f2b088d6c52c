import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users, webhookEvents } from '../../db/schema/index.js';
import type { ConsentPurpose } from '../../db/schema/index.js';
import { uuidv7 } from '../../lib/ids.js';
import type { LastDecision } from '../kyc/schemas.js';

export const KYC_EVENT_TYPES = [
  'kyc.submitted',
  'kyc.approved',
  'kyc.rejected',
  'kyc.needs_review',
  'kyc.action_required',
  'kyc.check.completed',
  'kyc.rekyc_started',
  'kyc.case_reopened',
  'kyc.esign_pending',
  'kyc.esign_expired',
  'kyc.completed',
] as const;
export const LINK_EVENT_TYPES = ['kyc_link.opened', 'kyc_link.completed'] as const;
export const CONSENT_EVENT_TYPES = ['consent.withdrawn'] as const;
export const PRIVACY_EVENT_TYPES = ['user.erasure_requested', 'user.erasure_completed'] as const;
export const WEBHOOK_EVENT_TYPES = [
  ...KYC_EVENT_TYPES,
  ...LINK_EVENT_TYPES,
  ...CONSENT_EVENT_TYPES,
  ...PRIVACY_EVENT_TYPES,
] as const;
export type KycEventType = (typeof KYC_EVENT_TYPES)[number];
export type LinkEventType = (typeof LINK_EVENT_TYPES)[number];
export type ConsentEventType = (typeof CONSENT_EVENT_TYPES)[number];
export type PrivacyEventType = (typeof PRIVACY_EVENT_TYPES)[number];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface KycWebhookEvent extends LastDecision {
  type: KycEventType;
  userId: string;
  caseId: string;
  status: string;
  reasons?: string[];
  check?: { type: string; outcome: string | null };
  /** For `kyc.rekyc_started`: the approved case the new one follows. */
  previousCaseId?: string;
}

/**
 * Writes an outbound webhook into the outbox, inside the caller's transaction, so an event exists
 * exactly when the change it announces was committed. The payload carries ids and statuses only:
 * no personal data ever leaves in a webhook.
 */
export async function enqueueWebhook(executor: Executor, event: KycWebhookEvent): Promise<string> {
  const externalId = await externalIdOf(executor, event.userId);
  const payload = {
    type: event.type,
    timestamp: new Date().toISOString(),
    data: {
      userId: event.userId,
      externalId,
      caseId: event.caseId,
      status: event.status,
      reasons: event.reasons ?? [],
      verifiedStatus: event.verifiedStatus,
      verifiedAt: event.verifiedAt,
      ...(event.check ? { check: event.check } : {}),
      ...(event.previousCaseId ? { previousCaseId: event.previousCaseId } : {}),
    },
  };
  return insertEvent(executor, { type: event.type, payload, userId: event.userId, caseId: event.caseId });
}

export interface LinkWebhookEvent extends LastDecision {
  type: LinkEventType;
  userId: string;
  linkId: string;
  /** The customer's KYC status when the event happened. */
  kycStatus: string;
}

/** A KYC link event (opened, completed), in the caller's transaction like `enqueueWebhook`. */
export async function enqueueLinkWebhook(executor: Executor, event: LinkWebhookEvent): Promise<string> {
  const payload = {
    type: event.type,
    timestamp: new Date().toISOString(),
    data: {
      linkId: event.linkId,
      userId: event.userId,
      externalId: await externalIdOf(executor, event.userId),
      kycStatus: event.kycStatus,
      verifiedStatus: event.verifiedStatus,
      verifiedAt: event.verifiedAt,
    },
  };
  return insertEvent(executor, { type: event.type, payload, userId: event.userId, caseId: null });
}

export interface ConsentWebhookEvent {
  type: ConsentEventType;
  userId: string;
  consentId: string;
  purpose: ConsentPurpose;
  withdrawnAt: string;
}

/** A consent event (withdrawn), in the caller's transaction like `enqueueWebhook`. */
export async function enqueueConsentWebhook(executor: Executor, event: ConsentWebhookEvent): Promise<string> {
  const payload = {
    type: event.type,
    timestamp: new Date().toISOString(),
    data: {
      userId: event.userId,
      externalId: await externalIdOf(executor, event.userId),
      consentId: event.consentId,
      purpose: event.purpose,
      withdrawnAt: event.withdrawnAt,
    },
  };
  return insertEvent(executor, { type: event.type, payload, userId: event.userId, caseId: null });
}

export interface PrivacyWebhookEvent {
  type: PrivacyEventType;
  userId: string;
  requestId: string;
  /** `held`: erased except what a legal hold keeps until `holdUntil`; `completed`: nothing left. */
  status: 'held' | 'completed';
  holdUntil: string | null;
}

/**
 * An erasure event, in the caller's transaction like `enqueueWebhook`. Written before the account
 * is overwritten, so `user.erasure_requested` still carries the host's `externalId`.
 */
export async function enqueuePrivacyWebhook(executor: Executor, event: PrivacyWebhookEvent): Promise<string> {
  const payload = {
    type: event.type,
    timestamp: new Date().toISOString(),
    data: {
      userId: event.userId,
      externalId: await externalIdOf(executor, event.userId),
      requestId: event.requestId,
      status: event.status,
      holdUntil: event.holdUntil,
    },
  };
  return insertEvent(executor, { type: event.type, payload, userId: event.userId, caseId: null });
}

async function externalIdOf(executor: Executor, userId: string): Promise<string | null> {
  const [user] = await executor
    .select({ externalId: users.externalId })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user?.externalId ?? null;
}

async function insertEvent(
  executor: Executor,
  event: { type: WebhookEventType; payload: Record<string, unknown>; userId: string; caseId: string | null },
): Promise<string> {
  const id = `msg_${uuidv7().replaceAll('-', '')}`;
  await executor.insert(webhookEvents).values({
    id,
    ...event,
    // The dispatcher compares due times with the application's clock; the database's now() can be
    // a few microseconds ahead of it, which would make a fresh event look not yet due.
    nextAttemptAt: new Date(),
  });
  return id;
}
