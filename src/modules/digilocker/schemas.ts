import { Type } from 'typebox';
import type { Static } from 'typebox';
import { OfficialIdentityView } from '../official-identity/schemas.js';

export const DigilockerStatus = Type.Union(
  [
    Type.Literal('pending'),
    Type.Literal('authenticated'),
    Type.Literal('fetched'),
    Type.Literal('not_available'),
    Type.Literal('expired'),
    Type.Literal('failed'),
  ],
  {
    description:
      'pending: waiting for the user at DigiLocker; authenticated: consented, document not ready yet; ' +
      'fetched: the Aadhaar data is stored; not_available: DigiLocker answered without an Aadhaar ' +
      '(documentStatus says why, e.g. AADHAAR_NOT_LINKED), so nothing official was stored; expired: the link ran out; failed: consent denied or the Aadhaar not shared',
  },
);

export const DigilockerSessionBody = Type.Object(
  {
    returnPath: Type.Optional(
      Type.String({
        maxLength: 300,
        // A path on this service under /onboard/: no scheme, host, `//`, `..` or backslash can send the
        // customer elsewhere.
        pattern: "^(?!.*//)(?!.*\\.\\.)/onboard/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$",
        description:
          'Where on this service DigiLocker sends the customer back to, under `/onboard/`; default ' +
          '`/onboard/steps/aadhaar?digilocker=return`. Ignored when the operator set `DIGILOCKER_REDIRECT_URL`.',
        examples: ['/onboard/steps/aadhaar?digilocker=return'],
      }),
    ),
  },
  { additionalProperties: false },
);

export const DigilockerSessionView = Type.Object({
  verificationId: Type.String(),
  url: Type.String({ description: 'Send the user here to consent at DigiLocker' }),
  status: DigilockerStatus,
});

export const DigilockerStatusView = Type.Object({
  verificationId: Type.String(),
  status: DigilockerStatus,
  documentStatus: Type.Union([Type.String(), Type.Null()], {
    description:
      "Cashfree's status of an Aadhaar document that is not one, e.g. AADHAAR_NOT_LINKED; null otherwise",
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  identity: Type.Union([OfficialIdentityView, Type.Null()], {
    description: 'The Aadhaar identity fetched by this request, shown to its owner',
  }),
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
