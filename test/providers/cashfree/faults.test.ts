import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CashfreeIndeterminateError,
  CashfreeNetworkError,
  CashfreeRateLimitError,
  CashfreeServerError,
  CashfreeValidationError,
} from '../../../src/providers/cashfree/errors.js';
import { CashfreeClient } from '../../../src/providers/cashfree/client.js';
import { InMemoryVerificationRecorder } from '../../../src/providers/cashfree/recorder.js';
import { passingSelfie } from '../../../src/providers/cashfree-simulator/test-images.js';
import { FAST, rejectionOf, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => {
  h.sim.faults.clear();
  h.sim.state.reset();
});
afterAll(() => h.close());

const processed = (path: string, method = 'POST') =>
  h.sim.state.callsTo(path, method).filter((call) => call.processed);

describe('requests Cashfree certainly did not process', () => {
  it('sends a rate-limited request again under the same id, with backoff', async () => {
    h.sim.faults.set('/pan', { status: 429, times: 2 });
    const { client, recorder } = h.newClient();
    const { data, verificationId, attempt } = await client.verifyPan({ pan: 'ABCPV1234D' });
    expect(data.valid).toBe(true);
    expect(attempt).toBe(1);
    expect(h.sim.state.callsTo('/pan').map((call) => call.status)).toEqual([429, 429, 200]);
    expect(recorder.list()).toHaveLength(1);
    expect(recorder.statuses().get(verificationId)).toBe('success');
  });

  it('gives up after the configured retries and records the call as never processed', async () => {
    h.sim.faults.set('/ifsc', { status: 429 });
    const { client, recorder } = h.newClient();
    const error = await rejectionOf(client.verifyIfsc({ ifsc: 'HDFC0000001' }));
    expect(error).toBeInstanceOf(CashfreeRateLimitError);
    expect(h.sim.state.callsTo('/ifsc')).toHaveLength(3);
    expect([...recorder.statuses().values()]).toEqual(['error']);
  });

  it('records a refused connection as never processed', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const recorder = new InMemoryVerificationRecorder();
    const client = new CashfreeClient({
      ...FAST,
      baseUrl: `http://127.0.0.1:${closedPort}`,
      clientId: 'id',
      clientSecret: 'secret',
      recorder,
    });
    const error = await rejectionOf(client.checkLiveliness({ image: await passingSelfie() }));
    expect(error).toBeInstanceOf(CashfreeNetworkError);
    expect(error).toMatchObject({ outcomeUnknown: false, retryable: true });
    expect([...recorder.statuses().values()]).toEqual(['error']);
  });

  it('never repeats a request Cashfree refused as invalid', async () => {
    const error = await rejectionOf(h.client.matchNames({ name1: '', name2: 'JOHN' }));
    expect(error).toBeInstanceOf(CashfreeValidationError);
    expect(h.sim.state.callsTo('/name-match')).toHaveLength(1);
  });
});

describe('endpoints without a status lookup: one more attempt under a new id, then indeterminate', () => {
  it('retries a liveliness check once under a new id after a 500, recording both attempts', async () => {
    h.sim.faults.set('/liveliness', { status: 500, times: 1 });
    const { client, recorder } = h.newClient();
    const result = await client.checkLiveliness({ image: await passingSelfie(2) });
    expect(result.attempt).toBe(2);
    const [first, second] = recorder.list();
    expect(first).toMatchObject({
      attempt: 1,
      finishes: [expect.objectContaining({ status: 'indeterminate', errorCode: 'request_failed' })],
    });
    expect(second).toMatchObject({ attempt: 2, verificationId: result.verificationId });
    expect(second?.finishes[0]?.status).toBe('success');
    expect(first?.verificationId).not.toBe(second?.verificationId);
    expect(processed('/liveliness').map((call) => call.verificationId)).toEqual([result.verificationId]);
  });

  it('a dropped connection after processing costs two checks, both recorded, never an unrecorded one', async () => {
    h.sim.faults.set('/face-match', { drop: true, afterProcessing: true, times: 1 });
    const { client, recorder } = h.newClient();
    const selfie = await passingSelfie(5);
    const result = await client.matchFaces({ firstImage: selfie, secondImage: selfie });
    expect(result.attempt).toBe(2);
    const sentIds = processed('/face-match').map((call) => call.verificationId);
    expect(sentIds).toHaveLength(2);
    expect(new Set(sentIds)).toEqual(new Set(recorder.list().map((v) => v.verificationId)));
    expect(recorder.pending()).toEqual([]);
  });

  it('ends indeterminate when the second attempt fails too, leaving nothing pending', async () => {
    h.sim.faults.set('/liveliness', { status: 502, afterProcessing: true });
    const { client, recorder } = h.newClient();
    const error = await rejectionOf(client.checkLiveliness({ image: await passingSelfie(6) }));
    expect(error).toBeInstanceOf(CashfreeIndeterminateError);
    const ids = (error as CashfreeIndeterminateError).verificationIds;
    expect(ids).toHaveLength(2);
    expect(ids.map((id) => recorder.statuses().get(id))).toEqual(['indeterminate', 'indeterminate']);
    expect((error as CashfreeIndeterminateError).cause).toBeInstanceOf(CashfreeServerError);
    expect(h.sim.state.callsTo('/liveliness')).toHaveLength(2);
  });

  it('sends a charged call at most twice, the second under the first id with _2, however long the provider fails', async () => {
    h.sim.faults.set('/name-match', { status: 503, afterProcessing: true });
    const { client, recorder } = h.newClient();
    const error = await rejectionOf(client.matchNames({ name1: 'JOHN DOE', name2: 'JOHN DOE' }));
    expect(error).toBeInstanceOf(CashfreeIndeterminateError);
    const [first, second] = (error as CashfreeIndeterminateError).verificationIds;
    expect(second).toBe(`${first}_2`);
    expect(processed('/name-match').map((call) => call.verificationId)).toEqual([first, second]);
    expect(recorder.list().map((entry) => [entry.verificationId, entry.attempt])).toEqual([
      [first, 1],
      [second, 2],
    ]);
  });

  it('a PAN call that times out after Cashfree processed it is retried once under a new record', async () => {
    h.sim.faults.set('/pan/advance', { latencyMs: 400, afterProcessing: true, times: 1 });
    const { client, recorder } = h.newClient({ timeoutMs: 150 });
    const startedAt = Date.now();
    const result = await client.verifyPanAdvance({ pan: 'AZJPG7110R' });
    expect(Date.now() - startedAt).toBeLessThan(400);
    expect(result.attempt).toBe(2);
    const [first] = recorder.list();
    expect(first?.finishes[0]).toMatchObject({ status: 'indeterminate', errorCode: 'timeout' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processed('/pan/advance').map((call) => call.verificationId)).toEqual([
      first?.verificationId,
      result.verificationId,
    ]);
  });
});

describe('endpoints with a status lookup: reconcile, never re-send blindly', () => {
  it('a dropped answer to a processed bank verification is recovered through the lookup, with one penny drop', async () => {
    h.sim.faults.set('/bank-account/async', { drop: true, afterProcessing: true, times: 1 });
    const { client, recorder } = h.newClient();
    const result = await client.verifyBankAccountAsync({
      bankAccount: '026291800001191',
      ifsc: 'YESB0000262',
      name: 'john doe',
    });
    expect(result).toMatchObject({
      attempt: 1,
      data: { account_status: 'VALID', user_id: result.verificationId },
    });
    expect(h.sim.state.callsTo('/bank-account/async')).toHaveLength(1);
    expect(h.sim.state.callsTo('/bank-account', 'GET').map((call) => call.verificationId)).toEqual([
      result.verificationId,
    ]);
    expect(recorder.list()).toHaveLength(1);
    expect(recorder.statuses().get(result.verificationId)).toBe('success');
  });

  it('a request lost before Cashfree processed it is sent again under the same id', async () => {
    h.sim.faults.set('/bank-account/async', { status: 502, times: 1 });
    const { client, recorder } = h.newClient();
    const result = await client.verifyBankAccountAsync({ bankAccount: '1233943142', ifsc: 'ICIC0000009' });
    const posts = h.sim.state.callsTo('/bank-account/async');
    expect(posts.map((call) => call.status)).toEqual([502, 200]);
    expect(posts.filter((call) => call.processed)).toHaveLength(1);
    expect(h.sim.state.callsTo('/bank-account', 'GET').map((call) => call.status)).toEqual([404]);
    expect(recorder.list().map((v) => v.verificationId)).toEqual([result.verificationId]);
  });

  it('when the lookup fails as well the verification ends indeterminate', async () => {
    h.sim.faults.set('POST /bank-account/async', { status: 500, afterProcessing: true });
    h.sim.faults.set('GET /bank-account', { status: 503 });
    const { client, recorder } = h.newClient();
    const error = await rejectionOf(
      client.verifyBankAccountAsync({ bankAccount: '388108022658', ifsc: 'ICIC0000009' }),
    );
    expect(error).toBeInstanceOf(CashfreeIndeterminateError);
    expect(processed('/bank-account/async')).toHaveLength(1);
    expect(h.sim.state.callsTo('/bank-account', 'GET')).toHaveLength(3);
    expect([...recorder.statuses().values()]).toEqual(['indeterminate']);
  });

  it('a lost DigiLocker answer is reconciled through the status lookup', async () => {
    h.sim.faults.set('/digilocker', { drop: true, afterProcessing: true, times: 1 });
    const { client } = h.newClient();
    const result = await client.createDigilockerRequest({ documents: ['AADHAAR'] });
    expect(result.data).toMatchObject({ status: 'PENDING', verification_id: result.verificationId });
    expect(result.data.url).toBeUndefined();
    expect(processed('/digilocker')).toHaveLength(1);
  });

  it('reads are repeated freely after server errors', async () => {
    const { verificationId } = await h.client.createDigilockerRequest({ documents: ['PAN'] });
    h.sim.faults.set('GET /digilocker', { status: 502, times: 2 });
    expect((await h.client.getDigilockerStatus({ verificationId })).status).toBe('PENDING');
    expect(h.sim.state.callsTo('/digilocker', 'GET').map((call) => call.status)).toEqual([502, 502, 200]);
  });
});
