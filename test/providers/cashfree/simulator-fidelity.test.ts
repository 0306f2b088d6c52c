import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CashfreeAuthError } from '../../../src/providers/cashfree/errors.js';
import { buildSimulator, type SimulatorApp } from '../../../src/providers/cashfree-simulator/app.js';
import { noFaceImage, passingSelfie } from '../../../src/providers/cashfree-simulator/test-images.js';
import { imagePart, multipart } from '../../helpers/multipart.js';
import { rejectionOf, startHarness } from './helpers.js';

// The parts of Cashfree's contract found missing when replaying its spec against the simulator.

const credentials = { clientId: 'cid', clientSecret: 'csecret' };
const headers = { 'x-client-id': 'cid', 'x-client-secret': 'csecret', 'x-api-version': '2024-12-01' };

let sim: SimulatorApp;
beforeAll(async () => {
  sim = buildSimulator({ ...credentials, rateLimitPerMinute: 0 });
  await sim.ready();
});
afterAll(() => sim.close());

const post = (url: string, payload: unknown, extraHeaders: Record<string, string> = headers) =>
  sim.inject({ method: 'POST', url, headers: extraHeaders, payload: payload as Record<string, unknown> });

async function faceLiveness(image: Buffer, verificationId: string, extraHeaders = headers) {
  const body = multipart([{ name: 'verification_id', value: verificationId }, imagePart(image, 'image')]);
  return sim.inject({
    method: 'POST',
    url: '/face-liveness',
    headers: { ...extraHeaders, ...body.headers },
    payload: body.payload,
  });
}

describe('headers before the body', () => {
  it('refuses missing credentials before reading a malformed JSON or multipart body', async () => {
    const json = await sim.inject({
      method: 'POST',
      url: '/pan',
      headers: { 'content-type': 'application/json' },
      payload: '{"pan": ',
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'x-client-id_missing' });

    const wrongSecret = await sim.inject({
      method: 'POST',
      url: '/liveliness',
      headers: { 'x-client-id': 'cid', 'x-client-secret': 'nope', 'content-type': 'multipart/form-data' },
      payload: 'not multipart at all',
    });
    expect(wrongSecret.statusCode).toBe(401);
    expect(wrongSecret.json()).toMatchObject({ code: 'authentication_failed' });
  });
});

describe('GET /pan/{reference_id}', () => {
  it('answers an earlier /pan result again, and 404 for a reference it never gave', async () => {
    const verified = await post('/pan', { pan: 'ABCPV1234D', name: 'John Doe' });
    expect(verified.statusCode).toBe(200);
    const { reference_id } = verified.json() as { reference_id: number };
    const again = await sim.inject({ method: 'GET', url: `/pan/${reference_id}`, headers });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(verified.json());

    const unknown = await sim.inject({ method: 'GET', url: '/pan/999999999', headers });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: 'validation_error', code: 'reference_id_not_found' });
    const malformed = await sim.inject({ method: 'GET', url: '/pan/abc', headers });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'reference_id_value_invalid' });
  });
});

describe('POST /face-liveness', () => {
  it('judges a selfie with its own field names, and refuses a duplicate id and a missing image', async () => {
    const live = await faceLiveness(await passingSelfie(3), 'fl-1');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ verification_id: 'fl-1', status: 'SUCCESS', liveness: true });
    expect((live.json() as { liveness_score: number }).liveness_score).toBeGreaterThanOrEqual(0.75);

    const noFace = await faceLiveness(await noFaceImage(), 'fl-2');
    expect(noFace.json()).toMatchObject({ status: 'FACE_NOT_DETECTED', liveness: false });

    expect((await faceLiveness(await passingSelfie(3), 'fl-1')).statusCode).toBe(409);
    const body = multipart([{ name: 'verification_id', value: 'fl-3' }]);
    const missing = await sim.inject({
      method: 'POST',
      url: '/face-liveness',
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
    expect(missing.json()).toMatchObject({ code: 'image_field_missing' });
  });

  it('requires x-api-version, as its reference does', async () => {
    const { 'x-api-version': _version, ...withoutVersion } = headers;
    const response = await faceLiveness(await passingSelfie(4), 'fl-4', withoutVersion as typeof headers);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'x-api-version_missing' });
  });
});

describe('rate limit', () => {
  it('answers 429 rate_limit_error past the limit per client id and endpoint, and never processes the call', async () => {
    const limited = buildSimulator({ ...credentials, rateLimitPerMinute: 3 });
    try {
      const ifsc = (id: string) =>
        limited.inject({
          method: 'POST',
          url: '/ifsc',
          headers,
          payload: { verification_id: id, ifsc: 'HDFC0000001' },
        });
      const statuses = [];
      for (let call = 0; call < 4; call++) statuses.push((await ifsc(`rl-${call}`)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await ifsc('rl-4');
      expect(refused.json()).toEqual({
        type: 'rate_limit_error',
        code: 'too_many_requests_per_operation',
        message: 'Too many requests for this operation, rate limit reached',
      });
      expect(limited.state.callsTo('/ifsc').filter((call) => call.processed)).toHaveLength(3);
      // Another endpoint has its own count.
      const names = await limited.inject({
        method: 'POST',
        url: '/name-match',
        headers,
        payload: { verification_id: 'rl-n', name_1: 'A', name_2: 'A' },
      });
      expect(names.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('production mode', () => {
  it('refuses a test-environment secret with 400 x-client-secret_value_invalid, which the client treats as configuration', async () => {
    const testSecret = 'cfsk_ma_test_0123456789abcdef';
    const production = await startHarness({
      clientId: 'cid',
      clientSecret: 'cfsk_ma_prod_0123456789abcdef',
      environment: 'production',
    });
    try {
      const response = await fetch(`${production.sim.url}/pan`, {
        method: 'POST',
        headers: { ...headers, 'x-client-secret': testSecret, 'content-type': 'application/json' },
        body: JSON.stringify({ pan: 'ABCPV1234D' }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        type: 'validation_error',
        code: 'x-client-secret_value_invalid',
        message: 'Client secret belongs to test environment',
      });

      const { client } = production.newClient({ clientSecret: testSecret });
      const error = await rejectionOf(client.verifyPan({ pan: 'ABCPV1234D' }));
      expect(error).toBeInstanceOf(CashfreeAuthError);
      expect(client.health).toMatchObject({
        status: 'unhealthy',
        refusal: { code: 'x-client-secret_value_invalid', httpStatus: 400 },
      });
      expect((await production.client.verifyPan({ pan: 'ABCPV1234D' })).data.valid).toBe(true);
    } finally {
      await production.close();
    }
  });
});
