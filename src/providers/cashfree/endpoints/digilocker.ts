import { CashfreeValidationError } from '../errors.js';
import { referenceOf, type CallContext, type CashfreeEngine, type Verified } from '../engine.js';
import {
  DigilockerCreateResponse,
  DigilockerDocumentSchemas,
  DigilockerStatusResponse,
  type DigilockerDocumentType,
  type DigilockerDocuments,
} from '../schemas.js';

export type DigilockerLink = Omit<DigilockerCreateResponse, 'url'> & {
  /** Absent when a lost answer was reconciled through the status lookup: start a new request to get a link. */
  url?: string;
};

export type DigilockerDocumentResult<K extends DigilockerDocumentType> =
  { pending: true } | { pending: false; document: DigilockerDocuments[K] };

/**
 * POST /digilocker: a consent link for the user. A lost answer is reconciled through the
 * status lookup; the status carries no link, so the result then has no `url`.
 */
export function createDigilockerRequest(
  engine: CashfreeEngine,
  input: { documents: DigilockerDocumentType[]; redirectUrl?: string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<DigilockerLink>> {
  return engine.verify<typeof DigilockerCreateResponse, DigilockerLink>(
    {
      kind: 'digilocker',
      idPrefix: 'dgl',
      verificationId: input.verificationId,
      schema: DigilockerCreateResponse,
      build: (verificationId) =>
        engine.json('/digilocker', {
          verification_id: verificationId,
          document_requested: input.documents,
          redirect_url: input.redirectUrl,
        }),
      ambiguity: {
        kind: 'reconcile',
        lookup: (verificationId, signal) =>
          engine.lookup(
            engine.get('/digilocker', { verification_id: verificationId }),
            DigilockerStatusResponse,
            signal,
          ),
      },
      summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: data.status }),
    },
    ctx,
  );
}

/** GET /digilocker by verification or reference id; updates the record with the consent status. */
export async function getDigilockerStatus(
  engine: CashfreeEngine,
  by: { verificationId: string } | { referenceId: string },
  ctx: CallContext = {},
): Promise<DigilockerStatusResponse> {
  const query: Record<string, string> =
    'verificationId' in by ? { verification_id: by.verificationId } : { reference_id: by.referenceId };
  const data = await engine.read(engine.get('/digilocker', query), DigilockerStatusResponse, ctx.signal);
  if ('verificationId' in by) {
    await engine.settle(by.verificationId, data, {
      referenceId: referenceOf(data.reference_id),
      outcome: data.status,
    });
  }
  return data;
}

/** GET /digilocker/document/{type}; `pending` while Cashfree answers 202 `validation_pending`. */
export async function getDigilockerDocument<K extends DigilockerDocumentType>(
  engine: CashfreeEngine,
  documentType: K,
  verificationId: string,
  ctx: CallContext = {},
): Promise<DigilockerDocumentResult<K>> {
  const schema = DigilockerDocumentSchemas[documentType];
  try {
    const document = await engine.read(
      engine.get(`/digilocker/document/${documentType}`, { verification_id: verificationId }),
      schema,
      ctx.signal,
    );
    return { pending: false, document: document as DigilockerDocuments[K] };
  } catch (error) {
    if (error instanceof CashfreeValidationError && error.status === 202) return { pending: true };
    throw error;
  }
}
