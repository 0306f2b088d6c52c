import { Type } from 'typebox';
import type { Static } from 'typebox';

/** A stored official identity as responses may show it: masked, with presence flags instead of values. */
export const IdentitySummary = Type.Object({
  source: Type.Union([Type.Literal('digilocker'), Type.Literal('secure_share')]),
  name: Type.Union([Type.String(), Type.Null()]),
  gender: Type.Union([Type.String(), Type.Null()]),
  aadhaar: Type.Union([Type.String({ description: 'Masked: XXXX XXXX and the last 4 digits' }), Type.Null()]),
  hasDateOfBirth: Type.Boolean(),
  hasAddress: Type.Boolean(),
  hasPhoto: Type.Boolean({ description: 'The Aadhaar photo is stored (encrypted) for the face match' }),
  fetchedAt: Type.String({ format: 'date-time' }),
});

export const DigilockerStatus = Type.Union(
  [
    Type.Literal('pending'),
    Type.Literal('authenticated'),
    Type.Literal('fetched'),
    Type.Literal('expired'),
    Type.Literal('failed'),
  ],
  {
    description:
      'pending: waiting for the user at DigiLocker; authenticated: consented, document not ready yet; ' +
      'fetched: the Aadhaar data is stored; expired: the link ran out; failed: consent denied or the Aadhaar not shared',
  },
);

export const DigilockerSessionView = Type.Object({
  verificationId: Type.String(),
  url: Type.String({ description: 'Send the user here to consent at DigiLocker' }),
  status: DigilockerStatus,
});

export const DigilockerStatusView = Type.Object({
  verificationId: Type.String(),
  status: DigilockerStatus,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  identity: Type.Union([IdentitySummary, Type.Null()]),
});
export type DigilockerStatusView = Static<typeof DigilockerStatusView>;

export const DigilockerSessionResponse = Type.Object({
  success: Type.Literal(true),
  data: DigilockerSessionView,
});
export const DigilockerStatusResponse = Type.Object({
  success: Type.Literal(true),
  data: DigilockerStatusView,
});
