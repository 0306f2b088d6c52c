import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { CaseIdParams, CaseStatusResponse } from './schemas.js';
import type { KycDecisionService } from './decisions.js';
import type { KycService } from './service.js';
import { actorOf } from '../review/actor.js';

export const kycRoutes: FastifyPluginAsyncTypebox<{ kyc: KycService }> = async (app, { kyc }) => {
  const security = [{ bearerAuth: [] }];
  const customer = { onRequest: app.requireRole('customer') };

  app.post(
    '/submit',
    {
      ...customer,
      schema: {
        tags: ['kyc'],
        operationId: 'submitKyc',
        summary: 'Submit for verification',
        description:
          'Submit the profile for verification (freezes it into the case). 409 kyc_incomplete lists what is missing: sections, a passed selfie, kyc_verification consent.',
        security,
        errors: ['forbidden', 'contacts_unverified', 'version_conflict', 'kyc_incomplete', 'kyc_locked'],
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
        operationId: 'getKycStatus',
        summary: 'KYC status',
        description:
          "The status, checks and reasons of the customer's latest case, with the message a reviewer left for them.",
        security,
        errors: ['forbidden'],
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
        operationId: 'startRekyc',
        summary: 'Start re-KYC',
        description:
          'After approval, opens a new draft case so the customer can update and resubmit their profile.',
        security,
        errors: ['forbidden', 'kyc_not_approved', 'kyc_locked'],
        response: { 200: CaseStatusResponse },
      },
    },
    async (request) => ({ success: true as const, data: await kyc.rekyc(sessionOf(request).userId) }),
  );
};

export const adminKycRoutes: FastifyPluginAsyncTypebox<{ decisions: KycDecisionService }> = async (
  app,
  { decisions },
) => {
  app.post(
    '/cases/:caseId/reopen',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['review'],
        operationId: 'reopenCase',
        summary: 'Reopen a rejected case',
        description:
          'An admin reopens a rejected case; it goes back to the review queue with the history kept. Audited.',
        security: [{ bearerAuth: [] }],
        errors: ['forbidden', 'not_found', 'case_not_rejected', 'kyc_locked'],
        params: CaseIdParams,
        response: { 200: CaseStatusResponse },
      },
    },
    async (request) => ({
      success: true as const,
      data: await decisions.reopen(request.params.caseId, actorOf(request)),
    }),
  );
};
