import { CashfreeClient, type CashfreeClientOptions } from '../../../src/providers/cashfree/client.js';
import { InMemoryVerificationRecorder } from '../../../src/providers/cashfree/recorder.js';
import {
  startSimulator,
  type RunningSimulator,
  type StartSimulatorOptions,
} from '../../../src/providers/cashfree-simulator/index.js';

export interface Harness {
  sim: RunningSimulator;
  recorder: InMemoryVerificationRecorder;
  client: CashfreeClient;
  /** A further client on the same simulator, with its own breaker and recorder. */
  newClient(overrides?: Partial<CashfreeClientOptions>): {
    client: CashfreeClient;
    recorder: InMemoryVerificationRecorder;
  };
  close(): Promise<void>;
}

/** Small timings so retries and the breaker play out in milliseconds. */
export const FAST: Partial<CashfreeClientOptions> = {
  timeoutMs: 2_000,
  retries: 2,
  backoff: { baseMs: 5, maxMs: 20 },
  breaker: { consecutiveFailures: 50, halfOpenAfterMs: 200 },
};

export async function startHarness(simulatorOptions: StartSimulatorOptions = {}): Promise<Harness> {
  const sim = await startSimulator({ bankAsyncSettleMs: 0, rateLimitPerMinute: 0, ...simulatorOptions });
  const newClient = (overrides: Partial<CashfreeClientOptions> = {}) => {
    const recorder = new InMemoryVerificationRecorder();
    const client = new CashfreeClient({
      baseUrl: sim.url,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      recorder,
      ...FAST,
      ...overrides,
    });
    return { client, recorder };
  };
  const { client, recorder } = newClient();
  return { sim, client, recorder, newClient, close: () => sim.close() };
}

/** Calls the simulator directly, as Cashfree's SDK or a browser would. */
export async function simulatorPost(sim: RunningSimulator, path: string, body: unknown): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
