import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { CashfreeClient, cashfreeBaseUrl } from '../providers/cashfree/index.js';
import type { VerificationRecorder } from '../providers/cashfree/index.js';
import { SIMULATOR_DOCS, startSimulator } from '../providers/cashfree-simulator/index.js';
import type { RunningSimulator } from '../providers/cashfree-simulator/index.js';

export interface VerificationProvider {
  client: CashfreeClient;
  /** Where the client calls Cashfree (or the simulator). */
  baseUrl: string;
  /** Cashfree signs its webhooks with the client secret. */
  webhookSecret: string;
  /** The in-process Cashfree simulator, when no Cashfree credentials are configured. */
  simulator: RunningSimulator | undefined;
  close(): Promise<void>;
}

/**
 * Cashfree with the configured credentials, or (outside production only; config refuses it there)
 * the built-in simulator on a loopback port, so the service runs and is tested offline over real HTTP.
 */
export async function createVerificationProvider(
  config: Config,
  recorder: VerificationRecorder,
  logger: FastifyBaseLogger,
): Promise<VerificationProvider> {
  const { cashfree } = config;
  let simulator: RunningSimulator | undefined;
  let secureShare = cashfree.secureShare;
  if (!cashfree.clientId || !cashfree.clientSecret) {
    // A pair of its own, as Cashfree issues for the 1-Click app, so the separation is exercised.
    secureShare = {
      clientId: 'pehchan-simulator-1click',
      clientSecret: randomBytes(24).toString('base64url'),
    };
    simulator = await startSimulator({
      port: cashfree.simulatorPort,
      clientId: 'pehchan-simulator',
      clientSecret: randomBytes(24).toString('base64url'),
      secureShare,
      rateLimitPerMinute: cashfree.simulatorRateLimitPerMinute,
    }).catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
      throw new Error(
        `the Cashfree simulator's port ${cashfree.simulatorPort} is in use: set SIMULATOR_PORT to a free port (0 for any)`,
        { cause: error },
      );
    });
    logger.warn(
      { url: simulator.url, personas: `${simulator.url}/simulator/personas`, docs: SIMULATOR_DOCS },
      `no Cashfree credentials configured: verifying against the built-in simulator at ${simulator.url} (see ${SIMULATOR_DOCS})`,
    );
  }
  const baseUrl = simulator?.url ?? cashfreeBaseUrl(cashfree.env, cashfree.baseUrl);
  const client = new CashfreeClient({
    baseUrl,
    clientId: simulator?.clientId ?? cashfree.clientId!,
    clientSecret: simulator?.clientSecret ?? cashfree.clientSecret!,
    ...(secureShare ? { secureShare } : {}),
    ...(cashfree.publicKeyPath ? { publicKeyPem: readFileSync(cashfree.publicKeyPath, 'utf8') } : {}),
    timeoutMs: config.verification.providerTimeoutMs,
    recorder,
    logger,
  });
  return {
    client,
    baseUrl,
    webhookSecret: simulator?.clientSecret ?? cashfree.clientSecret!,
    simulator,
    close: async () => {
      await simulator?.close();
    },
  };
}

/** Where a client on this machine reaches a server listening on `address` (a wildcard means loopback). */
function localOrigin(address: AddressInfo): string {
  if (address.family === 'IPv6')
    return `http://[${address.address === '::' ? '::1' : address.address}]:${address.port}`;
  return `http://${address.address === '0.0.0.0' ? '127.0.0.1' : address.address}:${address.port}`;
}

/**
 * The built-in simulator sends Cashfree's webhooks to this server's `POST /v1/webhooks/cashfree` once it
 * listens, as the dashboard setting does in production. An app that never listens (`inject` in tests) gets none.
 */
export function sendSimulatorWebhooksHere(app: FastifyInstance, provider: VerificationProvider): void {
  const simulator = provider.simulator;
  if (!simulator) return;
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (address && typeof address === 'object')
      simulator.webhooks.deliverTo(`${localOrigin(address)}/v1/webhooks/cashfree`);
  });
}
