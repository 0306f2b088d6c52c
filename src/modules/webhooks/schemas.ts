import { Type } from 'typebox';
import { CASE_STATUSES, CONSENT_PURPOSES } from '../../db/schema/index.js';
import { StringEnum } from '../../lib/schemas.js';
import { CaseStatus, CheckOutcome, CheckType, LastDecision } from '../kyc/schemas.js';
import {
  CONSENT_EVENT_TYPES,
  KYC_EVENT_TYPES,
  LINK_EVENT_TYPES,
  PRIVACY_EVENT_TYPES,
  WEBHOOK_EVENT_TYPES,
} from './outbox.js';
import type { WebhookEventType } from './outbox.js';

const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

const EventId = Type.String({
  pattern: '^msg_[0-9a-f]{32}$',
  description: 'The event id, sent as `webhook-id`',
});
const Timestamp = Type.String({ format: 'date-time' });
const orNull = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const DeliveryListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(DELIVERY_STATUSES, { description: 'Only events in this state' })),
    eventType: Type.Optional(StringEnum(WEBHOOK_EVENT_TYPES, { description: 'Only events of this type' })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'Events per page, default 50' }),
    ),
    cursor: Type.Optional(EventId),
  },
  { additionalProperties: false },
);

export const DeliveryParams = Type.Object({ id: EventId }, { additionalProperties: false });

const Delivery = {
  id: Type.String(),
  type: StringEnum(WEBHOOK_EVENT_TYPES),
  status: StringEnum(DELIVERY_STATUSES, {
    description:
      'pending: waiting for its next attempt; delivered; failed: attempts ran out (it can be requeued)',
  }),
  userId: orNull(Type.String()),
  caseId: orNull(Type.String()),
  attempts: Type.Integer({ description: 'Attempts made so far' }),
  nextAttemptAt: orNull({
    ...Timestamp,
    description:
      'When the next attempt runs (a delivery run is scheduled for then); while an attempt is under way, when it is retried if its sender died',
  }),
  deliveredAt: orNull(Timestamp),
  lastError: orNull(Type.String()),
  createdAt: Timestamp,
};

export const DeliveryView = Type.Object(Delivery);

export const DeliveryDetail = Type.Object({
  ...Delivery,
  attemptLog: Type.Array(
    Type.Object({
      statusCode: Type.Union([Type.Integer(), Type.Null()]),
      error: orNull(Type.String()),
      durationMs: Type.Integer(),
      attemptedAt: Timestamp,
    }),
  ),
});

export const DeliveryListResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(DeliveryView),
  nextCursor: orNull(Type.String()),
});
export const DeliveryResponse = Type.Object({ success: Type.Literal(true), data: DeliveryView });
export const DeliveryDetailResponse = Type.Object({ success: Type.Literal(true), data: DeliveryDetail });

const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'kyc.submitted': 'The customer submitted their profile; verification has started.',
  'kyc.approved': 'The case was approved, automatically or by a reviewer.',
  'kyc.rejected': 'A reviewer rejected the case; `reasons` says why.',
  'kyc.needs_review':
    'The checks finished and the case waits for a reviewer; `reasons` names what to look at.',
  'kyc.action_required': 'The customer must fix something; `reasons` lists `section/code` items.',
  'kyc.check.completed': 'One check of the case finished; `check` has its type and outcome.',
  'kyc.rekyc_started':
    'The approved customer started a re-KYC: `caseId` is the new draft case, `previousCaseId` the approved one; `verifiedStatus` stays approved until the new case is decided.',
  'kyc.case_reopened':
    'An admin reopened a rejected case for another review (a `kyc.needs_review` event for the case follows the same change); `verifiedStatus` is the last decision still standing.',
  'kyc.esign_pending':
    'The approved case’s account opening form was sent for Aadhaar e-sign (after approval, or re-sent after expiry); the customer signs it through the onboarding app. `verifiedStatus` stays approved.',
  'kyc.esign_expired':
    'The signing link expired, or the signing failed, before the customer signed; the customer or a reviewer can re-send it. `verifiedStatus` stays approved.',
  'kyc.completed':
    'The customer e-signed the account opening form; the signed PDF is at GET /v1/integration/users/{id}/account-opening-form (scope `documents:read`).',
  'kyc_link.opened':
    'The customer opened a KYC link (its single-use token was exchanged for a session); `kycStatus` is their status then.',
  'kyc_link.completed':
    'The customer finished the journey of a KYC link and is being sent back to its `redirectUrl`; `kycStatus` is their status then.',
  'consent.withdrawn':
    'The customer withdrew a consent (`purpose`); checks that need it are refused until they consent again.',
  'user.erasure_requested':
    'The customer asked for their data to be erased (DPDP Act s.12(3)). `status` `completed`: everything is erased; `held`: the KYC record the law requires is kept until `holdUntil`, the rest is erased. Erase your own copy accordingly.',
  'user.erasure_completed':
    'Nothing of the customer is left in Pehchan but ids and processing logs: right after the request, when a legal hold ended, or for a never-approved draft past `DRAFT_RETENTION_DAYS`. `externalId` is null from then on.',
};

/** What the host application receives: ids and statuses only, never personal data. */
export const WebhookPayload = Type.Object({
  type: Type.Union(KYC_EVENT_TYPES.map((type) => Type.Literal(type))),
  timestamp: Timestamp,
  data: Type.Object({
    userId: Type.String(),
    externalId: orNull(Type.String({ description: 'The host application’s own id for the user, if set' })),
    caseId: Type.String(),
    status: { ...CaseStatus, description: 'The case status after the event' },
    reasons: Type.Array(Type.String()),
    ...LastDecision.properties,
    check: Type.Optional(Type.Object({ type: CheckType, outcome: Type.Union([CheckOutcome, Type.Null()]) })),
    previousCaseId: Type.Optional(
      Type.String({ description: 'kyc.rekyc_started only: the approved case the new one follows' }),
    ),
  }),
});

/** A KYC link event: ids and the customer's KYC status only. */
export const LinkWebhookPayload = Type.Object({
  type: Type.Union(LINK_EVENT_TYPES.map((type) => Type.Literal(type))),
  timestamp: Timestamp,
  data: Type.Object({
    linkId: Type.String(),
    userId: Type.String(),
    externalId: orNull(Type.String({ description: 'The host application’s own id for the user' })),
    kycStatus: Type.Enum(CASE_STATUSES, { description: 'The customer’s KYC status at the event' }),
    ...LastDecision.properties,
  }),
});

/** A consent event: ids, the purpose and the time only. */
export const ConsentWebhookPayload = Type.Object({
  type: Type.Union(CONSENT_EVENT_TYPES.map((type) => Type.Literal(type))),
  timestamp: Timestamp,
  data: Type.Object({
    userId: Type.String(),
    externalId: orNull(Type.String({ description: 'The host application’s own id for the user' })),
    consentId: Type.String(),
    purpose: StringEnum(CONSENT_PURPOSES, { description: 'The purpose the consent was for' }),
    withdrawnAt: Timestamp,
  }),
});

/** An erasure event: ids, the outcome and the hold's end only. */
export const PrivacyWebhookPayload = Type.Object({
  type: Type.Union(PRIVACY_EVENT_TYPES.map((type) => Type.Literal(type))),
  timestamp: Timestamp,
  data: Type.Object({
    userId: Type.String(),
    externalId: orNull(Type.String({ description: 'The host application’s own id for the user' })),
    requestId: Type.String({ description: 'The erasure request' }),
    status: StringEnum(['held', 'completed'] as const, {
      description: '`held`: the KYC record is kept until `holdUntil`; `completed`: nothing is left',
    }),
    holdUntil: orNull(Timestamp),
  }),
});

const payloadOf = (type: WebhookEventType) => {
  if ((PRIVACY_EVENT_TYPES as readonly string[]).includes(type)) return PrivacyWebhookPayload;
  if ((LINK_EVENT_TYPES as readonly string[]).includes(type)) return LinkWebhookPayload;
  if ((CONSENT_EVENT_TYPES as readonly string[]).includes(type)) return ConsentWebhookPayload;
  return WebhookPayload;
};

/** The OpenAPI 3.1 `webhooks` section: one entry per event type Pehchan posts to `WEBHOOK_URL`. */
export function webhookDocumentation() {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `on${type
            .split(/[._]/)
            .map((word) => word[0]!.toUpperCase() + word.slice(1))
            .join('')}`,
          tags: ['integration'],
          summary: type,
          description:
            `${EVENT_DESCRIPTIONS[type]} Posted to \`WEBHOOK_URL\`, signed per Standard Webhooks ` +
            '(`webhook-id`, `webhook-timestamp`, `webhook-signature`); retried with backoff until a 2xx answer; ' +
            'receivers deduplicate on `webhook-id`.',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: payloadOf(type) },
            },
          },
          responses: { '200': { description: 'Received; any 2xx answer counts as delivered' } },
        },
      },
    ]),
  );
}
