import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CashfreeValidationError } from '../../../src/providers/cashfree/errors.js';
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

  it('runs session → consent → token → user details and returns the seed 002 payload for the default persona', async () => {
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
});
