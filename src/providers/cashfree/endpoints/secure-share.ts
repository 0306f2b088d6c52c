import { CashfreeConsentLostError, CashfreeValidationError } from '../errors.js';
import { referenceOf, type CallContext, type CashfreeEngine, type Verified } from '../engine.js';
import {
  DataAvailabilityResponse,
  SecureShareSessionResponse,
  SecureShareTokenResponse,
  SecureShareUserDetailsResponse,
} from '../schemas.js';

/*
 * Secure-Share / 1-Click onboarding. Every call but user details carries the 1-Click app's own
 * client id and secret (Cashfree's `UVXClientID` / `UVXClientSecret` schemes); user details
 * carries only the access token.
 */

/**
 * POST /user/data-availability: which scopes Cashfree holds for a mobile number. The path is the
 * one in Cashfree's 1-Click onboarding API reference; the older Secure-Share page shows
 * `/vault/data-availability`.
 */
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
        engine.json(
          '/user/data-availability',
          {
            verification_id: verificationId,
            user: [{ identifier_type: 'MOBILE', identifier_value: input.mobile }],
          },
          'secure-share',
        ),
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
        engine.json(
          '/oauth2/session',
          {
            verification_id: verificationId,
            user: { identifier_type: 'MOBILE', identifier_value: input.mobile },
          },
          'secure-share',
        ),
      ambiguity: { kind: 'new-id' },
      summarize: (data) => ({ referenceId: referenceOf(data.reference_id), outcome: 'SESSION_CREATED' }),
    },
    ctx,
  );
}

/**
 * POST /oauth2/generate-token. An auth code is single-use, so sending it again cannot produce
 * a second token; it is retried like a read. When an answer was lost and the resend is told the
 * code is invalid, the lost answer spent it: `CashfreeConsentLostError`, the customer consents again.
 */
export async function generateSecureShareToken(
  engine: CashfreeEngine,
  input: { authCode: string },
  ctx: CallContext = {},
): Promise<SecureShareTokenResponse> {
  let answerLost = false;
  try {
    return await engine.read(
      engine.json('/oauth2/generate-token', { auth_code: input.authCode }, 'secure-share').request,
      SecureShareTokenResponse,
      ctx.signal,
      () => {
        answerLost = true;
      },
    );
  } catch (error) {
    if (answerLost && error instanceof CashfreeValidationError && error.code === 'auth_code_value_invalid') {
      throw new CashfreeConsentLostError(error);
    }
    throw error;
  }
}

/** GET /oauth2/user-details: the access token and `x-api-version` only, as Cashfree documents it. */
export function getSecureShareUserDetails(
  engine: CashfreeEngine,
  input: { accessToken: string },
  ctx: CallContext = {},
): Promise<SecureShareUserDetailsResponse> {
  return engine.read(
    engine.get('/oauth2/user-details', {}, { bearer: input.accessToken }),
    SecureShareUserDetailsResponse,
    ctx.signal,
  );
}
