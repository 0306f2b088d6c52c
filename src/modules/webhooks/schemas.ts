import { Type } from 'typebox';

const EventId = Type.String({
  pattern: '^msg_[0-9a-f]{32}$',
  description: 'The event id, sent as `webhook-id`',
});
const Timestamp = Type.String({ format: 'date-time' });
const orNull = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const DeliveryListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
    ),
    limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: '1-100, default 50' })),
    cursor: Type.Optional(EventId),
  },
  { additionalProperties: false },
);

export const DeliveryParams = Type.Object({ id: EventId }, { additionalProperties: false });

const Delivery = {
  id: Type.String(),
  type: Type.String(),
  status: Type.String(),
  userId: orNull(Type.String()),
  caseId: orNull(Type.String()),
  attempts: Type.Integer({ description: 'Attempts made so far' }),
  nextAttemptAt: orNull(Timestamp),
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
