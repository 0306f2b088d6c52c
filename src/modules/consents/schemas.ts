import { Type } from 'typebox';
import { CONSENT_PURPOSES } from '../../db/schema/index.js';
import { StringEnum } from '../../lib/schemas.js';

export const ConsentPurpose = Type.Union(
  CONSENT_PURPOSES.map((purpose) => Type.Literal(purpose)),
  {
    description:
      'What the customer agrees to: sending KYC data to the verifier, DigiLocker, or Secure-Share prefill',
  },
);

export const GrantConsentBody = Type.Object(
  {
    purpose: ConsentPurpose,
    noticeVersion: Type.String({
      minLength: 1,
      maxLength: 40,
      pattern: '^[A-Za-z0-9._-]+$',
      description: 'Version of the notice shown',
    }),
  },
  { additionalProperties: false, examples: [{ purpose: 'kyc_verification', noticeVersion: '2026-11' }] },
);

export const ConsentView = Type.Object({
  _id: Type.String(),
  purpose: StringEnum(CONSENT_PURPOSES, { description: 'What the customer agreed to' }),
  noticeVersion: Type.String(),
  grantedAt: Type.String({ format: 'date-time' }),
  withdrawnAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const ConsentResponse = Type.Object(
  { success: Type.Literal(true), data: ConsentView },
  {
    examples: [
      {
        success: true,
        data: {
          _id: '0193a7c3-0a1b-7c2d-8e3f-405162738495',
          purpose: 'kyc_verification',
          noticeVersion: '2026-11',
          grantedAt: '2026-12-03T09:30:12.004Z',
          withdrawnAt: null,
        },
      },
    ],
  },
);
export const WithdrawnConsentResponse = Type.Object(
  {
    success: Type.Literal(true),
    data: Type.Object({
      ...ConsentView.properties,
      effect: Type.String({ description: 'What the withdrawal means for the account' }),
    }),
  },
  {
    examples: [
      {
        success: true,
        data: {
          _id: '0193a7c3-0a1b-7c2d-8e3f-405162738495',
          purpose: 'kyc_verification',
          noticeVersion: '2026-11',
          grantedAt: '2026-12-03T09:30:12.004Z',
          withdrawnAt: '2026-12-04T08:00:00.000Z',
          effect:
            'No more verification checks are sent. Checks still pending are stopped, and a case being verified goes to a reviewer without them. To submit again, give this consent again. An approved KYC stays on record as the law requires; POST /v1/me/erasure asks for the rest to be erased.',
        },
      },
    ],
  },
);
export const ConsentListResponse = Type.Object({
  success: Type.Literal(true),
  data: Type.Array(ConsentView),
});
export const PurposeParams = Type.Object({ purpose: ConsentPurpose }, { additionalProperties: false });
