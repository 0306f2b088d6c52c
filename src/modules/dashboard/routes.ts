import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DashboardQuery, DashboardResponse } from './schemas.js';
import type { DashboardService } from './service.js';

export const adminDashboardRoutes: FastifyPluginAsyncTypebox<{ dashboard: DashboardService }> = async (
  app,
  { dashboard },
) => {
  app.get(
    '',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        operationId: 'getDashboard',
        summary: 'KYC dashboard',
        description:
          'Over a range of UTC days (default the last 30, at most 366): cases entering each status per day, automatic vs human decisions, turnaround from submission to decision (p50, p90), the top reasons for review and for action required, and provider errors per endpoint.',
        security: [{ bearerAuth: [] }],
        querystring: DashboardQuery,
        response: { 200: DashboardResponse },
      },
    },
    async (request) => ({ success: true as const, data: await dashboard.summary(request.query) }),
  );
};
