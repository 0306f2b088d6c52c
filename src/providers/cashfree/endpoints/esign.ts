import { referenceOf, type CallContext, type CashfreeEngine, type Verified } from '../engine.js';
import { EsignCreateResponse, EsignDocumentResponse, EsignStatusResponse } from '../schemas.js';

/** A signature box in PDF points, origin at the page's bottom left (Cashfree's sign_positions). */
export interface SignPosition {
  page: number;
  topLeftX: number;
  topLeftY: number;
  bottomRightX: number;
  bottomRightY: number;
}

export interface EsignSigner {
  name: string;
  email: string;
  phone?: string;
  positions: SignPosition[];
}

/** POST /esignature/document (multipart `document`): uploads the PDF to be signed. */
export function uploadEsignDocument(
  engine: CashfreeEngine,
  input: { pdf: Uint8Array; fileName: string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<EsignDocumentResponse>> {
  return engine.verify(
    {
      kind: 'esign_document',
      idPrefix: 'esd',
      verificationId: input.verificationId,
      schema: EsignDocumentResponse,
      build: () => {
        // Cashfree takes no id for an upload: ours only names the record.
        const form = new FormData();
        form.append(
          'document',
          new Blob([new Uint8Array(input.pdf)], { type: 'application/pdf' }),
          input.fileName,
        );
        return {
          request: { method: 'POST', path: '/esignature/document', form },
          record: { document: input.pdf },
        };
      },
      // An upload is not charged and has no lookup: a lost answer is uploaded again.
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({ referenceId: referenceOf(data.document_id), outcome: data.status }),
    },
    ctx,
  );
}

/** POST /esignature: an Aadhaar e-sign request for one signer on an uploaded document. */
export function createEsignRequest(
  engine: CashfreeEngine,
  input: {
    documentId: string;
    signer: EsignSigner;
    /** 1 to 15 (Cashfree's limit), sent as a string. */
    expiryInDays: number;
    redirectUrl?: string;
    verificationId?: string;
  },
  ctx: CallContext = {},
): Promise<Verified<EsignCreateResponse>> {
  const { signer } = input;
  return engine.verify(
    {
      kind: 'esign',
      idPrefix: 'es',
      verificationId: input.verificationId,
      schema: EsignCreateResponse,
      build: (verificationId) =>
        engine.json('/esignature', {
          verification_id: verificationId,
          document_id: Number(input.documentId),
          notification_modes: ['email'],
          auth_type: 'AADHAAR',
          expiry_in_days: String(input.expiryInDays),
          signers: [
            {
              name: signer.name,
              email: signer.email,
              phone: signer.phone,
              sequence: 1,
              sign_positions: signer.positions.map((position) => ({
                page: position.page,
                top_left_x_coordinate: position.topLeftX,
                bottom_right_x_coordinate: position.bottomRightX,
                top_left_y_coordinate: position.topLeftY,
                bottom_right_y_coordinate: position.bottomRightY,
              })),
            },
          ],
          redirect_url: input.redirectUrl,
        }),
      // The status lookup carries no signing link: a lost answer is sent again under a new id.
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: data.status }),
    },
    ctx,
  );
}

/** GET /esignature by our verification id; updates the record with the signing status. */
export async function getEsignStatus(
  engine: CashfreeEngine,
  verificationId: string,
  ctx: CallContext = {},
): Promise<EsignStatusResponse> {
  const data = await engine.read(
    engine.get('/esignature', { verification_id: verificationId }),
    EsignStatusResponse,
    ctx.signal,
  );
  await engine.settle(verificationId, data, {
    referenceId: referenceOf(data.reference_id),
    outcome: data.status,
  });
  return data;
}
