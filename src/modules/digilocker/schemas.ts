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
        // A path on this service under /onboard/: no scheme, host, `//`, `..` (plain or percent-encoded,
        // which URL parsers also resolve) or backslash can send the customer elsewhere.
        pattern: "^(?!.*//)(?!.*\\.\\.)(?!.*%2[eE])/onboard/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$",
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

export const DigilockerSessionResponse = Type.Object(
  { success: Type.Literal(true), data: DigilockerSessionView },
  {
    examples: [
      {
        success: true,
        data: {
          verificationId: 'dgl_3c9e1f0a7b2d4e6f8a1b3c5d',
          url: 'https://verification-test.cashfree.com/dgl/dgl_3c9e1f0a7b2d4e6f8a1b3c5d',
          status: 'pending',
        },
      },
    ],
  },
);
export const DigilockerStatusResponse = Type.Object(
  { success: Type.Literal(true), data: DigilockerStatusView },
  {
    examples: [
      {
        success: true,
        data: {
          verificationId: 'dgl_3c9e1f0a7b2d4e6f8a1b3c5d',
          status: 'fetched',
          documentStatus: null,
          createdAt: '2026-12-03T09:32:40.101Z',
          updatedAt: '2026-12-03T09:34:02.877Z',
          identity: {
            source: 'digilocker',
            name: 'Asha Verma',
            dateOfBirth: '1993-06-30',
            gender: 'Female',
            aadhaar: 'XXXX XXXX 1034',
            aadhaarLast4: '1034',
            addressDetails: {
              permanentAddress: '12 Linking Road, Bandra West',
              landmark: null,
              permanentCity: 'Mumbai',
              permanentPincode: '400050',
              permanentState: 'Maharashtra',
              permanentCountry: 'India',
            },
            hasDateOfBirth: true,
            hasAddress: true,
            hasPhoto: true,
            fetchedAt: '2026-12-03T09:34:02.877Z',
          },
        },
      },
    ],
  },
);
