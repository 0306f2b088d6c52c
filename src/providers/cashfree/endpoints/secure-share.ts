import { referenceOf, type CallContext, type CashfreeEngine, type Verified } from '../engine.js';
import {
  DataAvailabilityResponse,
  SecureShareSessionResponse,
  SecureShareTokenResponse,
  SecureShareUserDetailsResponse,
} from '../schemas.js';

/** POST /oauth2/data-availability: which scopes Cashfree holds for a mobile number. */
export function checkSecureShareDataAvailability(
  engine: CashfreeEngine,
  input: { mobile: string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<DataAvailabilityResponse>> {
  return engine.verify(
    {
      kind: 'secure_share_data_availability',
      idPrefix: 'ssda',
      verificationId: input.verificationId,
      schema: DataAvailabilityResponse,
      build: (verificationId) =>
        engine.json('/oauth2/data-availability', {
          verification_id: verificationId,
          user: [{ identifier_type: 'MOBILE', identifier_value: input.mobile }],
        }),
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({
        referenceId: referenceOf(data.reference_id),
        outcome: data.available_scopes.length > 0 ? 'AVAILABLE' : 'NOT_AVAILABLE',
      }),
    },
    ctx,
  );
}

/** POST /oauth2/session: the `session_id` the 1-Click SDK opens for the user's consent. */
export function createSecureShareSession(
  engine: CashfreeEngine,
  input: { mobile: string; verificationId?: string },
  ctx: CallContext = {},
): Promise<Verified<SecureShareSessionResponse>> {
  return engine.verify(
    {
      kind: 'secure_share_session',
      idPrefix: 'sss',
      verificationId: input.verificationId,
      schema: SecureShareSessionResponse,
      build: (verificationId) =>
        engine.json('/oauth2/session', {
          verification_id: verificationId,
          user: { identifier_type: 'MOBILE', identifier_value: input.mobile },
        }),
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: 'SESSION_CREATED' }),
    },
    ctx,
  );
}

/**
 * POST /oauth2/generate-token. An auth code is single-use, so sending it again cannot produce
 * a second token; it is retried like a read.
 */
export function generateSecureShareToken(
  engine: CashfreeEngine,
  input: { authCode: string },
  ctx: CallContext = {},
): Promise<SecureShareTokenResponse> {
  return engine.read(
    engine.json('/oauth2/generate-token', { auth_code: input.authCode }).request,
    SecureShareTokenResponse,
    ctx.signal,
  );
}

/** GET /oauth2/user-details with the access token. */
export function getSecureShareUserDetails(
  engine: CashfreeEngine,
  input: { accessToken: string },
  ctx: CallContext = {},
): Promise<SecureShareUserDetailsResponse> {
  const request = engine.get('/oauth2/user-details', {});
  request.headers = { authorization: `Bearer ${input.accessToken}` };
  return engine.read(request, SecureShareUserDetailsResponse, ctx.signal);
}
