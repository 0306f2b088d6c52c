import type { AddressInfo } from 'node:net';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  buildSimulator,
  type SimulatorApp,
  type SimulatorOptions,
} from './app.js';
import type { FaultInjector } from './faults.js';
import type { SimulatorState } from './state.js';
import type { SimulatorWebhooks } from './webhooks.js';

export {
  DEFAULT_SIMULATOR_CREDENTIALS,
  buildSimulator,
  type SimulatorApp,
  type SimulatorCredentials,
  type SimulatorOptions,
} from './app.js';
export { FaultInjector, type FaultSpec } from './faults.js';
export { PERSONAS, type Persona } from './personas.js';
export { SimulatorState, type CallRecord } from './state.js';
export { SimulatorWebhooks, type WebhookDeliveryRecord } from './webhooks.js';

/** Where a newcomer reads what the simulator answers, relative to the repository. */
export const SIMULATOR_DOCS = 'docs/cashfree-simulator.md';

export interface StartSimulatorOptions extends SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback by default: the simulator is for local development and tests. */
  host?: string;
}

export interface RunningSimulator {
  /** Base URL to give the client, e.g. `http://127.0.0.1:43121`. */
  url: string;
  clientId: string;
  clientSecret: string;
  faults: FaultInjector;
  state: SimulatorState;
  webhooks: SimulatorWebhooks;
  app: SimulatorApp;
  close(): Promise<void>;
}

/** Builds the simulator and listens on a loopback port. */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const { port = 0, host = '127.0.0.1', ...simulatorOptions } = options;
  const app = buildSimulator(simulatorOptions);
  await app.listen({ port, host });
  const address = app.server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    clientId: simulatorOptions.clientId ?? DEFAULT_SIMULATOR_CREDENTIALS.clientId,
    clientSecret: simulatorOptions.clientSecret ?? DEFAULT_SIMULATOR_CREDENTIALS.clientSecret,
    faults: app.faults,
    state: app.state,
    webhooks: app.webhooks,
    app,
    close: () => app.close(),
  };
}
