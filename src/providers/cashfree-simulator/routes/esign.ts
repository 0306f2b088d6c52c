import type { FastifyRequest } from 'fastify';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import {
  SimError,
  bodyOf,
  queryOf,
  requiredString,
  stringField,
  validationError,
  verificationIdOf,
  type DefineRoute,
  type SimulatorContext,
} from '../http.js';
import type { EsignRequest, EsignSignPosition } from '../state.js';
import { readMultipart } from './biometrics.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const notFound = (field: string) =>
  new SimError(404, 'not_found_error', `${field}_value_invalid`, `Please enter a valid ${field}`);

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const isFormPost = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

const page = (content: string) => ({
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aadhaar e-sign (simulator)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style>
</head><body><h1>Aadhaar e-sign (simulator)</h1>
${content}
</body></html>
`,
});

function positionsOf(signer: Record<string, unknown>): EsignSignPosition[] {
  const positions = signer['sign_positions'];
  if (!Array.isArray(positions) || positions.length === 0)
    throw validationError('sign_positions_missing', 'sign_positions is missing in the request.');
  return positions.map((position: Record<string, unknown>) => {
    const values = [
      'page',
      'top_left_x_coordinate',
      'bottom_right_x_coordinate',
      'top_left_y_coordinate',
      'bottom_right_y_coordinate',
    ].map((field) => {
      const value = position?.[field];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw validationError(`${field}_value_invalid`, `${field} should be a non-negative number.`);
      return value;
    });
    const [pageNumber, x1, x2, y1, y2] = values as [number, number, number, number, number];
    return { page: pageNumber, x1, x2, y1, y2 };
  });
}

/** The uploaded PDF with a signature stamp in each signer's boxes, as the signed copy Cashfree returns. */
async function signedCopy(entry: EsignRequest, pdf: Buffer): Promise<Buffer> {
  const document = await PDFDocument.load(pdf);
  const font = await document.embedFont(StandardFonts.Helvetica);
  const pages = document.getPages();
  for (const position of entry.positions) {
    const target = pages[position.page - 1];
    if (!target) continue;
    const width = Math.abs(position.x2 - position.x1);
    const height = Math.abs(position.y1 - position.y2);
    const x = Math.min(position.x1, position.x2);
    const y = Math.min(position.y1, position.y2);
    target.drawRectangle({ x, y, width, height, color: rgb(0.9, 0.97, 0.9), borderColor: rgb(0, 0.5, 0) });
    const lines = [
      `Digitally signed by ${entry.signerName}`,
      `Aadhaar e-sign (simulator) ${new Date().toISOString()}`,
    ];
    lines.forEach((line, index) =>
      target.drawText(line, {
        x: x + 4,
        y: y + height - 12 - index * 11,
        size: 8,
        font,
        color: rgb(0, 0.3, 0),
      }),
    );
  }
  return Buffer.from(await document.save());
}

/** Cashfree's e-sign events, spelled as its sample payloads spell them (its event table writes E_SIGN_…). */
const EVENT_TYPES = {
  SUCCESS: 'ESIGN_VERIFICATION_SUCCESS',
  FAILURE: 'ESIGN_VERIFICATION_FAILURE',
  EXPIRED: 'ESIGN_VERIFICATION_EXPIRED',
} as const;

/**
 * Aadhaar e-sign: upload a PDF, request a signature for one signer, and the signer's visit to the
 * signing link (a form that signs, or declines, without Aadhaar OTP). Signing, declining and the end
 * of the window send Cashfree's webhook. `POST /simulator/esign/{id}/expire` lets tests end the
 * signing window.
 */
export function registerEsignRoutes(
  routes: { cashfree: DefineRoute; simulator: DefineRoute },
  { state, webhooks }: SimulatorContext,
): void {
  const statusOf = (entry: EsignRequest): EsignRequest['status'] | 'EXPIRED' =>
    entry.status === 'IN_PROGRESS' && Date.now() > entry.expiresAt ? 'EXPIRED' : entry.status;

  /** What GET /esignature answers about a request (and its webhooks carry). */
  const answerOf = (entry: EsignRequest, request: FastifyRequest) => {
    const status = statusOf(entry);
    return {
      status,
      reference_id: entry.referenceId,
      verification_id: entry.verificationId,
      document_id: entry.documentId,
      signers: [
        {
          name: entry.signerName,
          status: status === 'IN_PROGRESS' ? 'SIGN_IN_PROGRESS' : status,
          is_notified: true,
        },
      ],
      signed_doc_url:
        status === 'SUCCESS' ? `${origin(request)}/simulator/esign/${entry.verificationId}/signed.pdf` : null,
    };
  };

  const notify = (entry: EsignRequest, request: FastifyRequest) => {
    const answer = answerOf(entry, request);
    if (answer.status !== 'IN_PROGRESS') webhooks.send(EVENT_TYPES[answer.status], answer);
  };

  const entryOf = (verificationId: string) => {
    const entry = state.esign.get(verificationId);
    if (!entry) throw notFound('verification_id');
    return entry;
  };

  routes.cashfree('POST', '/esignature/document', async (request) => {
    const { files } = await readMultipart(request);
    const pdf = files['document'];
    if (!pdf || pdf.length === 0)
      throw validationError('document_missing', 'document is missing in the request.');
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw validationError('document_format_invalid', 'please upload the file of valid format(pdf)');
    const documentId = state.newReferenceId();
    state.esignDocuments.set(documentId, pdf);
    return { body: { status: 'SUCCESS', document_id: documentId } };
  });

  routes.cashfree('POST', '/esignature', async (request, call) => {
    const body = bodyOf(request);
    const verificationId = verificationIdOf(body);
    call.verificationId = verificationId;
    const documentId = Number(requiredString(body, 'document_id'));
    if (!state.esignDocuments.has(documentId))
      throw validationError('document_id_value_invalid', 'document_id is invalid.');
    const modes = body['notification_modes'];
    if (!Array.isArray(modes) || modes.some((mode) => mode !== 'email'))
      throw validationError('notification_modes_value_invalid', 'notification_modes should be ["email"].');
    if (body['auth_type'] !== 'AADHAAR')
      throw validationError('auth_type_value_invalid', 'auth_type should be AADHAAR.');
    const expiry = body['expiry_in_days'];
    if (
      typeof expiry !== 'string' ||
      !/^[0-9]{1,2}$/.test(expiry) ||
      Number(expiry) < 1 ||
      Number(expiry) > 15
    )
      throw validationError(
        'expiry_in_days_value_invalid',
        'expiry_in_days should be a string from 1 to 15.',
      );
    const signers = body['signers'];
    if (!Array.isArray(signers) || signers.length === 0)
      throw validationError('signers_missing', 'signers is missing in the request.');
    const signer = signers[0] as Record<string, unknown>;
    const signerName = requiredString(signer, 'name');
    requiredString(signer, 'email');
    const positions = positionsOf(signer);
    const redirectUrl = stringField(body, 'redirect_url');
    if (redirectUrl !== undefined && !URL.canParse(redirectUrl))
      throw validationError('redirect_url_value_invalid', 'redirect_url should be valid url.');
    if (!state.claimVerificationId('/esignature', verificationId))
      throw new SimError(
        409,
        'validation_error',
        'verification_id_value_invalid',
        'verification_id already exists, please provide new verification_id',
      );
    const entry: EsignRequest = {
      verificationId,
      referenceId: state.newReferenceId(),
      documentId,
      signerName,
      positions,
      ...(redirectUrl ? { redirectUrl } : {}),
      expiresAt: Date.now() + Number(expiry) * DAY_MS,
      status: 'IN_PROGRESS',
    };
    state.esign.set(verificationId, entry);
    return {
      body: {
        status: 'SUCCESS',
        verification_id: verificationId,
        reference_id: entry.referenceId,
        document_id: documentId,
        signing_link: `${origin(request)}/simulator/esign/${verificationId}`,
      },
    };
  });

  routes.cashfree('GET', '/esignature', async (request, call) => {
    const query = queryOf(request);
    let entry: EsignRequest | undefined;
    if (query['verification_id']) entry = entryOf(query['verification_id']);
    else if (query['reference_id']) {
      entry = [...state.esign.values()].find((each) => String(each.referenceId) === query['reference_id']);
      if (!entry) throw notFound('reference_id');
    } else throw validationError('invalid_request', 'Please provide verification_id or reference_id');
    call.verificationId = entry.verificationId;
    return { body: answerOf(entry, request) };
  });

  // The signer's visit: GET shows the document's signing form; its buttons sign or decline.
  routes.simulator('GET', '/simulator/esign/:verification_id', async (request) => {
    const { verification_id: verificationId } = request.params as { verification_id: string };
    const entry = entryOf(verificationId);
    const status = statusOf(entry);
    if (status !== 'IN_PROGRESS')
      return page(`<p>This signing request is ${escapeHtml(status)}: there is nothing to sign.</p>`);
    return page(`<p>${escapeHtml(entry.signerName)}, sign the account opening form with your Aadhaar.</p>
<p><a href="/simulator/esign/${escapeHtml(verificationId)}/document.pdf">Read the document</a></p>
<form method="post" action="/simulator/esign/${escapeHtml(verificationId)}/sign">
<button type="submit">Sign with Aadhaar OTP (simulated)</button>
</form>
<form method="post" action="/simulator/esign/${escapeHtml(verificationId)}/decline">
<button type="submit">Decline to sign</button>
</form>`);
  });

  /** The signer signs (SUCCESS) or declines (FAILURE); Cashfree then sends its webhook and the signer back. */
  const finish = (outcome: 'SUCCESS' | 'FAILURE') => async (request: FastifyRequest) => {
    const { verification_id: verificationId } = request.params as { verification_id: string };
    const entry = entryOf(verificationId);
    const status = statusOf(entry);
    if (status === 'EXPIRED') throw validationError('link_expired', 'The signing link has expired');
    if (status !== 'IN_PROGRESS')
      throw validationError('invalid_request', `The request is already ${status}`, 409);
    if (outcome === 'SUCCESS')
      entry.signedPdf = await signedCopy(entry, state.esignDocuments.get(entry.documentId)!);
    entry.status = outcome;
    notify(entry, request);
    if (!isFormPost(request)) return { body: { verification_id: verificationId, status: entry.status } };
    if (entry.redirectUrl) return { status: 303, headers: { location: entry.redirectUrl }, body: '' };
    return page(
      outcome === 'SUCCESS'
        ? '<p>Signed. You can close this window.</p>'
        : '<p>You declined to sign. You can close this window.</p>',
    );
  };
  routes.simulator('POST', '/simulator/esign/:verification_id/sign', finish('SUCCESS'));
  routes.simulator('POST', '/simulator/esign/:verification_id/decline', finish('FAILURE'));

  const pdf = (bytes: Buffer) => ({ headers: { 'content-type': 'application/pdf' }, body: bytes });

  routes.simulator('GET', '/simulator/esign/:verification_id/document.pdf', async (request) => {
    const { verification_id: verificationId } = request.params as { verification_id: string };
    return pdf(state.esignDocuments.get(entryOf(verificationId).documentId)!);
  });

  // Cashfree's signed_doc_url is a pre-signed download link: no credentials.
  routes.simulator('GET', '/simulator/esign/:verification_id/signed.pdf', async (request) => {
    const { verification_id: verificationId } = request.params as { verification_id: string };
    const entry = entryOf(verificationId);
    if (!entry.signedPdf) throw notFound('verification_id');
    return pdf(entry.signedPdf);
  });

  // Test control: the signing window ends now.
  routes.simulator('POST', '/simulator/esign/:verification_id/expire', async (request) => {
    const { verification_id: verificationId } = request.params as { verification_id: string };
    const entry = entryOf(verificationId);
    if (statusOf(entry) === 'IN_PROGRESS') {
      entry.expiresAt = Date.now() - 1;
      notify(entry, request);
    }
    return { body: { verification_id: verificationId, status: statusOf(entry) } };
  });
}
