import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DatabaseHandle } from '../../db/client.js';
import { serviceUnavailable } from '../../lib/errors.js';
import type { ProviderHealth } from '../../providers/cashfree/index.js';

const HealthResponse = Type.Object({ status: Type.Literal('ok') });

const ReadyResponse = Type.Object({
  status: Type.Literal('ready'),
  provider: Type.Object(
    {
      status: Type.Union([Type.Literal('healthy'), Type.Literal('unhealthy')]),
      circuit: Type.Union(
        [Type.Literal('closed'), Type.Literal('open'), Type.Literal('half-open'), Type.Literal('isolated')],
        {
          description:
            'The circuit breaker: open answers at once without calling Cashfree; half-open lets one probe through',
        },
      ),
      refusal: Type.Optional(
        Type.Object({
          code: Type.String({ description: "Cashfree's error code, e.g. authentication_failed" }),
          httpStatus: Type.Integer(),
          since: Type.String({ format: 'date-time' }),
        }),
      ),
    },
    {
      description:
        'Cashfree as this process sees it: unhealthy while it refuses our credentials or headers (KYC checks ' +
        'wait, cases stay verifying) or while the circuit is open. Readiness does not depend on it.',
    },
  ),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{
  database: DatabaseHandle;
  pingTimeoutMs: number;
  providerHealth: () => ProviderHealth;
}> = async (app, { database, pingTimeoutMs, providerHealth }) => {
  app.get(
    '/live',
    {
      schema: {
        tags: ['health'],
        operationId: 'getLiveness',
        summary: 'Liveness probe',
        description:
          'Answers 200 while the process can serve requests; it checks nothing else, so an orchestrator restarts only a stuck process.',
        security: [],
        response: { 200: HealthResponse },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'Readiness probe',
        description:
          "200 when the database answers (and migrations and the job system are ready), 503 otherwise; details name each dependency, including the verification provider's health.",
        security: [],
        errors: ['service_unavailable'],
        response: { 200: ReadyResponse },
      },
    },
    async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('ping timed out')), pingTimeoutMs);
      });
      try {
        await Promise.race([database.ping(), timeout]);
      } catch {
        throw serviceUnavailable('Database unavailable');
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ready' as const, provider: providerHealth() };
    },
  );
};
