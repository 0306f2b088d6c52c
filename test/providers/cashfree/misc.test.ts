import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CashfreeClient, cashfreeBaseUrl } from '../../../src/providers/cashfree/client.js';
import { CashfreeAuthError } from '../../../src/providers/cashfree/errors.js';
import { FAST, rejectionOf, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('base URL', () => {
  it("picks Cashfree's host per environment, or the override", () => {
    expect(cashfreeBaseUrl('sandbox')).toBe('https://sandbox.cashfree.com/verification');
    expect(cashfreeBaseUrl('production')).toBe('https://api.cashfree.com/verification');
    expect(cashfreeBaseUrl('production', 'http://127.0.0.1:9090')).toBe('http://127.0.0.1:9090');
  });
});

describe('reverse geocoding (/reverse-geocoding)', () => {
  it('resolves the documented Bengaluru point with score 1', async () => {
    const { data } = await h.client.reverseGeocode({ latitude: '12.9274477', longitude: '77.6326542' });
    expect(data).toMatchObject({
      status: 'VALID',
      city: 'bangalore',
      statecode: 'KA',
      pincode: '560008',
      score: 1,
      latitude: '12.9274477',
    });
  });

  it('names the country of a point abroad, and gives no address in the open sea', async () => {
    const { data } = await h.client.reverseGeocode({ latitude: 51.5, longitude: -0.12 });
    expect(data).toMatchObject({ status: 'VALID', city: 'london', countrycode: 'Gb', pincode: null });
    const sea = await h.client.reverseGeocode({ latitude: -40, longitude: -30 });
    expect(sea.data).toMatchObject({ status: 'INVALID', address: null, countrycode: null });
  });

  it('rejects an out-of-range latitude', async () => {
    expect(await rejectionOf(h.client.reverseGeocode({ latitude: 91, longitude: 77 }))).toMatchObject({
      status: 400,
      code: 'latitude_value_invalid',
      message: 'latitude value should range from -90 to 90',
    });
  });
});

describe('authentication', () => {
  it('maps wrong credentials to an auth error, sent once: only an operator can fix it', async () => {
    const client = new CashfreeClient({
      ...FAST,
      baseUrl: h.sim.url,
      clientId: h.sim.clientId,
      clientSecret: 'wrong',
    });
    const before = h.sim.state.callsTo('/pan').length;
    const error = await rejectionOf(client.verifyPan({ pan: 'ABCPV1234D' }));
    expect(error).toBeInstanceOf(CashfreeAuthError);
    // Retryable later (a KYC check's job), not resent now.
    expect(error).toMatchObject({ status: 401, code: 'authentication_failed', retryable: true });
    expect(h.sim.state.callsTo('/pan').length).toBe(before + 1);
    // The secret never appears in what the error carries.
    expect(JSON.stringify(error) + String(error)).not.toContain('wrong');
  });

  it('signs every request with a fresh x-cf-signature when a public key is configured', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signed = await startHarness({
      signaturePrivateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    try {
      const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const { client } = signed.newClient({ publicKeyPem });
      expect((await client.verifyPan({ pan: 'ABCPV1234D' })).data.valid).toBe(true);
      expect((await client.verifyIfsc({ ifsc: 'HDFC0000001' })).data.status).toBe('VALID');
      const unsigned = signed.newClient().client;
      const error = await rejectionOf(unsigned.verifyPan({ pan: 'ABCPV1234D' }));
      expect(error).toBeInstanceOf(CashfreeAuthError);
      expect(error).toMatchObject({ status: 403, code: 'ip_validation_failed' });
    } finally {
      await signed.close();
    }
  });

  it('reports itself unhealthy while Cashfree refuses our configuration, logging it once, and healthy once a call is accepted', async () => {
    const logged: { level: string; message: string }[] = [];
    const log = (level: string) => (_details: object, message: string) => logged.push({ level, message });
    const { client } = h.newClient({
      logger: { debug: () => undefined, info: log('info'), warn: log('warn'), error: log('error') },
    });
    expect(client.health).toEqual({ status: 'healthy', circuit: 'closed' });

    h.sim.faults.set('/pan', { status: 401 });
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await rejectionOf(client.verifyPan({ pan: 'ABCPV1234D' }))).toBeInstanceOf(CashfreeAuthError);
    }
    expect(client.health).toMatchObject({
      status: 'unhealthy',
      refusal: { code: 'authentication_failed', httpStatus: 401 },
    });
    expect(logged.filter((entry) => entry.level === 'error')).toHaveLength(1);

    h.sim.faults.clear('/pan');
    expect((await client.verifyPan({ pan: 'ABCPV1234D' })).data.valid).toBe(true);
    expect(client.health).toEqual({ status: 'healthy', circuit: 'closed' });
    expect(logged.at(-1)).toMatchObject({ level: 'info', message: 'Cashfree accepts our credentials again' });
  });
});
