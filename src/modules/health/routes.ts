import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DatabaseHandle } from '../../db/client.js';
import { serviceUnavailable } from '../../lib/errors.js';

const HealthResponse = Type.Object({ status: Type.String() });

export const healthRoutes: FastifyPluginAsyncTypebox<{
  database: DatabaseHandle;
  pingTimeoutMs: number;
}> = async (app, { database, pingTimeoutMs }) => {
  app.get(
    '/live',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: HealthResponse } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers; take traffic',
        response: { 200: HealthResponse },
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
      return { status: 'ready' };
    },
  );
};
