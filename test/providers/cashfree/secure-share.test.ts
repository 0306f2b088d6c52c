import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CashfreeAuthError,
  CashfreeConsentLostError,
  CashfreeValidationError,
} from '../../../src/providers/cashfree/errors.js';
import { DEFAULT_API_VERSION } from '../../../src/providers/cashfree/index.js';
import { withPhotos } from '../../../src/providers/cashfree-simulator/persona-photos.js';
import { PERSONAS } from '../../../src/providers/cashfree-simulator/personas.js';
import { rejectionOf, simulatorPost, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function consent(sessionId: string, persona?: string): Promise<string> {
  const response = await simulatorPost(h.sim, '/simulator/secure-share/consent', {
    session_id: sessionId,
    persona,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { auth_code: string }).auth_code;
}

describe('Secure-Share / 1-Click', () => {
  it('lists the scopes Cashfree holds for a known mobile number and none for others', async () => {
    const known = await h.client.checkSecureShareDataAvailability({ mobile: '9988123456' });
    expect(known.data.available_scopes.map((entry) => entry.scope)).toEqual([
      'MOBILE',
      'EMAIL',
      'ADDRESS',
      'GENDER',
      'DOB',
      'AADHAAR',
      'PAN',
      'BANK_ACCOUNT',
      'NAME',
      'OCCUPATION',
      'INCOME',
    ]);
    expect(h.recorder.verifications.get(known.verificationId)?.finishes[0]?.outcome).toBe('AVAILABLE');
    const unknown = await h.client.checkSecureShareDataAvailability({ mobile: '9000000001' });
    expect(unknown.data.available_scopes).toEqual([]);
  });

  it('runs session → consent → token → user details and returns the original example payload for the default persona', async () => {
    const session = await h.client.createSecureShareSession({ mobile: '9988123456' });
    expect(session.data).toMatchObject({
      verification_id: session.verificationId,
      user: { identifier_value: '9988123456' },
    });
    expect(Date.parse(session.data.expiry ?? '') - Date.now()).toBeGreaterThan(59 * 60 * 1000);

    const token = await h.client.generateSecureShareToken({
      authCode: await consent(session.data.session_id),
    });
    expect(token.verification_id).toBe(session.verificationId);

    const details = await h.client.getSecureShareUserDetails({ accessToken: token.access_token });
    expect(details.verification_id).toBe(session.verificationId);
    // The persona's scopes, with its drawn Aadhaar photo in place of the documented placeholder.
    expect(details.scopes).toEqual((await withPhotos(PERSONAS.get('default')!)).scopes);
    const aadhaar = details.scopes.find((scope) => scope.scope === 'AADHAAR')?.records[0];
    expect(aadhaar).toMatchObject({
      confidence_score: 0.85,
      metadata: {
        name: 'Mallesh Fakkirappa Dollin',
        aadhaar: 'xxxxxxxx9012',
        split_address: { dist: 'Haveri', vtc: 'Ranibennur' },
      },
    });
    expect(details.scopes.find((scope) => scope.scope === 'INCOME')?.records[0]?.metadata).toEqual({
      income: 'BELOW_ONE_LAKH',
    });
    // The session record keeps no session id: it opens the user's consent screen.
    expect(h.recorder.verifications.get(session.verificationId)?.finishes[0]?.response['session_id']).toBe(
      '[secret]',
    );
  });

  it('uses an auth code once only', async () => {
    const session = await h.client.createSecureShareSession({ mobile: '9999999999' });
    const authCode = await consent(session.data.session_id, 'john_doe');
    const token = await h.client.generateSecureShareToken({ authCode });
    const details = await h.client.getSecureShareUserDetails({ accessToken: token.access_token });
    expect(details.scopes.find((scope) => scope.scope === 'PAN')?.records[0]?.metadata['pan']).toBe(
      'ABCPV1234D',
    );
    const reuse = await rejectionOf(h.client.generateSecureShareToken({ authCode }));
    expect(reuse).toBeInstanceOf(CashfreeValidationError);
    expect(reuse).toMatchObject({ status: 400, code: 'auth_code_value_invalid' });
  });

  it('refuses an invalid access token', async () => {
    expect(await rejectionOf(h.client.getSecureShareUserDetails({ accessToken: 'forged' }))).toMatchObject({
      status: 400,
      code: 'access_token_value_invalid',
    });
  });

  it('requires x-api-version on the OAuth endpoints', async () => {
    const response = await fetch(`${h.sim.url}/oauth2/generate-token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-client-id': h.sim.clientId,
        'x-client-secret': h.sim.clientSecret,
      },
      body: JSON.stringify({ auth_code: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: 'validation_error',
      code: 'x-api-version_missing',
      message: 'x-api-version is missing in the request.',
    });
  });

  it("asks at /user/data-availability, the 1-Click onboarding reference's path, and the older /vault path answers too", async () => {
    const before = h.sim.state.callsTo('/user/data-availability', 'POST').length;
    await h.client.checkSecureShareDataAvailability({ mobile: '9988123456' });
    expect(h.sim.state.callsTo('/user/data-availability', 'POST')).toHaveLength(before + 1);
    const vault = await fetch(`${h.sim.url}/vault/data-availability`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-client-id': h.sim.clientId,
        'x-client-secret': h.sim.clientSecret,
        'x-api-version': DEFAULT_API_VERSION,
      },
      body: JSON.stringify({
        verification_id: 'vault_path_1',
        user: [{ identifier_type: 'MOBILE', identifier_value: '9988123456' }],
      }),
    });
    expect(vault.status).toBe(200);
    expect(((await vault.json()) as { available_scopes: unknown[] }).available_scopes.length).toBeGreaterThan(
      0,
    );
    expect((await fetch(`${h.sim.url}/oauth2/data-availability`, { method: 'POST' })).status).toBe(404);
  });

  it('reads user details with only the bearer token and x-api-version', async () => {
    const session = await h.client.createSecureShareSession({ mobile: '9988123456' });
    const token = await h.client.generateSecureShareToken({
      authCode: await consent(session.data.session_id),
    });
    const bare = (headers: Record<string, string>) => fetch(`${h.sim.url}/oauth2/user-details`, { headers });
    const answered = await bare({
      authorization: `Bearer ${token.access_token}`,
      'x-api-version': DEFAULT_API_VERSION,
    });
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { verification_id: string }).verification_id).toBe(
      session.verificationId,
    );
    const noVersion = await bare({ authorization: `Bearer ${token.access_token}` });
    expect(noVersion.status).toBe(400);
    expect(((await noVersion.json()) as { code: string }).code).toBe('x-api-version_missing');
  });

  it('tells a code spent by an exchange whose answer was lost from an invalid code', async () => {
    const session = await h.client.createSecureShareSession({ mobile: '9988123456' });
    const authCode = await consent(session.data.session_id);
    // Cashfree exchanges the code, then the answer is lost; the resend finds the code spent.
    h.sim.faults.set('/oauth2/generate-token', { status: 502, afterProcessing: true, times: 1 });
    const lost = await rejectionOf(h.client.generateSecureShareToken({ authCode }));
    expect(lost).toBeInstanceOf(CashfreeConsentLostError);
    expect(lost).toMatchObject({ code: 'consent_lost' });
    expect(
      h.sim.state
        .callsTo('/oauth2/generate-token', 'POST')
        .slice(-2)
        .map((call) => call.status),
    ).toEqual([502, 400]);

    const invalid = await rejectionOf(h.client.generateSecureShareToken({ authCode: 'never_issued' }));
    expect(invalid).toBeInstanceOf(CashfreeValidationError);
    expect(invalid).toMatchObject({ code: 'auth_code_value_invalid' });
  });
});

describe('Secure-Share with its own credentials', () => {
  const oneClick = { clientId: 'one_click_app', clientSecret: 'one_click_secret' };
  let separate: Harness;
  beforeAll(async () => {
    separate = await startHarness({ secureShare: oneClick });
  });
  afterAll(() => separate.close());

  it('refuses the main pair on the 1-Click endpoints and accepts the 1-Click pair there only', async () => {
    const mainPair = separate.client;
    for (const call of [
      () => mainPair.checkSecureShareDataAvailability({ mobile: '9988123456' }),
      () => mainPair.createSecureShareSession({ mobile: '9988123456' }),
      () => mainPair.generateSecureShareToken({ authCode: 'x' }),
    ]) {
      expect(await rejectionOf(call())).toMatchObject({ status: 401, code: 'authentication_failed' });
    }

    const { client } = separate.newClient({ secureShare: oneClick });
    const availability = await client.checkSecureShareDataAvailability({ mobile: '9988123456' });
    expect(availability.data.available_scopes.length).toBeGreaterThan(0);
    const session = await client.createSecureShareSession({ mobile: '9988123456' });
    const response = await simulatorPost(separate.sim, '/simulator/secure-share/consent', {
      session_id: session.data.session_id,
    });
    const { auth_code } = (await response.json()) as { auth_code: string };
    const token = await client.generateSecureShareToken({ authCode: auth_code });
    const details = await client.getSecureShareUserDetails({ accessToken: token.access_token });
    expect(details.verification_id).toBe(session.verificationId);
    // The main pair still serves everything else; the 1-Click pair does not.
    expect((await client.verifyPan({ pan: 'ABCPV1234D' })).data.valid).toBe(true);
    const { client: oneClickOnly } = separate.newClient({ ...oneClick, secureShare: oneClick });
    expect(await rejectionOf(oneClickOnly.verifyPan({ pan: 'ABCPV1234D' }))).toBeInstanceOf(
      CashfreeAuthError,
    );
  });
});
