import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionOf } from '../../plugins/auth.js';
import { CaseIdParams, CaseStatusResponse } from '../kyc/schemas.js';
import type { KycService } from '../kyc/service.js';
import { CaseDetailResponse, DecisionBody } from './schemas.js';
import type { ReviewService } from './service.js';

export const reviewRoutes: FastifyPluginAsyncTypebox<{ review: ReviewService; kyc: KycService }> = async (
  app,
  { review, kyc },
) => {
  app.addHook('onRequest', app.requireRole('reviewer', 'admin'));
  const security = [{ bearerAuth: [] }];
  const actorOf = (request: Parameters<typeof sessionOf>[0]) => {
    const session = sessionOf(request);
    return { id: session.userId, role: session.role };
  };

  app.get(
    '/cases/:caseId',
    {
      schema: {
        tags: ['review'],
        operationId: 'getReviewCase',
        summary: 'View a case',
        description:
          'One case in full: the submitted snapshot, documents with signed links, checks and history. Each view is recorded in the case history.',
        security,
        params: CaseIdParams,
        response: { 200: CaseDetailResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { success: true as const, data: await review.view(request.params.caseId, actorOf(request)) };
    },
  );

  app.post(
    '/cases/:caseId/decision',
    {
      schema: {
        tags: ['review'],
        operationId: 'decideReviewCase',
        summary: 'Decide a case',
        description:
          'Approve, reject or request changes, with reason codes and a message for the customer. A decided case answers 409 `case_already_decided`.',
        security,
        params: CaseIdParams,
        body: DecisionBody,
        response: { 200: CaseStatusResponse },
      },
    },
    async (request) => {
      const row = await kyc.reviewDecision(request.params.caseId, actorOf(request), request.body);
      return { success: true as const, data: await kyc.status(row.userId) };
    },
  );
};
