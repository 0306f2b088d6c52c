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

export const LivelinessResponse = Type.Object({ success: Type.Literal(true), data: LivelinessResult });
export type LivelinessResponse = Static<typeof LivelinessResponse>;
