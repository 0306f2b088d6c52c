import { Type } from 'typebox';
import type { Static } from 'typebox';
import { IPV_INSTRUCTIONS } from '../../db/schema/index.js';
import { StringEnum } from '../../lib/schemas.js';

export const LivelinessResult = Type.Object({
  reference_id: Type.Union([Type.Integer(), Type.String()]),
  verification_id: Type.String(),
  status: Type.String({
    description: 'Exactly as Cashfree reports it: SUCCESS, FACE_NOT_DETECTED, MULTIPLE_FACE_DETECTED, …',
  }),
  liveliness: Type.Boolean(),
  score: Type.Number(),
});
export type LivelinessResult = Static<typeof LivelinessResult>;

/** The multipart form the selfie comes in (documentation: the handler reads the part itself). */
export const SelfieUpload = Type.Object(
  {
    image: Type.String({
      contentMediaType: 'image/jpeg',
      description: 'The selfie, JPEG or PNG, 10 MB at most; exactly one part named image',
    }),
    challengeId: Type.String({
      format: 'uuid',
      description: 'The challenge of POST /v1/ipv/challenge the customer performed in this selfie',
    }),
    latitude: Type.String({
      description: 'Capture point, decimal degrees (-90 to 90)',
      examples: ['19.0760'],
    }),
    longitude: Type.String({
      description: 'Capture point, decimal degrees (-180 to 180)',
      examples: ['72.8777'],
    }),
    accuracy: Type.String({
      description: "The point's uncertainty in metres (with latitude)",
      examples: ['25'],
    }),
    capturedAt: Type.String({
      format: 'date-time',
      description: "When the client captured the selfie, by the client's clock",
    }),
  },
  { required: ['image'] },
);

export const LivelinessResponse = Type.Object(
  { success: Type.Literal(true), data: LivelinessResult },
  {
    examples: [
      {
        success: true,
        data: {
          reference_id: 58231,
          verification_id: 'lv_5f0c9d8e7f6a5b4c3d2e1f0a',
          status: 'SUCCESS',
          liveliness: true,
          score: 0.93,
        },
      },
    ],
  },
);
export type LivelinessResponse = Static<typeof LivelinessResponse>;

export const IpvChallenge = Type.Object({
  challengeId: Type.String({ format: 'uuid' }),
  instruction: StringEnum(IPV_INSTRUCTIONS, { description: 'What the customer does during the capture' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const IpvChallengeResponse = Type.Object(
  { success: Type.Literal(true), data: IpvChallenge },
  {
    examples: [
      {
        success: true,
        data: {
          challengeId: '0193a8f2-7c1e-7b3a-9f00-3c2d1e0f4a5b',
          instruction: 'turn_head_left',
          expiresAt: '2026-12-03T10:20:00.000Z',
        },
      },
    ],
  },
);
