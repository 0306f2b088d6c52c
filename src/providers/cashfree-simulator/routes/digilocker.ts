import type { FastifyRequest } from 'fastify';
import {
  SimError,
  bodyOf,
  queryOf,
  stringField,
  validationError,
  verificationIdOf,
  type DefineRoute,
  type SimulatorContext,
} from '../http.js';
import { UnsupportedImageError, analyzeImage } from '../images.js';
import { withPhotos } from '../persona-photos.js';
import { PERSONAS } from '../personas.js';
import type { Persona } from '../personas.js';
import { maskedAadhaar } from './pan.js';
import type { DigilockerRequest } from '../state.js';

const DOCUMENT_TYPES = ['AADHAAR', 'PAN', 'DRIVING_LICENSE'] as const;
type DocumentType = (typeof DOCUMENT_TYPES)[number];

const isDocumentType = (value: unknown): value is DocumentType =>
  typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);

function documentsRequestedOf(body: Record<string, unknown>): DocumentType[] {
  const requested = body['document_requested'];
  if (requested === undefined || requested === null) {
    throw validationError('document_requested_missing', 'document_requested is missing in the request.');
  }
  if (!Array.isArray(requested) || requested.length === 0) {
    throw validationError('invalid_request', "Requested Document Type can't be empty");
  }
  if (!requested.every(isDocumentType))
    throw validationError('invalid_request', 'Invalid Document Type Submitted');
  if (new Set(requested).size !== requested.length) {
    throw validationError('invalid_request', 'Duplicate Document Type Submitted');
  }
  return requested;
}

/** The optional `photo` of a consent: base64 JPEG or PNG, served as the Aadhaar photo in place of the persona's own. */
async function photoOf(body: Record<string, unknown>): Promise<string | undefined> {
  const photo = stringField(body, 'photo');
  if (photo === undefined) return undefined;
  const invalid = () => validationError('photo_value_invalid', 'photo should be a base64 JPEG or PNG.');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(photo)) throw invalid();
  try {
    await analyzeImage(Buffer.from(photo, 'base64'));
  } catch (error) {
    if (error instanceof UnsupportedImageError) throw invalid();
    throw error;
  }
  return photo;
}

/** Loopback hosts whose plain-http redirect URLs the simulator accepts: it is a development tool. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Cashfree wants https; the simulator also takes http on a loopback host, where a developer runs Pehchan. */
function redirectUrlOf(body: Record<string, unknown>): string | undefined {
  const url = stringField(body, 'redirect_url');
  if (url === undefined) return undefined;
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const loopback = parsed?.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
  if (!url.startsWith('https') && !loopback)
    throw validationError('redirect_url_value_invalid', 'redirect_url should start with https.');
  if (!parsed) throw validationError('redirect_url_value_invalid', 'redirect_url should be valid url.');
  return url;
}

const isFormPost = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const html = (title: string, content: string) => ({
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:1rem 0 .25rem}select,input,button{font:inherit;padding:.5rem}button{margin:1rem .5rem 0 0}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${content}
</body>
</html>
`,
});

/** The stand-in for DigiLocker's own consent screen: pick a persona, then allow or deny. */
function consentPage(entry: DigilockerRequest, status: string, action: string) {
  if (status !== 'PENDING') {
    return html(
      'DigiLocker (simulator)',
      `<p>This request is ${escapeHtml(status)}: there is nothing to consent to.</p>`,
    );
  }
  const options = [...PERSONAS.values()]
    .map(
      (persona) =>
        `<option value="${escapeHtml(persona.key)}">${escapeHtml(persona.key)}: ${escapeHtml(persona.digilocker.userDetails.name)}</option>`,
    )
    .join('');
  return html(
    'DigiLocker (simulator)',
    `<p>Share ${escapeHtml(entry.documentsRequested.join(', '))} from your DigiLocker?</p>
<form method="post" action="${escapeHtml(action)}">
<label for="persona">Sign in as</label>
<select id="persona" name="persona">${options}</select>
<label for="linkedPan">PAN whose linked Aadhaar this is (optional)</label>
<input id="linkedPan" name="linkedPan" autocomplete="off" pattern="[A-Z]{5}[0-9]{4}[A-Z]">
<div><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></div>
</form>`,
  );
}

/** After the user's decision the browser goes back to the redirect URL, as it would from DigiLocker. */
function afterDecision(request: FastifyRequest, entry: DigilockerRequest, json: Record<string, unknown>) {
  if (!isFormPost(request)) return { body: { ...json, redirect_url: entry.redirectUrl ?? null } };
  if (entry.redirectUrl) return { status: 303, headers: { location: entry.redirectUrl }, body: '' };
  return html(
    'DigiLocker (simulator)',
    `<p>Done: ${escapeHtml(entry.status)}. You can close this window.</p>`,
  );
}

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export function registerDigilockerRoutes(
  routes: { cashfree: DefineRoute; simulator: DefineRoute },
  { state, digilockerLinkTtlMs }: SimulatorContext,
): void {
  const isExpired = (entry: DigilockerRequest) =>
    entry.status === 'PENDING' && Date.now() - entry.createdAt > digilockerLinkTtlMs;
  const statusOf = (entry: DigilockerRequest) => (isExpired(entry) ? 'EXPIRED' : entry.status);

  /** The request named by `verification_id` or `reference_id` in the query. */
  const find = (request: FastifyRequest): DigilockerRequest => {
    const query = queryOf(request);
    const verificationId = query['verification_id'];
    const referenceId = query['reference_id'];
    if (verificationId) {
      const entry = state.digilocker.get(verificationId);
      if (!entry)
        throw new SimError(
          404,
          'not_found_error',
          'verification_id_value_invalid',
          'Please enter a valid verification_id',
        );
      return entry;
    }
    if (referenceId) {
      const entry = [...state.digilocker.values()].find(
        (candidate) => String(candidate.referenceId) === referenceId,
      );
      if (!entry)
        throw new SimError(
          404,
          'not_found_error',
          'reference_id_value_invalid',
          'Please enter a valid reference_id',
        );
      return entry;
    }
    throw validationError('invalid_request', 'Please provide verification_id or reference_id');
  };

  routes.cashfree('POST', '/digilocker', async (request, call) => {
    const body = bodyOf(request);
    const verificationId = verificationIdOf(body);
    call.verificationId = verificationId;
    const documentsRequested = documentsRequestedOf(body);
    const redirectUrl = redirectUrlOf(body);
    if (!state.claimVerificationId('/digilocker', verificationId)) {
      throw new SimError(
        409,
        'validation_error',
        'verification_id_value_invalid',
        'verification_id already exists, please provide new verification_id',
      );
    }
    const entry: DigilockerRequest = {
      verificationId,
      referenceId: state.newReferenceId(),
      documentsRequested,
      ...(redirectUrl ? { redirectUrl } : {}),
      createdAt: Date.now(),
      status: 'PENDING',
      documentsConsented: [],
    };
    state.digilocker.set(verificationId, entry);
    return {
      body: {
        verification_id: verificationId,
        reference_id: entry.referenceId,
        url: `${origin(request)}/simulator/digilocker/${verificationId}`,
        status: 'PENDING',
        document_requested: documentsRequested,
        redirect_url: redirectUrl ?? null,
      },
    };
  });

  routes.cashfree('GET', '/digilocker', async (request, call) => {
    const entry = find(request);
    call.verificationId = entry.verificationId;
    const status = statusOf(entry);
    return {
      body: {
        user_details: status === 'AUTHENTICATED' && entry.persona ? entry.persona.digilocker.userDetails : {},
        status,
        document_requested: entry.documentsRequested,
        document_consent: entry.documentsConsented,
        verification_id: entry.verificationId,
        reference_id: entry.referenceId,
      },
    };
  });

  routes.cashfree('GET', '/digilocker/document/:document_type', async (request, call) => {
    const { document_type: documentType } = request.params as { document_type: string };
    if (!isDocumentType(documentType))
      throw validationError('invalid_request', 'Invalid Document Type Submitted');
    const entry = find(request);
    call.verificationId = entry.verificationId;
    const status = statusOf(entry);
    if (status === 'EXPIRED') throw validationError('url_expired', 'Digilocker request URL is expired');
    if (status === 'PENDING') {
      throw new SimError(
        202,
        'validation_error',
        'validation_pending',
        'Validation in process check after some time',
      );
    }
    if (!entry.persona || !entry.documentsConsented.includes(documentType)) {
      throw validationError('consent_not_granted', 'Consent not provided for document');
    }
    const documents = {
      AADHAAR: entry.persona.digilocker.aadhaar,
      PAN: entry.persona.digilocker.pan,
      DRIVING_LICENSE: entry.persona.digilocker.drivingLicense,
    };
    return {
      body: {
        reference_id: entry.referenceId,
        verification_id: entry.verificationId,
        status: 'SUCCESS',
        ...documents[documentType],
      },
    };
  });

  // Stand-ins for the user's visit to DigiLocker: the consent link and the user's decision.
  routes.simulator('GET', '/simulator/digilocker/:verification_id', async (request) => {
    const { verification_id: verificationId } = request.params as { verification_id: string };
    const entry = state.digilocker.get(verificationId);
    if (!entry)
      throw new SimError(
        404,
        'not_found_error',
        'verification_id_value_invalid',
        'Please enter a valid verification_id',
      );
    const authenticate = `${origin(request)}/simulator/digilocker/${verificationId}/authenticate`;
    if (wantsHtml(request)) return consentPage(entry, statusOf(entry), authenticate);
    return {
      body: {
        verification_id: verificationId,
        status: statusOf(entry),
        document_requested: entry.documentsRequested,
        redirect_url: entry.redirectUrl ?? null,
        personas: [...PERSONAS.keys()],
        authenticate,
      },
    };
  });

  routes.simulator('POST', '/simulator/digilocker/:verification_id/authenticate', async (request) => {
    const { verification_id: verificationId } = request.params as { verification_id: string };
    const entry = state.digilocker.get(verificationId);
    if (!entry)
      throw new SimError(
        404,
        'not_found_error',
        'verification_id_value_invalid',
        'Please enter a valid verification_id',
      );
    if (isExpired(entry)) throw validationError('url_expired', 'Digilocker request URL is expired');
    if (entry.status !== 'PENDING')
      throw validationError('invalid_request', `The request is already ${entry.status}`, 409);
    const body = bodyOf(request);
    if (body['deny'] === true || body['decision'] === 'deny') {
      entry.status = 'CONSENT_DENIED';
      return afterDecision(request, entry, { verification_id: verificationId, status: entry.status });
    }
    const personaKey = stringField(body, 'persona') ?? 'default';
    const persona = PERSONAS.get(personaKey);
    if (!persona) throw validationError('persona_value_invalid', `Unknown persona ${personaKey}`);
    const photo = await photoOf(body);
    const documents = body['documents'];
    const consented = Array.isArray(documents)
      ? entry.documentsRequested.filter((type) => documents.includes(type))
      : entry.documentsRequested;
    // An empty form field is no linked PAN.
    const linkedPan = stringField(body, 'linkedPan') || undefined;
    if (linkedPan !== undefined && !PAN_FORMAT.test(linkedPan)) {
      throw validationError('linkedPan_value_invalid', 'linkedPan must be a well-formed PAN');
    }
    entry.status = 'AUTHENTICATED';
    const withPhoto = await withPhotos(persona, photo);
    entry.persona = linkedPan ? linkedTo(withPhoto, linkedPan) : withPhoto;
    entry.documentsConsented = consented;
    return afterDecision(request, entry, {
      verification_id: verificationId,
      status: entry.status,
      document_consent: consented,
    });
  });
}

const PAN_FORMAT = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

/**
 * The persona's Aadhaar made the one PAN 360 links to `pan` (`linkedPan` at consent): a sandbox customer with a PAN
 * of their own can then be that Aadhaar's holder. A document the persona does not have stays absent.
 */
function linkedTo(persona: Persona, pan: string): Persona {
  const { aadhaar } = persona.digilocker;
  if (aadhaar['uid'] === null || aadhaar['uid'] === undefined) return persona;
  return {
    ...persona,
    digilocker: { ...persona.digilocker, aadhaar: { ...aadhaar, uid: maskedAadhaar(pan) } },
  };
}
