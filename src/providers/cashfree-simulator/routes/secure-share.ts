import { randomBytes } from 'node:crypto';
import {
  SimError,
  bodyOf,
  duplicateVerificationId,
  isoSeconds,
  missing,
  stringField,
  validationError,
  verificationIdOf,
  type DefineRoute,
  type SimulatorContext,
} from '../http.js';
import { withPhotos } from '../persona-photos.js';
import { PERSONAS, personaByMobile } from '../personas.js';

/** Sessions and access tokens both last an hour at Cashfree. */
const HOUR_MS = 60 * 60 * 1000;
const MOBILE = /^[6-9][0-9]{9}$/;
const DATA_AVAILABILITY = '/user/data-availability';

const token = (prefix: string) => `${prefix}_${randomBytes(18).toString('base64url')}`;

function identifierOf(value: unknown): { identifier_type: string; identifier_value: string } {
  const user = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const type = stringField(user, 'identifier_type');
  if (!type) throw missing('identifier_type');
  const identifier = stringField(user, 'identifier_value');
  if (!identifier) throw missing('identifier_value');
  if (type !== 'MOBILE')
    throw validationError('identifier_type_value_invalid', 'identifier_type should be valid.');
  if (!MOBILE.test(identifier))
    throw validationError('identifier_value_value_invalid', 'identifier_value should be valid.');
  return { identifier_type: type, identifier_value: identifier };
}

export function registerSecureShareRoutes(
  routes: { cashfree: DefineRoute; bearer: DefineRoute; simulator: DefineRoute },
  { state }: SimulatorContext,
): void {
  const dataAvailability = (path: string) =>
    routes.cashfree('POST', path, async (request, call) => {
      const body = bodyOf(request);
      const verification_id = verificationIdOf(body);
      call.verificationId = verification_id;
      const users = body['user'];
      if (!Array.isArray(users) || users.length === 0) throw missing('user');
      const user = users.map(identifierOf);
      if (!state.claimVerificationId(DATA_AVAILABILITY, verification_id)) throw duplicateVerificationId();
      const persona = user
        .map((entry) => personaByMobile(entry.identifier_value))
        .find((found) => found !== undefined);
      return {
        body: {
          reference_id: state.newReferenceId(),
          verification_id,
          user,
          available_scopes: (persona?.scopes ?? []).map(({ scope }) => ({ scope })),
        },
      };
    });
  // The 1-Click onboarding reference's path, and the one the older Secure-Share page shows.
  dataAvailability(DATA_AVAILABILITY);
  dataAvailability('/vault/data-availability');

  routes.cashfree('POST', '/oauth2/session', async (request, call) => {
    const body = bodyOf(request);
    const verification_id = verificationIdOf(body);
    call.verificationId = verification_id;
    if (body['user'] === undefined) throw missing('user');
    const user = identifierOf(body['user']);
    if (!state.claimVerificationId('/oauth2/session', verification_id)) throw duplicateVerificationId();
    const session = {
      sessionId: token('session'),
      verificationId: verification_id,
      referenceId: state.newReferenceId(),
      mobile: user.identifier_value,
      expiresAt: Date.now() + HOUR_MS,
    };
    state.sessions.set(session.sessionId, session);
    return {
      body: {
        reference_id: session.referenceId,
        verification_id,
        user,
        expiry: isoSeconds(session.expiresAt),
        session_id: session.sessionId,
      },
    };
  });

  routes.cashfree('POST', '/oauth2/generate-token', async (request) => {
    const authCode = stringField(bodyOf(request), 'auth_code');
    if (!authCode) throw validationError('auth_code_missing', 'auth_code is missing in the request.');
    const grant = state.authCodes.get(authCode);
    // Auth codes are single-use.
    state.authCodes.delete(authCode);
    if (!grant || grant.expiresAt < Date.now()) {
      throw validationError('auth_code_value_invalid', 'auth_code should be valid.');
    }
    const accessToken = token('access');
    const expiresAt = Date.now() + HOUR_MS;
    state.accessTokens.set(accessToken, { ...grant, expiresAt });
    return {
      body: {
        verification_id: grant.session.verificationId,
        reference_id: grant.session.referenceId,
        expiry: isoSeconds(expiresAt),
        access_token: accessToken,
      },
    };
  });

  // Only the access token and x-api-version, as Cashfree's reference shows.
  routes.bearer('GET', '/oauth2/user-details', async (request, call) => {
    const header = request.headers.authorization;
    const accessToken = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!accessToken)
      throw validationError('access_token_missing', 'access_token is missing in the request.');
    const grant = state.accessTokens.get(accessToken);
    if (!grant || grant.expiresAt < Date.now()) {
      throw validationError('access_token_value_invalid', 'access_token should be valid.');
    }
    call.verificationId = grant.session.verificationId;
    return {
      body: {
        reference_id: grant.session.referenceId,
        verification_id: grant.session.verificationId,
        scopes: grant.persona.scopes,
      },
    };
  });

  // Stand-in for the 1-Click SDK: the user consents and the SDK callback receives an auth code.
  routes.simulator('POST', '/simulator/secure-share/consent', async (request) => {
    const body = bodyOf(request);
    const sessionId = stringField(body, 'session_id');
    if (!sessionId) throw missing('session_id');
    const session = state.sessions.get(sessionId);
    if (!session)
      throw new SimError(404, 'not_found_error', 'session_id_value_invalid', 'session_id does not exist.');
    if (session.expiresAt < Date.now()) throw validationError('session_expired', 'session expired');
    const personaKey = stringField(body, 'persona');
    const persona = personaKey
      ? PERSONAS.get(personaKey)
      : (personaByMobile(session.mobile) ?? PERSONAS.get('default'));
    if (!persona) throw validationError('persona_value_invalid', `Unknown persona ${personaKey ?? ''}`);
    const authCode = token('code');
    state.authCodes.set(authCode, {
      session,
      persona: await withPhotos(persona),
      expiresAt: Date.now() + 10 * 60 * 1000,
    });
    return { body: { auth_code: authCode } };
  });
}
