import { describe, expect, it } from 'vitest';
import type { TestContext } from '../../helpers/app.js';
import { authed, registerAndLogin, useTestApp } from '../../helpers/app.js';
import { grantConsent } from './prefill-app.js';

// Where DigiLocker sends the customer back: the onboarding app's Aadhaar step on PUBLIC_URL (or the
// return path it asks for), unless the operator fixed DIGILOCKER_REDIRECT_URL.

async function startSession(ctx: TestContext, payload?: object) {
  const { token } = await registerAndLogin(ctx.app);
  await grantConsent(ctx.app, token, 'digilocker_fetch');
  return authed(ctx.app, token, {
    method: 'POST',
    url: '/v1/digilocker/session',
    ...(payload ? { payload } : {}),
  });
}

/** The redirect URL the (simulated) Cashfree was given for the request. */
function redirectSentFor(ctx: TestContext, verificationId: string) {
  return ctx.app.provider.simulator!.state.digilocker.get(verificationId)?.redirectUrl;
}

describe('DigiLocker return to the onboarding app', () => {
  const ctx = useTestApp({ PUBLIC_URL: 'http://localhost:8081' });

  it('sends the customer back to the Aadhaar step on PUBLIC_URL by default (the simulator takes the loopback http URL)', async () => {
    const response = await startSession(ctx);
    expect(response.statusCode).toBe(201);
    expect(redirectSentFor(ctx, response.json().data.verificationId)).toBe(
      'http://localhost:8081/onboard/steps/aadhaar?digilocker=return',
    );
  });

  it('sends the customer back to the return path asked for', async () => {
    const response = await startSession(ctx, {
      returnPath: '/onboard/steps/aadhaar?digilocker=return&from=link',
    });
    expect(response.statusCode).toBe(201);
    expect(redirectSentFor(ctx, response.json().data.verificationId)).toBe(
      'http://localhost:8081/onboard/steps/aadhaar?digilocker=return&from=link',
    );
  });

  it.each([
    'https://evil.example/onboard/steps/aadhaar',
    '//evil.example/onboard/',
    '/onboard//evil.example',
    '/onboard/steps/..//evil.example',
    '/onboard/../v1/auth/logout',
    '/onboard/%2e%2e/%2E%2E/docs',
    '/onboard/\\evil.example',
    '/v1/digilocker/status',
    'onboard/steps/aadhaar',
    '/onboardx/steps',
    '/onboard/steps aadhaar',
  ])(
    'refuses the return path %j with a 400 naming /returnPath, before asking Cashfree',
    async (returnPath) => {
      const simulator = ctx.app.provider.simulator!;
      const before = simulator.state.callsTo('/digilocker', 'POST').length;
      const response = await startSession(ctx, { returnPath });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: '/returnPath' }],
      });
      expect(simulator.state.callsTo('/digilocker', 'POST')).toHaveLength(before);
    },
  );

  it('refuses fields it does not know', async () => {
    const response = await startSession(ctx, { redirectUrl: 'https://evil.example' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('/redirectUrl');
  });
});

describe('DigiLocker return with DIGILOCKER_REDIRECT_URL set', () => {
  const ctx = useTestApp({ DIGILOCKER_REDIRECT_URL: 'https://kyc.example.in/digilocker/back' });

  it('sends every customer there, whatever return path they ask for', async () => {
    for (const payload of [undefined, { returnPath: '/onboard/steps/aadhaar?x=1' }]) {
      const response = await startSession(ctx, payload);
      expect(response.statusCode).toBe(201);
      expect(redirectSentFor(ctx, response.json().data.verificationId)).toBe(
        'https://kyc.example.in/digilocker/back',
      );
    }
  });
});
