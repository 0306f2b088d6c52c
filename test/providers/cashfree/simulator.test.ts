import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSimulator, type SimulatorApp } from '../../../src/providers/cashfree-simulator/app.js';

let sim: SimulatorApp;
beforeAll(async () => {
  sim = buildSimulator({ clientId: 'cid', clientSecret: 'csecret', faultSeed: 42 });
  await sim.ready();
});
afterAll(() => sim.close());

const headers = { 'x-client-id': 'cid', 'x-client-secret': 'csecret', 'x-api-version': '2024-12-01' };
const post = (url: string, payload: unknown, extraHeaders: Record<string, string> = headers) =>
  sim.inject({ method: 'POST', url, headers: extraHeaders, payload: payload as Record<string, unknown> });

describe('simulator HTTP contract', () => {
  it("answers 400 for missing credentials and 401 for wrong ones, in Cashfree's error format", async () => {
    const noId = await post('/pan', { pan: 'ABCPV1234D' }, {});
    expect(noId.statusCode).toBe(400);
    expect(noId.json()).toEqual({
      type: 'validation_error',
      code: 'x-client-id_missing',
      message: 'x-client-id is missing in the request.',
    });
    const noSecret = await post('/pan', { pan: 'ABCPV1234D' }, { 'x-client-id': 'cid' });
    expect(noSecret.json()).toMatchObject({ code: 'x-client-secret_missing' });
    const wrong = await post(
      '/pan',
      { pan: 'ABCPV1234D' },
      { 'x-client-id': 'cid', 'x-client-secret': 'nope' },
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({
      type: 'authentication_error',
      code: 'authentication_failed',
      message: 'Invalid clientId and clientSecret combination',
    });
  });

  it('validates verification ids as Cashfree does', async () => {
    const tooLong = await post('/ifsc', { verification_id: 'a'.repeat(51), ifsc: 'HDFC0000001' });
    expect(tooLong.json()).toMatchObject({ code: 'verification_id_length_exceeded' });
    const badChars = await post('/ifsc', { verification_id: 'a b', ifsc: 'HDFC0000001' });
    expect(badChars.json()).toMatchObject({ code: 'verification_id_value_invalid' });
    const missing = await post('/ifsc', { ifsc: 'HDFC0000001' });
    expect(missing.json()).toEqual({
      type: 'validation_error',
      code: 'verification_id_missing',
      message: 'verification_id is missing in the request.',
    });
  });

  it('answers 409 to a reused verification id, per API', async () => {
    expect(
      (await post('/name-match', { verification_id: 'dup.1', name_1: 'A', name_2: 'A' })).statusCode,
    ).toBe(200);
    const again = await post('/name-match', { verification_id: 'dup.1', name_1: 'A', name_2: 'A' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      type: 'validation_error',
      code: 'verification_id_already_exists',
      message: 'verification id already exists',
    });
    // Another API keeps its own ids.
    expect((await post('/ifsc', { verification_id: 'dup.1', ifsc: 'HDFC0000001' })).statusCode).toBe(200);
  });

  it('sets faults through the admin endpoint and logs calls', async () => {
    const set = await post(
      '/simulator/faults',
      { target: 'POST /pan', fault: { status: 502, times: 1 } },
      {},
    );
    expect(set.statusCode).toBe(200);
    const faulted = await post('/pan', { pan: 'ABCPV1234D' });
    expect(faulted.statusCode).toBe(502);
    expect(faulted.json()).toMatchObject({ type: 'internal_error', code: 'verification_failed' });
    expect((await post('/pan', { pan: 'ABCPV1234D' })).statusCode).toBe(200);
    const calls = (await sim.inject({ method: 'GET', url: '/simulator/calls' })).json() as {
      path: string;
      fault?: string;
      processed: boolean;
    }[];
    const panCalls = calls.filter((call) => call.path === '/pan').slice(-2);
    expect(panCalls).toMatchObject([{ fault: '502', processed: false }, { processed: true }]);
  });

  it('refuses a malformed fault', async () => {
    const response = await post('/simulator/faults', { target: '/pan', fault: { status: 418 } }, {});
    expect(response.statusCode).toBe(400);
    expect(sim.faults.list()).toEqual({});
  });

  it('applies probabilistic faults to some calls only, repeatably for a seed', async () => {
    sim.faults.set('/reverse-geocoding', { status: 500, probability: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await post('/reverse-geocoding', {
        verification_id: `geo-${i}`,
        latitude: '19.07',
        longitude: '72.87',
      });
      statuses.push(response.statusCode);
    }
    sim.faults.clear();
    expect(statuses.filter((status) => status === 500).length).toBeGreaterThan(3);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(3);
    const replay = buildSimulator({ clientId: 'cid', clientSecret: 'csecret', faultSeed: 42 });
    replay.faults.set('/reverse-geocoding', { status: 500, probability: 0.5 });
    const replayed: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await replay.inject({
        method: 'POST',
        url: '/reverse-geocoding',
        headers,
        payload: { verification_id: `geo-${i}`, latitude: '19.07', longitude: '72.87' },
      });
      replayed.push(response.statusCode);
    }
    await replay.close();
    expect(replayed).toEqual(statuses);
  });

  it("answers unknown routes with a 404 in Cashfree's format", async () => {
    const response = await sim.inject({ method: 'GET', url: '/nope', headers });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ type: 'not_found_error' });
  });
});
