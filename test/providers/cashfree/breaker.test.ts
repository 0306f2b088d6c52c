import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CashfreeCircuitOpenError,
  CashfreeIndeterminateError,
  cashfreeErrorToAppError,
  type CashfreeError,
} from '../../../src/providers/cashfree/errors.js';
import { rejectionOf, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('circuit breaker', () => {
  it('opens after consecutive failures, answers fast without calling Cashfree, and closes after a good probe', async () => {
    const { client, recorder } = h.newClient({ breaker: { consecutiveFailures: 3, halfOpenAfterMs: 150 } });
    h.sim.faults.set('/name-match', { status: 500 });

    // Two attempts per verification: the third failure opens the circuit.
    expect(await rejectionOf(client.matchNames({ name1: 'A B', name2: 'A B' }))).toBeInstanceOf(
      CashfreeIndeterminateError,
    );
    expect(await rejectionOf(client.matchNames({ name1: 'A B', name2: 'A B' }))).toBeInstanceOf(
      CashfreeCircuitOpenError,
    );
    expect(client.circuitState).toBe('open');
    const callsWhenOpened = h.sim.state.callsTo('/name-match').length;
    expect(callsWhenOpened).toBe(3);
    const recordedWhenOpened = recorder.list().length;

    const startedAt = performance.now();
    const fast = await rejectionOf(client.matchNames({ name1: 'A B', name2: 'A B' }));
    expect(performance.now() - startedAt).toBeLessThan(50);
    expect(fast).toBeInstanceOf(CashfreeCircuitOpenError);
    expect(h.sim.state.callsTo('/name-match')).toHaveLength(callsWhenOpened);
    expect(recorder.list()).toHaveLength(recordedWhenOpened);
    expect(recorder.pending()).toEqual([]);

    const appError = cashfreeErrorToAppError(fast as CashfreeError);
    expect(appError).toMatchObject({ status: 503, code: 'provider_unavailable' });
    expect(Number(appError.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);

    h.sim.faults.clear();
    await wait(200);
    const { data } = await client.matchNames({ name1: 'A B', name2: 'A B' });
    expect(data.score).toBe(1);
    expect(client.circuitState).toBe('closed');
  });

  it('opens again when the half-open probe fails', async () => {
    const { client } = h.newClient({ breaker: { consecutiveFailures: 1, halfOpenAfterMs: 100 } });
    h.sim.faults.set('GET /digilocker', { status: 502 });
    expect(await rejectionOf(client.getDigilockerStatus({ verificationId: 'x' }))).toBeInstanceOf(
      CashfreeCircuitOpenError,
    );
    expect(client.circuitState).toBe('open');
    expect(h.sim.state.callsTo('/digilocker', 'GET')).toHaveLength(1);
    await wait(130);
    // One probe goes through, fails, and the circuit refuses the read's retry.
    const probe = await rejectionOf(client.getDigilockerStatus({ verificationId: 'x' }));
    expect(probe).toBeInstanceOf(CashfreeCircuitOpenError);
    expect(h.sim.state.callsTo('/digilocker', 'GET').map((call) => call.status)).toEqual([502, 502]);
    expect(client.circuitState).toBe('open');
    h.sim.faults.clear();
  });

  it('does not count refusals (4xx) as provider failures', async () => {
    const { client } = h.newClient({ breaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 } });
    for (let i = 0; i < 4; i++) {
      await rejectionOf(client.verifyPan({ pan: 'bad' }));
    }
    expect(client.circuitState).toBe('closed');
  });

  it('maps refusals of what we sent to 502 provider_error', async () => {
    const error = await rejectionOf(h.client.verifyPan({ pan: 'bad' }));
    expect(cashfreeErrorToAppError(error as CashfreeError)).toMatchObject({
      status: 502,
      code: 'provider_error',
    });
  });

  it('maps refused credentials to 503 provider_unavailable: the operator fixes them, the customer retries later', async () => {
    const { client } = h.newClient({ clientSecret: 'wrong' });
    const error = await rejectionOf(client.verifyPan({ pan: 'ABCPV1234D' }));
    expect(cashfreeErrorToAppError(error as CashfreeError)).toMatchObject({
      status: 503,
      code: 'provider_unavailable',
    });
  });
});
