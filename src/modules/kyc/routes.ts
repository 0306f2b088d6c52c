import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { CaseIdParams, CaseStatusResponse } from './schemas.js';
import type { KycService } from './service.js';

export const kycRoutes: FastifyPluginAsyncTypebox<{ kyc: KycService }> = async (app, { kyc }) => {
  const security = [{ bearerAuth: [] }];
  const customer = { onRequest: app.requireRole('customer') };

  app.post(
    '/submit',
    {
      ...customer,
      schema: {
        tags: ['kyc'],
        summary: 'Submit the profile for verification (freezes it into the case)',
        description:
          '409 kyc_incomplete lists what is missing: sections, a passed selfie, kyc_verification consent.',
        security,
        response: { 200: CaseStatusResponse },
      },
    },
    async (request) => ({ success: true as const, data: await kyc.submit(sessionOf(request).userId) }),
  );

  app.get(
    '/status',
    {
      ...customer,
      schema: {
        tags: ['kyc'],
        summary: 'Status, checks and reasons of the latest case',
        security,
        response: { 200: CaseStatusResponse },
      },
    },
    async (request) => ({ success: true as const, data: await kyc.status(sessionOf(request).userId) }),
  );

  app.post(
    '/rekyc',
    {
      ...customer,
      schema: {
        tags: ['kyc'],
        summary: 'After approval: open a new draft case',
        security,
        response: { 200: CaseStatusResponse },
      },
    },
    async (request) => ({ success: true as const, data: await kyc.rekyc(sessionOf(request).userId) }),
  );
};

export const adminKycRoutes: FastifyPluginAsyncTypebox<{ kyc: KycService }> = async (app, { kyc }) => {
  app.post(
    '/cases/:caseId/reopen',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['review'],
        summary: 'Reopen a rejected case for another review',
        security: [{ bearerAuth: [] }],
        params: CaseIdParams,
        response: { 200: CaseStatusResponse },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      return {
        success: true as const,
        data: await kyc.reopen(request.params.caseId, { id: session.userId, role: session.role }),
      };
    },
  );
};
