import { Type } from 'typebox';
import type { Static } from 'typebox';

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
