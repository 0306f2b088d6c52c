import { setTimeout as delay } from 'node:timers/promises';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Value } from 'typebox/value';
import { FaultInjector, FaultSpec, faultBody } from './faults.js';
import { createGuard, type GuardOptions, type RouteAuth, type SimulatorCredentials } from './guard.js';
import {
  SimError,
  bodyOf,
  queryOf,
  validationError,
  type RouteHandler,
  type SimAnswer,
  type SimulatorContext,
} from './http.js';
import { registerBankRoutes } from './routes/bank.js';
import { MAX_IMAGE_BYTES, registerBiometricRoutes } from './routes/biometrics.js';
import { registerDigilockerRoutes } from './routes/digilocker.js';
import { registerEsignRoutes } from './routes/esign.js';
import { registerGeocodingRoutes } from './routes/geocoding.js';
import { registerPanRoutes } from './routes/pan.js';
import { registerPersonaRoutes } from './routes/personas.js';
import { registerSecureShareRoutes } from './routes/secure-share.js';
import { SimulatorState, type CallRecord } from './state.js';
import { SimulatorWebhooks } from './webhooks.js';

export type { SimulatorCredentials } from './guard.js';

export const DEFAULT_SIMULATOR_CREDENTIALS: SimulatorCredentials = {
  clientId: 'sim_client_id',
  clientSecret: 'sim_client_secret',
};

export interface SimulatorOptions extends GuardOptions {
  /** Defaults to DEFAULT_SIMULATOR_CREDENTIALS. */
  clientId?: string;
  clientSecret?: string;
  /** Default 200 ms. */
  bankAsyncSettleMs?: number;
  /** Default 10 minutes. */
  digilockerLinkTtlMs?: number;
  /** Seed for probabilistic faults. */
  faultSeed?: number;
  /** Where webhooks go (Cashfree's dashboard setting); unset, none are sent until `webhooks.deliverTo`. */
  webhookUrl?: string;
  logger?: boolean;
}

export type SimulatorApp = FastifyInstance & {
  faults: FaultInjector;
  state: SimulatorState;
  webhooks: SimulatorWebhooks;
};

type Method = 'GET' | 'POST' | 'DELETE';

function describeFault(fault: FaultSpec): string {
  if (fault.drop) return 'drop';
  if (fault.status) return String(fault.status);
  return 'latency';
}

/** A Fastify app that speaks Cashfree Secure ID's HTTP contract for the endpoints Pehchan uses. */
export function buildSimulator(options: SimulatorOptions = {}): SimulatorApp {
  const credentials: SimulatorCredentials = {
    clientId: options.clientId ?? DEFAULT_SIMULATOR_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? DEFAULT_SIMULATOR_CREDENTIALS.clientSecret,
  };
  const state = new SimulatorState();
  const faults = new FaultInjector(options.faultSeed);
  const webhooks = new SimulatorWebhooks(credentials.clientSecret);
  webhooks.deliverTo(options.webhookUrl);
  const context: SimulatorContext = {
    state,
    bankAsyncSettleMs: options.bankAsyncSettleMs ?? 200,
    digilockerLinkTtlMs: options.digilockerLinkTtlMs ?? 10 * 60 * 1000,
    webhooks,
  };
  const app = Fastify({ logger: options.logger ?? false });
  app.decorate('faults', faults);
  app.decorate('state', state);
  app.decorate('webhooks', webhooks);
  app.addHook('onClose', () => webhooks.close());
  app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 2, fields: 10 } });
  // The DigiLocker consent page posts an HTML form.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  const guard = createGuard(credentials, options);

  /** Applies a fault; `true` when it answered (or dropped) in place of the real answer. */
  const misbehave = async (
    fault: FaultSpec,
    request: FastifyRequest,
    reply: FastifyReply,
    call: CallRecord,
  ) => {
    if (fault.latencyMs) await delay(fault.latencyMs);
    if (fault.drop) {
      reply.hijack();
      request.raw.socket.destroy();
      return true;
    }
    if (fault.status) {
      call.status = fault.status;
      await reply.code(fault.status).send(faultBody(fault.status));
      return true;
    }
    return false;
  };

  const define =
    (auth: RouteAuth) =>
    (method: Method, path: string, handler: RouteHandler): void => {
      app.route({
        method,
        url: path,
        // Before the body is read, so a bad body never hides a credentials problem.
        onRequest: async (request, reply) => {
          const refusal = guard(request, auth, path);
          if (!refusal) return;
          state.logCall(method, path).status = refusal.status;
          return reply.code(refusal.status).send(refusal.toBody());
        },
        handler: async (request, reply) => {
          const call = state.logCall(method, path);
          const fault = auth !== 'none' ? faults.take(method, path) : undefined;
          if (fault) call.fault = describeFault(fault);
          if (fault && !fault.afterProcessing && (await misbehave(fault, request, reply, call))) return reply;
          let answer: SimAnswer;
          try {
            answer = await handler(request, call);
            call.processed = true;
          } catch (error) {
            if (!(error instanceof SimError)) throw error;
            answer = { status: error.status, body: error.toBody() };
          }
          if (fault?.afterProcessing && (await misbehave(fault, request, reply, call))) return reply;
          call.status = answer.status ?? 200;
          if (answer.headers) void reply.headers(answer.headers);
          return reply.code(call.status).send(answer.body);
        },
      });
    };
  const routes = { cashfree: define('client'), bearer: define('bearer'), simulator: define('none') };

  registerPanRoutes(routes.cashfree, context);
  registerBankRoutes(routes.cashfree, context);
  registerBiometricRoutes(routes.cashfree, context);
  registerGeocodingRoutes(routes.cashfree, context);
  registerDigilockerRoutes(routes, context);
  registerSecureShareRoutes(routes, context);
  registerEsignRoutes(routes, context);

  // Test controls, not part of Cashfree's API.
  routes.simulator('GET', '/simulator/faults', async () => ({ body: faults.list() }));
  routes.simulator('POST', '/simulator/faults', async (request) => {
    const body = bodyOf(request);
    const target = body['target'];
    if (typeof target !== 'string' || target === '')
      throw validationError('target_missing', 'target is missing in the request.');
    if (!Value.Check(FaultSpec, body['fault'])) {
      throw validationError('fault_value_invalid', 'fault should match the FaultSpec schema.');
    }
    faults.set(target, body['fault']);
    return { body: { target, fault: body['fault'] } };
  });
  routes.simulator('DELETE', '/simulator/faults', async (request) => {
    faults.clear(queryOf(request)['target']);
    return { status: 204, body: '' };
  });
  routes.simulator('GET', '/simulator/calls', async () => ({ body: state.calls }));
  routes.simulator('GET', '/simulator/webhooks', async () => ({ body: webhooks.deliveries }));
  registerPersonaRoutes(app);
  routes.simulator('POST', '/simulator/reset', async () => {
    state.reset();
    faults.clear();
    webhooks.reset();
    return { status: 204, body: '' };
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      type: 'not_found_error',
      code: 'not_found',
      message: `${request.method} ${request.url} not found`,
    });
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof SimError) return reply.code(error.status).send(error.toBody());
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      return reply
        .code(413)
        .send({ type: 'validation_error', code: 'file_size_exceeded', message: 'file size exceeded' });
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(400)
        .send({ type: 'validation_error', code: 'invalid_request', message: error.message });
    }
    return reply.code(500).send(faultBody(500));
  });

  return app as unknown as SimulatorApp;
}
