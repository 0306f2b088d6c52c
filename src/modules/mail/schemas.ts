import { Type } from 'typebox';
import type { Static } from 'typebox';

export const OutboxQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Messages, default 20' })),
    to: Type.Optional(
      Type.String({
        maxLength: 320,
        description: 'Only messages to this email address or 10-digit mobile number',
      }),
    ),
  },
  { additionalProperties: false },
);
export type OutboxQuery = Static<typeof OutboxQuery>;

export const OutboxResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
      template: Type.String(),
      to: Type.String(),
      subject: Type.Union([Type.String(), Type.Null()]),
      text: Type.String({ description: 'The plain-text body, with its links and codes' }),
      html: Type.Union([Type.String(), Type.Null()]),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
