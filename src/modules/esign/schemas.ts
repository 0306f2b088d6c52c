import { Type } from 'typebox';
import type { Static } from 'typebox';
import { CaseStatus } from '../kyc/schemas.js';

export const EsignView = Type.Object({
  caseId: Type.Union([Type.String(), Type.Null()]),
  status: CaseStatus,
  required: Type.Boolean({
    description:
      'Whether this installation sends the account opening form for Aadhaar e-sign after approval (ESIGN_ENABLED). When false, an approved case stays approved: nothing is left for the customer to do',
  }),
  signingLink: Type.Union([Type.String({ format: 'uri' }), Type.Null()], {
    description: 'Where the customer signs with Aadhaar e-sign, while the case is esign_pending',
  }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the latest signing link expires',
  }),
  signedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the signed form was received; null until the case is completed',
  }),
  signingFailed: Type.Boolean({
    description:
      'True when the case is esign_expired because the latest request failed at Cashfree (the customer declined, or the Aadhaar check did not pass) rather than because its link expired; either way the customer asks for a new link',
  }),
});

export type EsignView = Static<typeof EsignView>;

export const EsignResponse = Type.Object(
  { success: Type.Literal(true), data: EsignView },
  {
    examples: [
      {
        success: true,
        data: {
          caseId: '0193a7d0-1c2b-7e4f-8a90-5d6e7f801234',
          status: 'esign_pending',
          required: true,
          signingLink: 'https://esign.example.in/sign/AbC123',
          expiresAt: '2026-12-10T10:00:00.000Z',
          signedAt: null,
          signingFailed: false,
        },
      },
    ],
  },
);

/** The form as a PDF download, for the OpenAPI description. */
export const PdfDownload = {
  description: 'The account opening form (PDF)',
  content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
};
